package com.freshscale.device.weighing;

import java.util.concurrent.locks.LockSupport;

/**
 * The time base of the weighing chain. The HX711 driver measures its SCK-high time and waits for DOUT with it;
 * the simulator substitutes a simulated clock so that a bench of thousands of conversions runs faster than
 * real time while every timing check still sees datasheet-scale durations.
 */
public interface MonotonicClock {
    /** Monotonic time in nanoseconds (arbitrary origin). */
    long nanoTime();

    /** Lets {@code nanos} pass (sleeping on a real clock, advancing a simulated one). */
    void pause(long nanos);

    /** The machine's clock. */
    MonotonicClock SYSTEM = new MonotonicClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void pause(long nanos) {
            LockSupport.parkNanos(nanos);
        }
    };
}
