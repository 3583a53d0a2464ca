package com.freshscale.device.weighing;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.device.weighing.calibration.Calibration;
import com.freshscale.device.weighing.pipeline.WeighingPipeline;
import com.freshscale.device.weighing.sim.LoadCellSimulation;
import com.freshscale.device.weighing.sim.SimulatedCalibration;
import com.freshscale.device.weighing.sim.SimulatedScale;
import org.junit.jupiter.api.Test;

/** The whole chain — physics, HX711 simulator, driver, pipeline — on the demo's noisy, creeping, drifting cell. */
class SimulatedWeighingTest {
    private final WeighingConfig config = TestScales.yaml(TestScales.demoYaml()).section("weighing", WeighingConfig.class);
    private final LoadCellSimulation cell =
            TestScales.yaml(TestScales.demoYaml()).section("loadcell_simulation", LoadCellSimulation.class);

    private static WeightReading runFor(SimulatedScale s, WeighingPipeline p, long nanos, java.util.List<WeightReading> out) {
        RawRead raw = new RawRead();
        WeightReading last = null;
        long end = s.clock().nanoTime() + nanos;
        while (s.clock().nanoTime() < end) {
            s.loadCell().read(raw);
            WeightReading r = p.process(raw);
            if (r != null) {
                last = r;
                if (out != null) out.add(r);
            }
        }
        return last;
    }

    @Test
    void aRestingLoadStaysStableWithoutFlicker() {
        try (SimulatedScale s = new SimulatedScale(TestScales.WIRING_80, cell, false)) {
            Calibration cal = SimulatedCalibration.calibrate(s, config.maxMg());
            WeighingPipeline p = new WeighingPipeline(config, cal, 80);
            runFor(s, p, 1_500_000_000L, null);
            s.model().place(2_345.6, 250_000_000L);
            runFor(s, p, 1_000_000_000L, null);
            java.util.List<WeightReading> readings = new java.util.ArrayList<>();
            runFor(s, p, 10_000_000_000L, readings);
            assertThat(readings).hasSizeGreaterThan(780).allSatisfy(r -> {
                assertThat(r.stable()).isTrue();
                assertThat(r.netMg()).isEqualTo(2_346_000);
                assertThat(r.priceable()).isTrue();
            });
        }
    }

    @Test
    void aBumpEndsStabilityAndTheLoadIsWeighedAgainAfterwards() {
        try (SimulatedScale s = new SimulatedScale(TestScales.WIRING_80, cell, false)) {
            Calibration cal = SimulatedCalibration.calibrate(s, config.maxMg());
            WeighingPipeline p = new WeighingPipeline(config, cal, 80);
            runFor(s, p, 1_500_000_000L, null);
            s.model().place(812, 200_000_000L);
            assertThat(runFor(s, p, 1_000_000_000L, null).stable()).isTrue();
            s.model().vibrate(6, 5, 500_000_000L); // ±3 e at 5 Hz for half a second
            java.util.List<WeightReading> during = new java.util.ArrayList<>();
            runFor(s, p, 500_000_000L, during);
            // 5 Hz: a quarter period (50 ms, 4 reads) to move ±3 e; stable must be gone within it
            assertThat(during.subList(6, during.size())).noneMatch(WeightReading::stable);
            WeightReading after = runFor(s, p, 800_000_000L, null);
            assertThat(after.stable()).isTrue();
            assertThat(after.netMg()).isEqualTo(812_000);
        }
    }
}
