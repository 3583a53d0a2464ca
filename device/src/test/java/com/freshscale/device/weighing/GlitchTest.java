package com.freshscale.device.weighing;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.device.weighing.calibration.Calibration;
import com.freshscale.device.weighing.pipeline.WeighingPipeline;
import com.freshscale.device.weighing.sim.SimulatedCalibration;
import com.freshscale.device.weighing.sim.SimulatedScale;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The simulated HX711 driven through the faults Linux and the wiring cause — power-down mid-read (pre-empted
 * clock pulse), saturation, late DOUT, miscounted gain pulses — while a constant load sits on the platter:
 * none of them may reach the displayed weight.
 */
class GlitchTest {
    enum Glitch { STRETCH, SATURATE, LATE, EXTRA_PULSE }

    @Test
    void noGlitchReachesTheDisplayAtALightLoad() {
        assertGlitchesInvisible(300, 11);
    }

    @Test
    void noGlitchReachesTheDisplayAtAHeavyLoad() {
        assertGlitchesInvisible(12_000, 12);
    }

    private static void assertGlitchesInvisible(double grams, long seed) {
        try (SimulatedScale scale = new SimulatedScale(TestScales.WIRING_80, TestScales.quietCell(seed), false)) {
            WeighingConfig config = TestScales.multiInterval();
            Calibration cal = SimulatedCalibration.calibrate(scale, config.maxMg());
            WeighingPipeline pipeline = new WeighingPipeline(config, cal, 80);
            RawRead raw = new RawRead();
            SplittableRandom random = new SplittableRandom(seed);
            for (double load : new double[] {0, grams}) { // initial zero on the empty platter, then the load
                scale.model().place(load, 200_000_000L);
                long end = scale.clock().nanoTime() + 1_500_000_000L;
                while (scale.clock().nanoTime() < end) {
                    scale.loadCell().read(raw);
                    pipeline.process(raw);
                }
            }
            long e = pipeline.intervals().intervalFor(grams * 1000);
            Map<Glitch, Integer> injected = new EnumMap<>(Glitch.class);
            int readings = 0;
            int stableReadings = 0;
            for (int i = 0; i < 1_500; i++) {
                if (i % 40 == 5) { // a glitch every half second
                    Glitch g = Glitch.values()[random.nextInt(Glitch.values().length)];
                    injected.merge(g, 1, Integer::sum);
                    switch (g) {
                        case STRETCH -> scale.chip().stretchPulse(random.nextInt(25), 61_000 + random.nextLong(200_000));
                        case SATURATE -> scale.chip().saturate(1 + random.nextInt(2));
                        case LATE -> scale.chip().lateConversion(20_000_000L + random.nextLong(30_000_000L));
                        case EXTRA_PULSE -> scale.chip().extraPulses(1 + random.nextInt(2));
                    }
                }
                scale.loadCell().read(raw);
                WeightReading r = pipeline.process(raw);
                if (r == null) continue;
                readings++;
                if (r.stable()) stableReadings++;
                assertThat(r.status()).isNotEqualTo(WeightStatus.FAULT);
                assertThat(Math.abs(r.grossMg() - grams * 1000)).as("reading %d: %s", i, r).isLessThanOrEqualTo(e);
            }
            assertThat(injected).hasSize(Glitch.values().length);
            assertThat(readings).isGreaterThan(1_200); // glitched reads are dropped, the rest still flow
            // after each glitch the stability window starts again, then the scale is stable until the next
            assertThat(stableReadings).isGreaterThan(300);
        }
    }

    @Test
    void silentLoadCellShowsAFaultAndRecovers() {
        try (SimulatedScale scale = new SimulatedScale(TestScales.WIRING_80, TestScales.quietCell(3), false)) {
            WeighingConfig config = TestScales.multiInterval();
            Calibration cal = SimulatedCalibration.calibrate(scale, config.maxMg());
            try (WeighingService service = new WeighingService(ScaleHardware.of(scale), new WeighingPipeline(config, cal, 80))) {
                for (int i = 0; i < 200; i++) service.step();
                assertThat(service.latest().status()).isEqualTo(WeightStatus.BELOW_MIN);
                scale.model().disconnect(true);
                service.step();
                assertThat(service.latest().status()).isEqualTo(WeightStatus.FAULT);
                assertThat(service.tare().reason()).contains("not responding");
                scale.model().disconnect(false);
                for (int i = 0; i < 200; i++) service.step();
                assertThat(service.latest().status()).isEqualTo(WeightStatus.BELOW_MIN);
                assertThat(service.latest().stable()).isTrue();
            }
        }
    }
}
