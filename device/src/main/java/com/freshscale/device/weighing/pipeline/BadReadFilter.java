package com.freshscale.device.weighing.pipeline;

import com.freshscale.device.weighing.RawRead;
import java.util.Arrays;

/**
 * First stage: drops reads the driver flagged (saturated, stretched clock, all-ones tail, settling) and reads
 * further than a threshold from the median of the recent good reads. Dropped outliers still enter the
 * median's history, so a real load change becomes the median after (window+1)/2 reads and passes, while a
 * glitch shorter than that never does.
 */
public final class BadReadFilter {
    private final int[] history;
    private final long[] scratch;
    private final double thresholdCounts;
    private int size;
    private int next;
    private int consecutiveDropped;

    public BadReadFilter(int window, double thresholdCounts) {
        if (window < 3 || window % 2 == 0) throw new IllegalArgumentException("window must be odd and ≥ 3");
        this.history = new int[window];
        this.scratch = new long[window];
        this.thresholdCounts = thresholdCounts;
    }

    /** True when {@code read} may go on down the pipeline. */
    public boolean accept(RawRead read) {
        if (!read.good()) {
            consecutiveDropped++;
            return false;
        }
        int c = read.counts();
        history[next] = c;
        next = (next + 1) % history.length;
        if (size < history.length) size++;
        if (size < history.length) { // not enough history to judge yet
            consecutiveDropped++;
            return false;
        }
        if (Math.abs(c - median()) > thresholdCounts) {
            consecutiveDropped++;
            return false;
        }
        consecutiveDropped = 0;
        return true;
    }

    private double median() {
        for (int i = 0; i < size; i++) scratch[i] = history[i];
        Arrays.sort(scratch, 0, size);
        return scratch[size / 2];
    }

    /** Reads dropped in a row (a load cell giving only bad reads is a fault). */
    public int consecutiveDropped() {
        return consecutiveDropped;
    }

    /** Forgets the history (after a fault or power-down the old level means nothing). */
    public void reset() {
        size = 0;
        next = 0;
    }
}
