package com.freshscale.device.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.device.weighing.TestScales;
import com.freshscale.device.weighing.WeighingConfig;
import com.freshscale.protocol.status.WeighingRange;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The weighing ranges a scale reports to HQ in its status are those of its config section {@code weighing}, in mg; a
 * configuration the status cannot carry (more than 3 partial ranges) is not reported rather than stopping the status.
 */
class ReportedRangesTest {
    @Test
    void theConfiguredRangesAreReportedInMilligrams() {
        assertThat(ScaleApp.reportedRanges(TestScales.multiInterval()))
                .containsExactly(new WeighingRange(6_000_000, 2_000), new WeighingRange(15_000_000, 5_000));
        WeighingConfig demo = TestScales.yaml(TestScales.demoYaml()).section("weighing", WeighingConfig.class);
        assertThat(WeighingRange.describe(ScaleApp.reportedRanges(demo))).isEqualTo("Max 6 kg e 2 g, Max 15 kg e 5 g, Min 40 g");
    }

    @Test
    void rangesTheStatusCannotCarryAreNotReported() {
        WeighingConfig four = new WeighingConfig(List.of(TestScales.range("1000", "0.1"), TestScales.range("3000", "0.5"),
                TestScales.range("6000", "1"), TestScales.range("15000", "5")), new BigDecimal("0.5"), 300, 2, 5, 50, true,
                new BigDecimal("0.5"), new BigDecimal("500"));
        assertThat(ScaleApp.reportedRanges(four)).isNull();
    }
}
