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
        assertThatThrownBy(() -> CalibrationProcedure.check(light, INTERVALS)).hasMessageContaining("below 10 % of Max");
        Calibration weak = new Calibration(List.of(new CalibrationPoint(0, 0), new CalibrationPoint(15_000_000, 15_000)));
        assertThatThrownBy(() -> CalibrationProcedure.check(weak, INTERVALS)).hasMessageContaining("counts per e");
        Calibration good = new Calibration(List.of(new CalibrationPoint(0, 0), new CalibrationPoint(15_000_000, 4_200_000)));
        CalibrationProcedure.check(good, INTERVALS);
    }
}
