package com.freshscale.device.weighing.hx711;

import com.freshscale.device.weighing.LoadCell;
import com.freshscale.device.weighing.LoadCellException;
import com.freshscale.device.weighing.MonotonicClock;
import com.freshscale.device.weighing.RawRead;

/**
 * HX711 24-bit load-cell ADC, bit-banged (Avia Semiconductor HX711 datasheet, "Serial Interface" and Fig. 2).
 *
 * <p>A read waits for DOUT low (conversion ready), then clocks PD_SCK 25–27 times: 24 data bits MSB first,
 * then 1–3 pulses choosing the next conversion's channel and gain. Linux may pre-empt us while PD_SCK is high;
 * past 60 µs the HX711 powers down and the rest of the read is garbage. Every pulse is timed and such reads
 * are flagged, as are saturation codes and all-ones tails; the pipeline drops them. The read loop works on
 * primitives only: no allocation at 80 SPS.
 */
public final class Hx711 implements LoadCell {
    private static final int DATA_BITS = 24;
    /** Saturation codes (datasheet: output is clamped to 0x7FFFFF / 0x800000 outside the input range). */
    private static final int CODE_MAX = 0x7FFFFF;
    private static final int CODE_MIN = 0xFF800000;
    /** A read ending in this many 1 bits is taken as DOUT having gone high mid-read (power-down). */
    static final int ONES_TAIL_BITS = 8;
    private static final int ONES_TAIL_MASK = (1 << ONES_TAIL_BITS) - 1;
    /** Power-down: PD_SCK high for more than 60 µs (datasheet, "Power Down"); we hold it 100 µs. */
    private static final long POWER_DOWN_HOLD_NANOS = 100_000;

    private final Hx711Pins pins;
    private final MonotonicClock clock;
    private final int rateSps;
    private final Hx711Gain gain;
    private final long maxSckHighNanos;
    private final long settleNanos;
    private final long timeoutNanos;
    private final long pollNanos;
    /** A wait for DOUT longer than this (2.5 periods) means the chip did not convert on its own schedule. */
    private final long lateNanos;

    /** Reads before this time are still settling. */
    private long settledAt;
    /** Reads left to discard because they were converted at the power-on gain (A128), not ours. */
    private int staleGainReads;
    private boolean poweredDown;
    /** Rate check: reads in a row whose spacing contradicts the configured rate (RATE pin wired otherwise). */
    private int lateInARow;
    private int earlyInARow;
    private long lastReadAt;
    private final long periodNanos;

    public Hx711(Hx711Pins pins, MonotonicClock clock, int rateSps, Hx711Gain gain, long maxSckHighNanos) {
        if (rateSps != 10 && rateSps != 80) throw new IllegalArgumentException("HX711 rate is 10 or 80 SPS, not " + rateSps);
        this.pins = pins;
        this.clock = clock;
        this.rateSps = rateSps;
        this.gain = gain;
        this.maxSckHighNanos = maxSckHighNanos;
        this.settleNanos = settlingNanos(rateSps);
        long period = 1_000_000_000L / rateSps;
        this.periodNanos = period;
        // Longest legitimate wait: settling after a power-up plus two periods, at the slower rate, so that a RATE
        // pin wired for 10 SPS shows as late conversions (and is named as such) rather than as a dead chip.
        this.timeoutNanos = settlingNanos(10) + 2 * 100_000_000L;
        this.pollNanos = period / 50;
        this.lateNanos = 5 * period / 2;
        pins.clockLow();
        startSettling();
    }

    /** Output settling time after power-up, reset or gain change: 400 ms at 10 SPS, 50 ms at 80 SPS (datasheet). */
    public static long settlingNanos(int rateSps) {
        return rateSps == 80 ? 50_000_000L : 400_000_000L;
    }

    private void startSettling() {
        settledAt = clock.nanoTime() + settleNanos;
        // After power-up the HX711 converts channel A at 128; the first read selects our gain.
        staleGainReads = gain == Hx711Gain.A128 ? 0 : 1;
    }

    @Override
    public void read(RawRead into) {
        if (poweredDown) throw new LoadCellException("load cell is powered down");
        long waited = waitReady();
        int value = 0;
        long maxHigh = 0;
        final int pulses = gain.pulses();
        for (int i = 0; i < pulses; i++) {
            long t0 = clock.nanoTime();
            pins.clockHigh();
            // DOUT is valid at most 0.1 us after the rising edge (T2), far below one GPIO call.
            boolean bit = pins.dataHigh();
            pins.clockLow();
            long high = clock.nanoTime() - t0;
            if (high > maxHigh) maxHigh = high;
            if (i < DATA_BITS) value = (value << 1) | (bit ? 1 : 0);
        }
        long now = clock.nanoTime();
        int counts = (value << 8) >> 8; // sign-extend 24-bit two's complement
        RawRead.Fault fault;
        if (maxHigh > maxSckHighNanos) {
            fault = RawRead.Fault.SCK_STRETCHED;
            // It may have powered down and reset: wait for the output to settle and restore our gain.
            startSettling();
        } else if (now < settledAt) {
            fault = RawRead.Fault.SETTLING;
        } else if (staleGainReads > 0) {
            staleGainReads--;
            fault = RawRead.Fault.SETTLING;
            settledAt = now + settleNanos;
        } else if (waited > lateNanos) {
            // it re-settled on its own (reset, or a gain change from a miscounted pulse): this read may be at
            // a wrong gain; the next one comes after the gain change back to ours and is late as well
            fault = RawRead.Fault.LATE;
        } else if (counts == CODE_MAX || counts == CODE_MIN) {
            fault = RawRead.Fault.SATURATED;
        } else if ((value & ONES_TAIL_MASK) == ONES_TAIL_MASK) {
            fault = RawRead.Fault.ONES_TAIL;
        } else {
            fault = RawRead.Fault.NONE;
        }
        checkRate(waited, now, fault);
        into.set(counts, fault, now, maxHigh);
    }

    /**
     * The RATE pin cannot be read back, but it shows in the timing: at 10 SPS every wait is late for a driver set
     * to 80, and at 80 SPS conversions keep coming much faster than a driver set to 10 expects.
     */
    private void checkRate(long waited, long now, RawRead.Fault fault) {
        lateInARow = fault == RawRead.Fault.LATE ? lateInARow + 1 : 0;
        // only reads that had to wait for DOUT are paced by the chip
        boolean early = lastReadAt != 0 && waited >= pollNanos && now - lastReadAt < periodNanos / 3;
        earlyInARow = early ? earlyInARow + 1 : 0;
        lastReadAt = now;
        if (lateInARow >= 10 || earlyInARow >= 10) {
            lateInARow = 0;
            earlyInARow = 0;
            throw new LoadCellException("HX711 conversions do not arrive at the configured " + rateSps
                    + " SPS: check that the RATE pin is wired " + (rateSps == 80 ? "high (80 SPS)" : "low (10 SPS)")
                    + " or set loadcell.rate_sps to match");
        }
    }

    /** Waits for DOUT low; returns how long that took. */
    private long waitReady() {
        long start = clock.nanoTime();
        while (pins.dataHigh()) {
            if (clock.nanoTime() - start > timeoutNanos)
                throw new LoadCellException("load cell not responding: HX711 DOUT stayed high for "
                        + (timeoutNanos / 1_000_000) + " ms (check wiring, power and the RATE pin)");
            clock.pause(pollNanos);
        }
        return clock.nanoTime() - start;
    }

    @Override
    public int sampleRateSps() {
        return rateSps;
    }

    @Override
    public void powerDown() {
        pins.clockHigh();
        clock.pause(POWER_DOWN_HOLD_NANOS);
        poweredDown = true;
    }

    @Override
    public void powerUp() {
        pins.clockLow();
        poweredDown = false;
        startSettling();
    }

    @Override
    public void close() {
        pins.close();
    }
}
