package com.freshscale.device.weighing.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.device.weighing.TestScales;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ScaleIntervalsTest {
    private final ScaleIntervals multi = new ScaleIntervals(TestScales.multiInterval().ranges());

    @Property
    void roundingGivesTheNearestMultipleOfE(@ForAll @DoubleRange(min = -2e7, max = 2e7) double mg,
                                            @ForAll("intervals") long e) {
        long r = ScaleIntervals.round(mg, e);
        assertThat(r % e).isZero();
        assertThat(Math.abs(r - mg)).isLessThanOrEqualTo(e / 2.0);
    }

    @Property
    void roundingIsSymmetricAroundZero(@ForAll @DoubleRange(min = 0, max = 2e7) double mg, @ForAll("intervals") long e) {
        assertThat(ScaleIntervals.round(-mg, e)).isEqualTo(-ScaleIntervals.round(mg, e));
    }

    @Property
    void roundingIsMonotonic(@ForAll @DoubleRange(min = -2e7, max = 2e7) double a,
                             @ForAll @DoubleRange(min = 0, max = 1e5) double delta, @ForAll("intervals") long e) {
        assertThat(ScaleIntervals.round(a + delta, e)).isGreaterThanOrEqualTo(ScaleIntervals.round(a, e));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Long> intervals() {
        return net.jqwik.api.Arbitraries.of(1L, 2L, 5L, 100L, 200L, 500L, 1000L, 2000L, 5000L, 10000L);
    }

    @Property
    void multiIntervalUsesTheFinestIntervalOfTheRangeHoldingTheLoad(@ForAll @LongRange(min = -20_000_000, max = 20_000_000) long mg) {
        long e = multi.intervalFor(mg);
        assertThat(e).isEqualTo(Math.abs(mg) <= 6_000_000 ? 2_000 : 5_000);
    }

    @Test
    void limitsFollowR76ClassIII() {
        assertThat(multi.minMg()).isEqualTo(40_000); // 20 e1
        assertThat(multi.overload(15_045_000)).isFalse(); // Max + 9 e
        assertThat(multi.overload(15_045_001)).isTrue();
        assertThat(multi.underload(-40_000)).isFalse(); // -20 e1
        assertThat(multi.underload(-40_001)).isTrue();
        ScaleIntervals single = new ScaleIntervals(List.of(TestScales.range("15", "0.005")));
        assertThat(single.intervalFor(14_000)).isEqualTo(5);
    }
}
