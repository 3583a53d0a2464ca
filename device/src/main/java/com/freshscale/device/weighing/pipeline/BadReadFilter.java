package com.freshscale.device.weighing.pipeline;

import com.freshscale.device.weighing.RawRead;
import java.util.Arrays;

/**
 * First stage: drops reads the driver flagged (saturated, stretched clock, all-ones tail, settling, late) and
 * reads further than a threshold from the median of the recent good reads. Dropped outliers still enter the
 * median's history, so a real load change becomes the median after (window+1)/2 reads and passes, while a
 * glitch shorter than that never does.
 *
 * <p>Each read is held back by one read: when the next conversion comes late, the chip re-settled on its own —
 * typically after a spurious PD_SCK edge, which also shifted the bits of the read just taken — so the held read
 * is dropped as well.
 */
public final class BadReadFilter {
    private final int[] history;
    private final long[] scratch;
    private final double thresholdCounts;
    private int size;
    private int next;
    private int consecutiveDropped;
    // the read held back
    private boolean held;
    private int heldCounts;
    private long heldTime;
    // the read released by the last accept()
    private int counts;
    private long time;

    public BadReadFilter(int window, double thresholdCounts) {
        if (window < 3 || window % 2 == 0) throw new IllegalArgumentException("window must be odd and ≥ 3");
        this.history = new int[window];
        this.scratch = new long[window];
        this.thresholdCounts = thresholdCounts;
    }

    /**
     * Takes the newest read; true when the read before it may go on down the pipeline, with
     * {@link #counts()} and {@link #timestampNanos()}.
     */
    public boolean accept(RawRead read) {
        boolean release = held && read.fault() != RawRead.Fault.LATE;
        counts = heldCounts;
        time = heldTime;
        held = judge(read);
        if (held) {
            heldCounts = read.counts();
            heldTime = read.timestampNanos();
        }
        if (release) {
            consecutiveDropped = 0;
        } else {
            consecutiveDropped++;
        }
        return release;
    }

    private boolean judge(RawRead read) {
        if (!read.good()) return false;
        int c = read.counts();
        history[next] = c;
        next = (next + 1) % history.length;
        if (size < history.length) size++;
        if (size < history.length) return false; // not enough history to judge yet
        return Math.abs(c - median()) <= thresholdCounts;
    }

    private double median() {
        for (int i = 0; i < size; i++) scratch[i] = history[i];
        Arrays.sort(scratch, 0, size);
        return scratch[size / 2];
    }

    /** True when a newer read than the released one is held (it passed the checks so far). */
    public boolean holding() {
        return held;
    }

    /** Counts of the held (newest) read; meaningful when {@link #holding()}. */
    public int heldCounts() {
        return heldCounts;
    }

    /** Counts of the read released by the last {@link #accept}. */
    public int counts() {
        return counts;
    }

    public long timestampNanos() {
        return time;
    }

    /** Reads dropped in a row (a load cell giving only bad reads is a fault). */
    public int consecutiveDropped() {
        return consecutiveDropped;
    }

    /** Forgets the history (after a fault or power-down the old level means nothing). */
    public void reset() {
        size = 0;
        next = 0;
        held = false;
    }
}
