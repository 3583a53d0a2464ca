package com.freshscale.device.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.device.pricing.PricingConfig;
import com.freshscale.device.weighing.TestScales;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The time zone a scale reports to HQ in its status is the one its labels' packed and sell-by dates are in (config
 * {@code pricing.timeZone}): the demo scale's Europe/Berlin, so that HQ can show when its store counts business days in
 * another zone.
 */
class ReportedZoneTest {
    @Test
    void theZoneOfTheLabelsIsReported() {
        PricingConfig demo = TestScales.yaml(TestScales.demoYaml()).section("pricing", PricingConfig.class);
        assertThat(ScaleApp.reportedZone(demo)).isEqualTo("Europe/Berlin").isEqualTo(demo.zone().getId());
        PricingConfig lisbon = new PricingConfig("Loja", "pt", "Europe/Lisbon", PricingConfig.demo().rounding(), 1, Map.of());
        assertThat(ScaleApp.reportedZone(lisbon)).isEqualTo("Europe/Lisbon");
        // an offset is a zone java.time reads, and what the labels are dated in: reported as it is
        PricingConfig offset = new PricingConfig("Shop", "en", "+01:00", PricingConfig.demo().rounding(), 1, Map.of());
        assertThat(ScaleApp.reportedZone(offset)).isEqualTo("+01:00");
    }
}
