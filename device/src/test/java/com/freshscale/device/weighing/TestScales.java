package com.freshscale.device.weighing;

import com.freshscale.device.config.ConfigFile;
import com.freshscale.device.weighing.hx711.Hx711Gain;
import com.freshscale.device.weighing.sim.LoadCellSimulation;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Configurations shared by the weighing tests. */
public final class TestScales {
    private TestScales() {}

    public static final LoadCellConfig WIRING_80 =
            new LoadCellConfig(LoadCellConfig.Platform.SIMULATED, 5, 6, 80, Hx711Gain.A128, 50);

    /** 6 kg / 2 g + 15 kg / 5 g, the demo's metrology, tares up to 1 kg. */
    public static WeighingConfig multiInterval() {
        return new WeighingConfig(List.of(range("6000", "2"), range("15000", "5")), new BigDecimal("0.5"), 300, 2, 5,
                50, true, new BigDecimal("0.5"), new BigDecimal("1000"));
    }

    public static WeighingConfig.Range range(String maxG, String eG) {
        return new WeighingConfig.Range(new BigDecimal(maxG), new BigDecimal(eG));
    }

    /** A quiet simulated cell (noise only), for tests that need exact figures. */
    public static LoadCellSimulation quietCell(long seed) {
        return new LoadCellSimulation(84_000, 280.0, 15_000, 0, 100, 0, 0, 900, 0, 0, seed);
    }

    public static ConfigFile yaml(String text) {
        return ConfigFile.parse("test.yaml", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    public static String demoYaml() {
        try (var in = TestScales.class.getResourceAsStream("/demo/scale.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
