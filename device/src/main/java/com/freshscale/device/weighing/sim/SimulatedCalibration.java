package com.freshscale.device.weighing.sim;

import com.freshscale.device.config.ConfigFile;
import com.freshscale.device.weighing.ScaleHardware;
import com.freshscale.device.weighing.WeighingConfig;
import com.freshscale.device.weighing.calibration.Calibration;
import com.freshscale.device.weighing.calibration.CalibrationPoint;
import com.freshscale.device.weighing.calibration.CalibrationProcedure;
import com.freshscale.device.weighing.calibration.CalibrationStore;
import com.freshscale.device.weighing.pipeline.ScaleIntervals;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Calibration of a simulated platform as a technician would do it: empty platter, then reference masses at
 * a third, two thirds and all of Max, each measured through the real driver and procedure.
 */
public final class SimulatedCalibration {
    private SimulatedCalibration() {}

    public static Calibration calibrate(SimulatedScale scale, long maxMg) {
        CalibrationProcedure procedure = new CalibrationProcedure(scale.loadCell());
        List<CalibrationPoint> points = new ArrayList<>();
        for (long mg : new long[] {0, maxMg / 3, 2 * maxMg / 3, maxMg}) {
            scale.model().place(mg / 1000.0, 200_000_000L);
            points.add(new CalibrationPoint(mg, procedure.measure().counts()));
        }
        scale.model().place(0, 200_000_000L);
        return new Calibration(points);
    }

    /**
     * For the demo: calibrates the simulated load cell of {@code config} and stores the result, unless the
     * store already holds a calibration for the configured Max/e. Returns true when it calibrated.
     */
    public static boolean ensure(ConfigFile config, CalibrationStore store, String technician) {
        WeighingConfig weighing = config.section("weighing", WeighingConfig.class);
        if (store.current().map(c -> c.ranges().equals(weighing.describeRanges())).orElse(false)) return false;
        try (ScaleHardware hardware = ScaleHardware.open(config, false)) {
            SimulatedScale sim = hardware.simulated().orElseThrow(() -> new IllegalStateException(
                    "the scale is not calibrated: run 'freshscale-device calibrate' with reference masses"));
            Calibration calibration = calibrate(sim, weighing.maxMg());
            CalibrationProcedure.check(calibration, new ScaleIntervals(weighing.ranges()));
            store.save(calibration, weighing.describeRanges(), technician, Instant.now());
            return true;
        }
    }
}
