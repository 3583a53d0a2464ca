package com.freshscale.device.weighing.pipeline;

/**
 * Stable = every reading of the last {@code window} lies within ± band of the window's mid-range, i.e. the
 * spread (max − min) is at most twice the band, and the newest reading is within ± band of the window's mean
 * (R76-1 4.4.2: equilibrium sufficiently stable). The window must be covered by readings without a gap:
 * right after a change, or after reads were dropped, nothing is stable until {@code window} has passed.
 */
public final class StabilityDetector {
    private final long windowNanos;
    private final long maxGapNanos;
    private final long[] times;
    private final double[] values;
    private int size;
    private int next;
    private double windowMean;

    /**
     * @param capacity    the most samples a window can hold (window × rate + margin)
     * @param maxGapNanos longest gap between readings (dropped reads) that still counts as watching the load
     */
    public StabilityDetector(long windowNanos, int capacity, long maxGapNanos) {
        this.windowNanos = windowNanos;
        this.maxGapNanos = maxGapNanos;
        this.times = new long[capacity];
        this.values = new double[capacity];
    }

    public static StabilityDetector forRate(long windowNanos, int rateSps) {
        // up to two dropped reads in a row are tolerated; a longer gap means the load was not watched
        return new StabilityDetector(windowNanos, (int) (windowNanos * rateSps / 1_000_000_000L) + 4,
                3 * 1_000_000_000L / rateSps);
    }

    /** Adds a reading at {@code t} and answers whether the readings are stable within ± {@code band}. */
    public boolean add(long t, double value, double band) {
        times[next] = t;
        values[next] = value;
        next = (next + 1) % times.length;
        if (size < times.length) size++;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        int n = 0;
        boolean covered = false;
        long newer = t;
        for (int k = 1; k <= size; k++) {
            int i = Math.floorMod(next - k, times.length);
            long age = t - times[i];
            if (newer - times[i] > maxGapNanos) break; // readings missing: the window is not covered
            newer = times[i];
            if (age > windowNanos) {
                covered = true;
                break;
            }
            double v = values[i];
            if (v < min) min = v;
            if (v > max) max = v;
            sum += v;
            n++;
            if (age == windowNanos) {
                covered = true;
                break;
            }
        }
        windowMean = sum / n;
        // the newest reading must also sit within the band around the mean: a load that has just begun to
        // move breaks stability at once, not only when the spread has grown to the full band
        return covered && max - min <= 2 * band && Math.abs(value - windowMean) <= band;
    }

    /** Mean of the readings in the current window. */
    public double windowMean() {
        return windowMean;
    }

    public void reset() {
        size = 0;
        next = 0;
    }
}
