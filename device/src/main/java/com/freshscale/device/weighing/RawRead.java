package com.freshscale.device.weighing;

/**
 * One conversion read from the load-cell ADC. Mutable and reused by the reader so the 80 SPS read loop does
 * not allocate; copy what you need before the next read.
 */
public final class RawRead {
    /** Why a read must not reach the displayed weight. */
    public enum Fault {
        NONE,
        /** 0x7FFFFF or 0x800000: the input is outside the ADC range (HX711 datasheet, "Serial Interface"). */
        SATURATED,
        /** The last bits all read 1: the HX711 powered down mid-read and DOUT went high. */
        ONES_TAIL,
        /** SCK stayed high longer than allowed: the HX711 may have powered down (> 60 µs) mid-read. */
        SCK_STRETCHED,
        /** The ADC is still settling after power-up or a gain change. */
        SETTLING,
        /**
         * The conversion came much later than the sample period: the HX711 re-settled after a reset or a gain
         * change nobody asked for (a spurious PD_SCK edge miscounts the gain pulses), so its channel/gain is unknown.
         */
        LATE
    }

    private int counts;
    private Fault fault = Fault.NONE;
    private long timestampNanos;
    private long maxSckHighNanos;

    public void set(int counts, Fault fault, long timestampNanos, long maxSckHighNanos) {
        this.counts = counts;
        this.fault = fault;
        this.timestampNanos = timestampNanos;
        this.maxSckHighNanos = maxSckHighNanos;
    }

    /** Sign-extended ADC code. */
    public int counts() {
        return counts;
    }

    public Fault fault() {
        return fault;
    }

    public boolean good() {
        return fault == Fault.NONE;
    }

    public long timestampNanos() {
        return timestampNanos;
    }

    /** Longest SCK-high time measured during this read. */
    public long maxSckHighNanos() {
        return maxSckHighNanos;
    }

    @Override
    public String toString() {
        return "RawRead[" + counts + ", " + fault + "]";
    }
}
