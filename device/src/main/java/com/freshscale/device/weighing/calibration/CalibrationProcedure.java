package com.freshscale.device.weighing.calibration;

import com.freshscale.device.weighing.LoadCell;
import com.freshscale.device.weighing.LoadCellException;
import com.freshscale.device.weighing.RawRead;
import com.freshscale.device.weighing.pipeline.ScaleIntervals;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measures calibration points on a load cell: after the load has had time to come to rest, averages the good
 * reads of a measuring period and checks the load was steady during it (the two halves agree within the noise);
 * an unsteady load is measured again, up to a limit, and then refused.
 */
public final class CalibrationProcedure {
    /** The load must be at rest this long before measuring (hand off the mass, platter oscillation gone). */
    static final double SETTLE_SECONDS = 1.0;
    /** Averaging period: 2 s = 160 conversions at 80 SPS, noise of the mean well below 0.1 e. */
    static final double MEASURE_SECONDS = 2.0;
    private static final int ATTEMPTS = 5;

    private final LoadCell loadCell;
    private final RawRead read = new RawRead();

    public CalibrationProcedure(LoadCell loadCell) {
        this.loadCell = loadCell;
    }

    /** A measured point: mean counts and the standard deviation of the reads. */
    public record Measurement(double counts, double stdDevCounts, int reads) {}

    /** Averages the ADC output with the current load at rest. */
    public Measurement measure() {
        int rate = loadCell.sampleRateSps();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            skip((int) (SETTLE_SECONDS * rate));
            int n = (int) (MEASURE_SECONDS * rate);
            double[] values = collect(n);
            double first = mean(values, 0, n / 2);
            double second = mean(values, n / 2, n);
            double sd = stdDev(values);
            // halves differ by more than 5 standard errors: the load was still moving
            if (Math.abs(first - second) <= 5 * sd * Math.sqrt(4.0 / n) + 1) {
                return new Measurement(mean(values, 0, n), sd, n);
            }
        }
        throw new IllegalStateException("the load did not come to rest: keep the platter still and retry");
    }

    private void skip(int n) {
        for (int i = 0; i < n; i++) loadCell.read(read);
    }

    private double[] collect(int n) {
        double[] v = new double[n];
        int got = 0;
        int bad = 0;
        while (got < n) {
            loadCell.read(read);
            if (read.good()) v[got++] = read.counts();
            else if (++bad > n) throw new LoadCellException("too many bad reads from the load cell while calibrating");
        }
        // drop single-read spikes: anything further than 6 robust standard deviations from the median
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        double median = sorted[n / 2];
        double[] dev = new double[n];
        for (int i = 0; i < n; i++) dev[i] = Math.abs(v[i] - median);
        Arrays.sort(dev);
        double mad = Math.max(1, dev[n / 2] * 1.4826);
        List<Double> kept = new ArrayList<>();
        for (double x : v) if (Math.abs(x - median) <= 6 * mad) kept.add(x);
        return kept.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double mean(double[] v, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += v[i];
        return s / (to - from);
    }

    private static double stdDev(double[] v) {
        double m = mean(v, 0, v.length);
        double s = 0;
        for (double x : v) s += (x - m) * (x - m);
        return Math.sqrt(s / Math.max(1, v.length - 1));
    }

    /**
     * Checks a fresh calibration against the scale's Max and e: the span must be measured with a reference of
     * at least 10 % of Max, and one e must be resolved by enough counts that the HX711's noise stays well below it.
     */
    public static void check(Calibration calibration, ScaleIntervals intervals) {
        long heaviest = calibration.points().get(calibration.points().size() - 1).massMg();
        if (heaviest < intervals.maxMg() / 10)
            throw new IllegalArgumentException("the heaviest reference mass (" + heaviest / 1000.0
                    + " g) is below 10 % of Max: use a heavier one for an accurate span");
        double countsPerE = calibration.countsPerMg() * intervals.e1Mg();
        // R76 allows a noise well below e; 20 counts per e keeps the HX711's ~100 counts RMS averaged to < 0.1 e
        if (countsPerE < 20)
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "the load cell gives only %.1f counts per e (%d mg): too little signal for this e", countsPerE,
                    intervals.e1Mg()));
    }

    /** Largest deviation of the intermediate points from the straight line through zero and the heaviest point, in e1. */
    public static double linearityE(Calibration calibration, ScaleIntervals intervals) {
        List<CalibrationPoint> p = calibration.points();
        CalibrationPoint z = p.get(0);
        CalibrationPoint top = p.get(p.size() - 1);
        double slope = top.massMg() / (top.counts() - z.counts());
        double worst = 0;
        for (CalibrationPoint q : p) {
            double straight = (q.counts() - z.counts()) * slope;
            worst = Math.max(worst, Math.abs(straight - q.massMg()));
        }
        return worst / intervals.e1Mg();
    }
}
