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
     * The heaviest reference must be at least this part of Max. Above it the calibration extends its last segment to
     * Max, and the error of that extrapolation grows with the load cell's bow times the distance extrapolated: with one
     * reference at 10 % of Max a 0.02 % cell read 2 e low at Max (probe: 15 000 g read 14 990 g with e = 5 g), beyond
     * the ±1.5 e of initial verification (OIML R76-1 3.5.1, Table 6). A span weight of at least 2/3 of Max, best Max
     * itself, is the common practice of scale makers' calibration procedures; R76 itself prescribes the test loads of
     * verification (R76-1 A.4.4.1: up to Max), not the adjustment.
     */
    public static final double MIN_SPAN_OF_MAX = 2.0 / 3;

    /**
     * The share of the maximum permissible error on initial verification (R76-1 3.5.1, Table 6, per partial range) the
     * calibration curve itself may take, anywhere from zero to Max. The rest is left for what verification adds to
     * it: repeatability, eccentricity, creep, temperature and the reference masses' own error (≤ 1/3 MPE, R76-1 3.7.1);
     * R76-1 3.10.2.1 apportions the MPE among a scale's modules the same way (p = 0.5 for an indicator).
     */
    public static final double CURVE_SHARE_OF_MPE = 0.5;

    /**
     * Checks a fresh calibration against the scale's Max and e before it is stored, and refuses it (saying what to do)
     * unless it will weigh within a fraction of the verification MPE from zero to Max:
     * <ul>
     * <li>one e must be resolved by enough counts that the HX711's noise stays well below it;</li>
     * <li>the heaviest reference must be at least {@link #MIN_SPAN_OF_MAX 2/3 of Max};</li>
     * <li>at least two reference masses: one shows the span only, not the load cell's bow between zero and it (the
     * demo's 0.02 % cell calibrated at Max alone reads 2.35 g high at 4 kg, where the MPE is 1 e = 2 g); two or more
     * measure it, and the multi-point calibration corrects it;</li>
     * <li>the bow measured at the references, modelled as a parabola through zero and the heaviest reference (how a
     * load cell's non-linearity is specified, OIML R60), must fit every reference within {@link #CURVE_SHARE_OF_MPE}
     * of the MPE there (else a mass is not what was typed, not centred or not at rest), and the error it leaves
     * between the references and above the heaviest one up to Max, estimated from it, too.</li>
     * </ul>
     */
    public static void check(Calibration calibration, ScaleIntervals intervals) {
        List<CalibrationPoint> p = calibration.points();
        double countsPerE = calibration.countsPerMg() * intervals.e1Mg();
        // R76 allows a noise well below e; 20 counts per e keeps the HX711's ~100 counts RMS averaged to < 0.1 e
        if (countsPerE < 20)
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "the load cell gives only %.1f counts per e (%d mg): too little signal for this e", countsPerE,
                    intervals.e1Mg()));
        long max = intervals.maxMg();
        long heaviest = p.get(p.size() - 1).massMg();
        long minSpan = (long) Math.ceil(max * MIN_SPAN_OF_MAX);
        if (heaviest < minSpan)
            throw new IllegalArgumentException("the heaviest reference mass (" + grams(heaviest) + ") is below 2/3 of Max ("
                    + grams(minSpan) + "): the scale would extrapolate its span to Max (" + grams(max) + ") and read wrong "
                    + "there; calibrate with references up to at least " + grams(minSpan) + ", best Max itself, e.g. "
                    + suggested(max));
        if (p.size() < 3)
            throw new IllegalArgumentException("one reference mass cannot show the load cell's non-linearity between zero "
                    + "and it: use at least two, the heaviest at or near Max, e.g. " + suggested(max));
        Curve c = curve(calibration, intervals);
        if (c.worstResidualShare() > CURVE_SHARE_OF_MPE)
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "the references do not lie on one smooth load-cell curve (at %s off by %.1f g, %.0f %% of the maximum "
                            + "permissible error there): check that each mass is what was entered, centred and at rest, then "
                            + "calibrate again", grams(Math.round(c.worstResidualAtMg())), c.worstResidualMg() / 1000,
                    100 * c.worstResidualShare()));
        if (c.worstShare() > CURVE_SHARE_OF_MPE) {
            long at = Math.round(c.worstAtMg());
            String where;
            if (at > heaviest) {
                where = "above the heaviest reference: add a reference at Max (" + grams(max) + ")";
            } else {
                long below = 0;
                long above = heaviest;
                for (CalibrationPoint q : p) {
                    if (q.massMg() <= at) below = q.massMg();
                    else {
                        above = q.massMg();
                        break;
                    }
                }
                where = "between the references of " + grams(below) + " and " + grams(above) + ": add one near "
                        + grams(roundToGram((below + above) / 2));
            }
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "the load cell is not linear enough for these references: at %s the scale would be off by about %.1f g, "
                            + "%.0f %% of the maximum permissible error there (at most %.0f %% allowed), %s",
                    grams(at), c.worstErrorMg() / 1000, 100 * c.worstShare(), 100 * CURVE_SHARE_OF_MPE, where));
        }
    }

    /**
     * What the references say about the calibration curve: {@code bowMg} the load cell's deviation from the straight line
     * through zero and the heaviest reference at its middle (the fitted parabola); the worst residual of a reference
     * from the parabola; and the worst error the calibration leaves, estimated from the parabola, anywhere from zero to
     * Max, in mg and as a share of the MPE on initial verification there.
     */
    public record Curve(double bowMg, double worstResidualMg, double worstResidualAtMg, double worstResidualShare,
            double worstErrorMg, double worstAtMg, double worstShare) {}

    /** The estimate described at {@link Curve}; needs at least two reference masses. */
    public static Curve curve(Calibration calibration, ScaleIntervals intervals) {
        List<CalibrationPoint> p = calibration.points();
        if (p.size() < 3) throw new IllegalArgumentException("the curve needs at least two reference masses");
        CalibrationPoint z = p.get(0);
        CalibrationPoint top = p.get(p.size() - 1);
        double t = top.massMg();
        double slope = t / (top.counts() - z.counts()); // mg per count on the straight line through zero and the top
        // the deviation from that line of a bowed cell is beta * m * (t - m): beta by least squares over the references
        double sdg = 0;
        double sgg = 0;
        for (int i = 1; i < p.size() - 1; i++) {
            double m = p.get(i).massMg();
            double d = (p.get(i).counts() - z.counts()) * slope - m;
            double g = m * (t - m);
            sdg += d * g;
            sgg += g * g;
        }
        double beta = sdg / sgg;
        double worstResidual = 0;
        double worstResidualAt = 0;
        double worstResidualShare = 0;
        for (int i = 1; i < p.size() - 1; i++) {
            double m = p.get(i).massMg();
            double r = Math.abs((p.get(i).counts() - z.counts()) * slope - m - beta * m * (t - m));
            double share = r / mpeMg(m, intervals);
            if (share > worstResidualShare) {
                worstResidualShare = share;
                worstResidual = r;
                worstResidualAt = m;
            }
        }
        // the error of the calibration (piecewise linear through the references, its last segment extended) on that cell
        long max = intervals.maxMg();
        int steps = 3000;
        double worstError = 0;
        double worstAt = 0;
        double worstShare = 0;
        for (int k = 1; k <= steps; k++) {
            double m = (double) max * k / steps;
            double counts = z.counts() + (m + beta * m * (t - m)) / slope;
            double error = Math.abs(calibration.toMg(counts) - m);
            double share = error / mpeMg(m, intervals);
            if (share > worstShare) {
                worstShare = share;
                worstError = error;
                worstAt = m;
            }
        }
        return new Curve(beta * t * t / 4, worstResidual, worstResidualAt, worstResidualShare, worstError, worstAt, worstShare);
    }

    /**
     * The maximum permissible error on initial verification of a class III scale at a load of {@code mg}, in the
     * partial range holding it (OIML R76-1 3.5.1, Table 6): ±0.5 e up to 500 e, ±1 e up to 2000 e, ±1.5 e above.
     */
    public static double mpeMg(double mg, ScaleIntervals intervals) {
        long e = intervals.intervalFor(mg);
        double n = Math.abs(mg) / e;
        return (n <= 500 ? 0.5 : n <= 2000 ? 1.0 : 1.5) * e;
    }

    private static String suggested(long maxMg) {
        return grams(roundToGram(maxMg / 3)) + ", " + grams(roundToGram(2 * maxMg / 3)) + " and " + grams(maxMg);
    }

    private static long roundToGram(long mg) {
        return Math.round(mg / 1000.0) * 1000;
    }

    private static String grams(long mg) {
        return java.math.BigDecimal.valueOf(mg, 3).stripTrailingZeros().toPlainString() + " g";
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
