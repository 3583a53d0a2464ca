package com.freshscale.device.weighing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.freshscale.device.config.ConfigFile;
import com.freshscale.device.store.DeviceDatabase;
import com.freshscale.device.weighing.calibration.CalibrationStore;
import com.freshscale.device.weighing.sim.SimulatedCalibration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service the kiosk uses: started from config + stored calibration, readings to listeners, keys. */
class WeighingServiceTest {
    @TempDir
    Path dir;

    @Test
    void refusesToWeighWithoutACalibrationForTheConfiguredMaxAndE() {
        ConfigFile cfg = TestScales.yaml(TestScales.demoYaml());
        CalibrationStore store = new CalibrationStore(DeviceDatabase.open(dir.resolve("scale.db")));
        assertThatThrownBy(() -> WeighingService.create(cfg, store, false))
                .hasMessageContaining("not calibrated");
        SimulatedCalibration.ensure(cfg, store, "test");
        ConfigFile other = TestScales.yaml(TestScales.demoYaml().replace("{ max_g: 15000, e_g: 5 }", "{ max_g: 15000, e_g: 10 }"));
        assertThatThrownBy(() -> WeighingService.create(other, store, false))
                .hasMessageContaining("calibrated for 6000g/2g, 15000g/5g but is configured for 6000g/2g, 15000g/10g");
    }

    @Test
    void streamsReadingsInRealTimeAndAnswersKeys() {
        ConfigFile cfg = TestScales.yaml(TestScales.demoYaml());
        CalibrationStore store = new CalibrationStore(DeviceDatabase.open(dir.resolve("scale.db")));
        assertThat(SimulatedCalibration.ensure(cfg, store, "test")).isTrue();
        assertThat(SimulatedCalibration.ensure(cfg, store, "test")).isFalse(); // already calibrated: counter unchanged
        assertThat(store.eventCounter()).isEqualTo(1);
        CopyOnWriteArrayList<WeightReading> readings = new CopyOnWriteArrayList<>();
        try (WeighingService scale = WeighingService.create(cfg, store, true)) {
            scale.addListener(readings::add);
            scale.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> scale.latest() != null && scale.latest().stable()
                    && scale.latest().status() == WeightStatus.BELOW_MIN);
            assertThat(scale.tare().reason()).contains("nothing on the platter");
            scale.hardware().simulated().orElseThrow().model().place(400, 100_000_000L); // within the demo scale's tare limit (tare_max_g 500)
            await().atMost(Duration.ofSeconds(30)).until(() -> scale.latest().stable() && scale.latest().netMg() == 400_000);
            assertThat(scale.tare().accepted()).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> scale.latest().netMode() && scale.latest().netMg() == 0);
            assertThat(scale.clearTare().accepted()).isTrue();
        }
        // paced by the converter's 80 SPS in real time: never faster; slower only by reads a loaded machine
        // dropped (a stalled reader misses conversions, as on a Pi), which the CI machine may do now and then
        long spanNanos = readings.get(readings.size() - 1).timestampNanos() - readings.get(0).timestampNanos();
        int expected = (int) (spanNanos * 80 / 1_000_000_000L);
        assertThat(readings.size()).isBetween(expected / 2, expected + 15);
    }
}
