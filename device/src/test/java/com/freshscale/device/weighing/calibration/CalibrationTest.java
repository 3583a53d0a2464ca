package com.freshscale.device.weighing.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.freshscale.device.weighing.TestScales;
import com.freshscale.device.weighing.pipeline.ScaleIntervals;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class CalibrationTest {
    private static final ScaleIntervals INTERVALS = new ScaleIntervals(TestScales.multiInterval().ranges());

    /** A cell with a 0.02 % bow: 84 000 counts empty, 280 counts/g, 3 g high at mid-scale. */
    private static double bowedCounts(double grams) {
        return 84_000 + 280 * (grams + 4 * 0.0002 * grams * (15_000 - grams) / 15_000);
    }

    @Test
    void twoPointIsAStraightLine() {
        Calibration c = new Calibration(List.of(new CalibrationPoint(0, 1_000), new CalibrationPoint(10_000_000, 2_801_000)));
        assertThat(c.toMg(1_000)).isEqualTo(0);
        assertThat(c.toMg(1_401_000)).isCloseTo(5_000_000, Offset.offset(1e-6));
        assertThat(c.toMg(4_000_000)).isCloseTo(14_282_142.86, Offset.offset(0.01)); // extrapolated beyond the last point
        assertThat(c.countsPerMg()).isCloseTo(0.28, Offset.offset(1e-9));
    }

    @Test
    void multiPointCorrectsTheBowThatATwoPointCalibrationLeaves() {
        Calibration two = new Calibration(List.of(new CalibrationPoint(0, bowedCounts(0)),
                new CalibrationPoint(15_000_000, bowedCounts(15_000))));
        Calibration four = new Calibration(List.of(new CalibrationPoint(0, bowedCounts(0)),
                new CalibrationPoint(5_000_000, bowedCounts(5_000)), new CalibrationPoint(10_000_000, bowedCounts(10_000)),
                new CalibrationPoint(15_000_000, bowedCounts(15_000))));
        double twoError = Math.abs(two.toMg(bowedCounts(7_500)) - 7_500_000);
        double fourError = Math.abs(four.toMg(bowedCounts(7_500)) - 7_500_000);
        assertThat(twoError).isGreaterThan(2_500); // 3 g at mid-scale: more than half an e of 5 g
        assertThat(fourError).isLessThan(400);
        assertThat(CalibrationProcedure.linearityE(four, INTERVALS)).isCloseTo(1.33, Offset.offset(0.02));
    }

    @Property
    void multiPointIsExactAtItsPointsAndMonotonic(@ForAll @DoubleRange(min = 0, max = 15_000) double a,
                                                  @ForAll @DoubleRange(min = 0, max = 15_000) double b) {
        Calibration c = new Calibration(List.of(new CalibrationPoint(0, bowedCounts(0)),
                new CalibrationPoint(6_000_000, bowedCounts(6_000)), new CalibrationPoint(15_000_000, bowedCounts(15_000))));
        assertThat(c.toMg(bowedCounts(6_000))).isCloseTo(6_000_000, Offset.offset(1e-3));
        if (a < b) assertThat(c.toMg(bowedCounts(a))).isLessThan(c.toMg(bowedCounts(b)));
    }

    @Test
    void aCellWiredTheOtherWayRoundCalibratesToo() {
        Calibration c = new Calibration(List.of(new CalibrationPoint(0, 0), new CalibrationPoint(1_000_000, -280_000)));
        assertThat(c.toMg(-140_000)).isCloseTo(500_000, Offset.offset(1e-6));
    }

    @Test
    void invalidPointsAreRefused() {
        assertThatThrownBy(() -> new Calibration(List.of(new CalibrationPoint(0, 0))))
                .hasMessageContaining("at least one reference mass");
        assertThatThrownBy(() -> new Calibration(List.of(new CalibrationPoint(1_000, 0), new CalibrationPoint(2_000, 9))))
                .hasMessageContaining("empty platter");
        assertThatThrownBy(() -> new Calibration(List.of(new CalibrationPoint(0, 0), new CalibrationPoint(1_000_000, 280_000),
                new CalibrationPoint(2_000_000, 200_000))))
                .hasMessageContaining("does not grow");
        assertThatThrownBy(() -> new Calibration(List.of(new CalibrationPoint(0, 0), new CalibrationPoint(0, 5))))
                .hasMessageContaining("same mass");
    }

    @Test
    void checkRefusesALightReferenceAndAWeakSignal() {
        Calibration light = new Calibration(List.of(new CalibrationPoint(0, 0), new CalibrationPoint(1_000_000, 280_000)));
        assertThatThrownBy(() -> CalibrationProcedure.check(light, INTERVALS)).hasMessageContaining("below 2/3 of Max");
        Calibration weak = new Calibration(List.of(new CalibrationPoint(0, 0), new CalibrationPoint(15_000_000, 15_000)));
        assertThatThrownBy(() -> CalibrationProcedure.check(weak, INTERVALS)).hasMessageContaining("counts per e");
        Calibration good = new Calibration(List.of(new CalibrationPoint(0, 0), new CalibrationPoint(7_500_000, 2_100_000),
                new CalibrationPoint(15_000_000, 4_200_000)));
        CalibrationProcedure.check(good, INTERVALS);
    }

    /** A cell with a bow of {@code percent} % of 15 kg at mid-scale (the simulated cell's model). */
    private static double bowedCounts(double grams, double percent) {
        return 84_000 + 280 * (grams + 4 * percent / 100 * grams * (15_000 - grams) / 15_000);
    }

    private static Calibration calibrated(double percent, long... referencesG) {
        List<CalibrationPoint> points = new java.util.ArrayList<>();
        points.add(new CalibrationPoint(0, bowedCounts(0, percent)));
        for (long g : referencesG) points.add(new CalibrationPoint(g * 1000, bowedCounts(g, percent)));
        return new Calibration(points);
    }

    /** Probe: one reference of 1500 g (10 % of Max) was accepted, and 15 000 g then read 14.990 kg (2 e low, MPE 1.5 e). */
    @Test
    void oneLightReferenceIsRefusedForTheScaleWouldReadLowAtMax() {
        Calibration light = calibrated(0.02, 1_500);
        assertThat(light.toMg(bowedCounts(15_000, 0.02)) - 15_000_000).isLessThan(-7_500); // beyond 1.5 e = 7.5 g
        assertThatThrownBy(() -> CalibrationProcedure.check(light, INTERVALS))
                .hasMessageContaining("below 2/3 of Max (10000 g)").hasMessageContaining("5000 g, 10000 g and 15000 g");
        assertThatThrownBy(() -> CalibrationProcedure.check(calibrated(0.02, 3_000), INTERVALS)).hasMessageContaining("below 2/3 of Max");
        assertThatThrownBy(() -> CalibrationProcedure.check(calibrated(0.02, 1_500, 3_000), INTERVALS))
                .hasMessageContaining("below 2/3 of Max");
    }

    @Test
    void oneReferenceEvenAtMaxIsRefusedForItCannotShowTheBow() {
        // the demo's 0.02 % cell calibrated at Max alone: 2.35 g high at 4 kg, where the MPE is 1 e1 = 2 g
        Calibration atMax = calibrated(0.02, 15_000);
        assertThat(atMax.toMg(bowedCounts(4_000, 0.02)) - 4_000_000).isGreaterThan(2_000);
        assertThatThrownBy(() -> CalibrationProcedure.check(atMax, INTERVALS)).hasMessageContaining("at least two");
    }

    @Test
    void referencesTooFarApartForTheBowAreRefusedSayingWhereToAddOne() {
        // 10 and 15 kg: 1.3 g off at 4 kg (MPE 2 g), more than half of it
        assertThatThrownBy(() -> CalibrationProcedure.check(calibrated(0.02, 10_000, 15_000), INTERVALS))
                .hasMessageContaining("not linear enough").hasMessageContaining("between the references of 0 g and 10000 g")
                .hasMessageContaining("near 5000 g");
        // a strongly bowed cell extrapolated from 2/3 of Max
        assertThatThrownBy(() -> CalibrationProcedure.check(calibrated(0.05, 5_000, 10_000), INTERVALS))
                .hasMessageContaining("add a reference at Max (15000 g)");
        // 1/3, 2/3 and Max, and two references up to 2/3 of Max on the demo's cell, are good
        CalibrationProcedure.check(calibrated(0.02, 5_000, 10_000, 15_000), INTERVALS);
        CalibrationProcedure.check(calibrated(0.02, 5_000, 10_000), INTERVALS);
        CalibrationProcedure.check(calibrated(0.02, 7_500, 15_000), INTERVALS);
    }

    @Test
    void aReferenceOffTheCurveIsRefused() {
        List<CalibrationPoint> points = new java.util.ArrayList<>(calibrated(0.02, 5_000, 10_000, 15_000).points());
        // 10 000 g entered, 10 010 g on the platter
        points.set(2, new CalibrationPoint(10_000_000, bowedCounts(10_010, 0.02)));
        assertThatThrownBy(() -> CalibrationProcedure.check(new Calibration(points), INTERVALS))
                .hasMessageContaining("do not lie on one smooth load-cell curve");
    }

    /** Whatever references the check accepts, the scale then weighs within half the MPE from zero to Max. */
    @Property(tries = 300)
    void whatTheCheckAcceptsWeighsWithinHalfTheMpe(@ForAll @DoubleRange(min = -0.08, max = 0.08) double percent,
                                                   @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 15) int a,
                                                   @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 15) int b,
                                                   @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 15) int c) {
        java.util.TreeSet<Long> refs = new java.util.TreeSet<>(List.of(a * 1000L, b * 1000L, c * 1000L));
        Calibration cal = calibrated(percent, refs.stream().mapToLong(Long::longValue).toArray());
        try {
            CalibrationProcedure.check(cal, INTERVALS);
        } catch (IllegalArgumentException refused) {
            return;
        }
        for (int g = 10; g <= 15_000; g += 10) {
            double error = Math.abs(cal.toMg(bowedCounts(g, percent)) - g * 1000.0);
            assertThat(error).as("at %d g", g).isLessThanOrEqualTo(CalibrationProcedure.mpeMg(g * 1000.0, INTERVALS) / 2 + 1);
        }
    }

    /** Through the simulated HX711 and the real procedure, as the service menu's wizard measures. */
    @Test
    void theSimulatedCellMeasuredThroughTheDriverIsJudgedTheSame() {
        try (com.freshscale.device.weighing.sim.SimulatedScale scale = new com.freshscale.device.weighing.sim.SimulatedScale(
                TestScales.WIRING_80, com.freshscale.device.weighing.sim.LoadCellSimulation.typical15kg(7), false)) {
            CalibrationProcedure procedure = new CalibrationProcedure(scale.loadCell());
            java.util.function.LongFunction<CalibrationPoint> at = mg -> {
                scale.model().place(mg / 1000.0, 200_000_000L);
                return new CalibrationPoint(mg, procedure.measure().counts());
            };
            CalibrationPoint zero = at.apply(0);
            CalibrationPoint light = at.apply(1_500_000);
            CalibrationPoint third = at.apply(5_000_000);
            CalibrationPoint twoThirds = at.apply(10_000_000);
            CalibrationPoint max = at.apply(15_000_000);
            assertThatThrownBy(() -> CalibrationProcedure.check(new Calibration(List.of(zero, light)), INTERVALS))
                    .hasMessageContaining("below 2/3 of Max");
            Calibration good = new Calibration(List.of(zero, third, twoThirds, max));
            CalibrationProcedure.check(good, INTERVALS);
            assertThat(CalibrationProcedure.curve(good, INTERVALS).bowMg()).isCloseTo(3_000.0, Offset.offset(300.0));
        }
    }
}
