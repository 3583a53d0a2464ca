package com.freshscale.device.weighing.calibration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * ADC counts → milligrams through the calibration points: a straight line for a two-point calibration, and
 * piecewise linear through every point for a multi-point one, which corrects the load cell's non-linearity
 * (the bow between zero and Max). Beyond the last point the last segment is extended.
 */
public final class Calibration {
    private final List<CalibrationPoint> points;
    private final double[] counts;
    private final double[] mass;

    public Calibration(List<CalibrationPoint> points) {
        if (points == null || points.size() < 2)
            throw new IllegalArgumentException("a calibration needs the empty platter and at least one reference mass");
        List<CalibrationPoint> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingLong(CalibrationPoint::massMg));
        if (sorted.get(0).massMg() != 0) throw new IllegalArgumentException("a calibration starts with the empty platter (0 g)");
        int n = sorted.size();
        counts = new double[n];
        mass = new double[n];
        double direction = Math.signum(sorted.get(1).counts() - sorted.get(0).counts());
        for (int i = 0; i < n; i++) {
            CalibrationPoint p = sorted.get(i);
            counts[i] = p.counts();
            mass[i] = p.massMg();
            if (i > 0) {
                if (mass[i] == mass[i - 1])
                    throw new IllegalArgumentException("two calibration points with the same mass " + p.massMg() + " mg");
                double step = counts[i] - counts[i - 1];
                if (direction == 0 || Math.signum(step) != direction)
                    throw new IllegalArgumentException("the load cell's reading does not grow with the reference mass (at "
                            + p.massMg() + " mg): check the reference masses and the load-cell wiring");
            }
        }
        this.points = List.copyOf(sorted);
    }

    public List<CalibrationPoint> points() {
        return points;
    }

    /** Milligrams for an ADC reading (before zero-setting). */
    public double toMg(double c) {
        int n = counts.length;
        int seg = n - 2;
        boolean rising = counts[1] > counts[0];
        for (int i = 1; i < n - 1; i++) {
            if (rising ? c < counts[i] : c > counts[i]) {
                seg = i - 1;
                break;
            }
        }
        double slope = (mass[seg + 1] - mass[seg]) / (counts[seg + 1] - counts[seg]);
        return mass[seg] + (c - counts[seg]) * slope;
    }

    /** ADC counts per milligram, averaged over the calibrated span (for thresholds set in e). */
    public double countsPerMg() {
        int last = counts.length - 1;
        return Math.abs((counts[last] - counts[0]) / (mass[last] - mass[0]));
    }

    @Override
    public String toString() {
        return "Calibration" + points;
    }
}
