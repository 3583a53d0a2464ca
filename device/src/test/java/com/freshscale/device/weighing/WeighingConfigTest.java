package com.freshscale.device.weighing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.freshscale.device.config.ConfigException;
import com.freshscale.device.config.ConfigFile;
import com.freshscale.device.weighing.sim.LoadCellSimulation;
import org.junit.jupiter.api.Test;

/** The scale refuses to weigh on an invalid config, with an error naming the key; nothing is defaulted. */
class WeighingConfigTest {
    private static ConfigFile demoWith(String from, String to) {
        String yaml = TestScales.demoYaml();
        assertThat(yaml).contains(from);
        return TestScales.yaml(yaml.replace(from, to));
    }

    private static void refused(ConfigFile cfg, String section, Class<?> type, String message) {
        assertThatThrownBy(() -> cfg.section(section, type))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(message);
    }

    @Test
    void theDemoConfigIsValid() {
        ConfigFile cfg = TestScales.yaml(TestScales.demoYaml());
        WeighingConfig w = cfg.section("weighing", WeighingConfig.class);
        assertThat(w.describeRanges()).isEqualTo("6000g/2g, 15000g/5g");
        assertThat(w.maxMg()).isEqualTo(15_000_000);
        assertThat(cfg.section("loadcell", LoadCellConfig.class).rateSps()).isEqualTo(80);
        assertThat(cfg.section("loadcell_simulation", LoadCellSimulation.class).countsPerGram()).isEqualTo(280.0);
    }

    @Test
    void scaleIntervalMustBeOneTwoOrFiveTimesAPowerOfTen() {
        refused(demoWith("{ max_g: 6000, e_g: 2 }", "{ max_g: 6000, e_g: 3 }"), "weighing", WeighingConfig.class,
                "is not 1, 2 or 5");
        refused(demoWith("{ max_g: 6000, e_g: 2 }", "{ max_g: 6000, e_g: 0.25 }"), "weighing", WeighingConfig.class,
                "is not 1, 2 or 5");
    }

    @Test
    void minMustBeBelowMax() {
        refused(demoWith("    - { max_g: 6000, e_g: 2 }\n    - { max_g: 15000, e_g: 5 }", "    - { max_g: 30, e_g: 2 }"),
                "weighing", WeighingConfig.class, "Min (20 e1 = 40 g) must be below Max");
    }

    @Test
    void partialRangesMustGrow() {
        refused(demoWith("{ max_g: 15000, e_g: 5 }", "{ max_g: 5000, e_g: 5 }"), "weighing", WeighingConfig.class,
                "above the previous range");
        refused(demoWith("{ max_g: 15000, e_g: 5 }", "{ max_g: 15000, e_g: 2 }"), "weighing", WeighingConfig.class,
                "must grow");
    }

    @Test
    void zeroTrackingRateIsCappedAtHalfAnEPerSecond() {
        refused(demoWith("zero_tracking_rate_e_per_s: 0.5", "zero_tracking_rate_e_per_s: 0.6"), "weighing",
                WeighingConfig.class, "≤ 0.5");
    }

    @Test
    void theTareLimitIsAMultipleOfE1AtMostMaxOfTheFirstRange() {
        refused(demoWith("tare_max_g: 500", "tare_max_g: 501"), "weighing", WeighingConfig.class, "not a multiple of e1");
        refused(demoWith("tare_max_g: 500", "tare_max_g: 6002"), "weighing", WeighingConfig.class, "above Max");
        refused(demoWith("  tare_max_g: 500\n", ""), "weighing", WeighingConfig.class, "tare_max_g");
    }

    @Test
    void unknownAndMissingKeysAreErrors() {
        refused(demoWith("smoothing_samples: 2", "smoothing_samples: 2\n  smoothing: lots"), "weighing",
                WeighingConfig.class, "unknown key 'weighing.smoothing'");
        refused(demoWith("  stability_window_ms: 300\n", ""), "weighing", WeighingConfig.class, "stability_window_ms");
    }

    @Test
    void pinsMustBeUserGpiosAndDistinct() {
        refused(demoWith("data_pin: 5", "data_pin: 40"), "loadcell", LoadCellConfig.class, "data_pin 40 is not a user GPIO");
        refused(demoWith("clock_pin: 6", "clock_pin: 5"), "loadcell", LoadCellConfig.class, "both GPIO5");
    }

    @Test
    void rateGainAndPlatformAreChecked() {
        refused(demoWith("rate_sps: 80", "rate_sps: 40"), "loadcell", LoadCellConfig.class, "10 or 80");
        refused(demoWith("gain: A128", "gain: A256"), "loadcell", LoadCellConfig.class, "gain");
        refused(demoWith("platform: simulated", "platform: spi"), "loadcell", LoadCellConfig.class, "platform");
        refused(demoWith("max_sck_high_us: 50", "max_sck_high_us: 60"), "loadcell", LoadCellConfig.class, "1..50");
    }

    @Test
    void simulationSectionOnARealScaleIsAnError() {
        ConfigFile cfg = demoWith("platform: simulated", "platform: gpiod");
        assertThatThrownBy(() -> ScaleHardware.open(cfg, false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("only for loadcell.platform: simulated");
    }
}
