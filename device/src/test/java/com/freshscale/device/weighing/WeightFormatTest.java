package com.freshscale.device.weighing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WeightFormatTest {
    private static WeightReading reading(long net, long tare, long e, boolean stable, WeightStatus status) {
        return new WeightReading(net + tare, net, tare, e, stable, net + tare == 0, status, 0);
    }

    @Test
    void decimalsFollowTheScaleInterval() {
        assertThat(WeightFormat.kg(1_234_000, 2_000)).isEqualTo("1.234 kg");
        assertThat(WeightFormat.kg(12_340_000, 10_000)).isEqualTo("12.34 kg");
        assertThat(WeightFormat.kg(500, 100)).isEqualTo("0.0005 kg");
        assertThat(WeightFormat.kg(-4_000, 2_000)).isEqualTo("-0.004 kg");
    }

    @Test
    void markersAndBlanking() {
        assertThat(WeightFormat.line(reading(500_000, 124_000, 2_000, true, WeightStatus.OK)))
                .contains("0.500 kg").contains("NET").contains("STABLE").contains("tare 0.124 kg");
        assertThat(WeightFormat.line(reading(0, 0, 2_000, true, WeightStatus.BELOW_MIN)))
                .contains(">0<").doesNotContain("below Min");
        assertThat(WeightFormat.line(reading(20_000, 0, 2_000, true, WeightStatus.BELOW_MIN))).contains("below Min");
        assertThat(WeightFormat.line(reading(15_100_000, 0, 5_000, false, WeightStatus.OVERLOAD)))
                .contains("OVERLOAD").doesNotContain("15.1");
        assertThat(WeightFormat.line(reading(-60_000, 0, 2_000, false, WeightStatus.UNDERLOAD))).doesNotContain("0.06");
    }
}
