package com.freshscale.device.weighing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The markings are written as R76-1 7.1 writes them, from the configured ranges and tare limit. */
class DescriptiveMarkingsTest {
    @Test
    void theDemoScaleIsAMultiIntervalScaleInKilograms() {
        WeighingConfig demo = TestScales.yaml(TestScales.demoYaml()).section("weighing", WeighingConfig.class);
        assertThat(DescriptiveMarkings.of(demo, "0123456789abcdef")).isEqualTo(new DescriptiveMarkings(
                "III", "Max 6/15 kg", "Min 40 g", "e = 2/5 g", "T = \u2212" + demo.tareMaxG().stripTrailingZeros().toPlainString() + " g",
                "0123456789abcdef"));
    }

    @Test
    void aSmallSingleIntervalScaleIsWrittenInGrams() {
        WeighingConfig demo = TestScales.yaml(TestScales.demoYaml()).section("weighing", WeighingConfig.class);
        WeighingConfig small = new WeighingConfig(List.of(new WeighingConfig.Range(new BigDecimal("600"), new BigDecimal("0.1"))),
                demo.stabilityBandE(), demo.stabilityWindowMs(), demo.smoothingSamples(), demo.outlierWindow(), demo.outlierThresholdE(),
                demo.zeroTracking(), demo.zeroTrackingRateEPerS(), new BigDecimal("50"));
        DescriptiveMarkings m = DescriptiveMarkings.of(small, "x");
        assertThat(m.max()).isEqualTo("Max 600 g");
        assertThat(m.min()).isEqualTo("Min 2 g");
        assertThat(m.e()).isEqualTo("e = 0.1 g");
        assertThat(m.tare()).isEqualTo("T = \u221250 g");
    }
}
