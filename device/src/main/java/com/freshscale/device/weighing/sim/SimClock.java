package com.freshscale.device.weighing.sim;

import com.freshscale.device.weighing.MonotonicClock;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * Simulated time: advances only when someone pauses, so a bench covers minutes of weighing in seconds while
 * the HX711 timing rules (60 µs power-down, conversion periods) still hold in simulated nanoseconds. With
 * {@code realTime} each pause also sleeps, which paces the demo to the wall clock.
 */
public final class SimClock implements MonotonicClock {
    private final boolean realTime;
    private final CopyOnWriteArrayList<LongConsumer> listeners = new CopyOnWriteArrayList<>();
    private volatile long now;

    public SimClock(boolean realTime) {
        this.realTime = realTime;
        this.now = 1_000_000_000L;
    }

    /** Called with the new time after every advance (the HX711 simulator uses it to complete conversions). */
    public void onAdvance(LongConsumer listener) {
        listeners.add(listener);
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void pause(long nanos) {
        if (realTime) LockSupport.parkNanos(nanos);
        advance(nanos);
    }

    /** Moves time forward (e.g. the kernel pre-empting the driver while PD_SCK is high). */
    public void advance(long nanos) {
        if (nanos < 0) throw new IllegalArgumentException("time does not run backwards");
        now += nanos;
        long t = now;
        for (LongConsumer l : listeners) l.accept(t);
    }
}
