package com.freshscale.device.vision;

import static com.freshscale.device.vision.MismatchRuleTest.plu;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.SaleType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluScoresTest {
    private final List<String> labels = List.of("Banana", "Beef-Tomato", "Vine-Tomato", "Kiwi");
    private final float[] probs = {0.5f, 0.2f, 0.2f, 0.1f};

    @Test
    void oneLabelSharedByTwoPlusIsSplitEqually() {
        Map<String, Double> s = PluScores.of(probs, labels, List.of(
                plu("4011", SaleType.PER_KG, 199, "Banana"), plu("94011", SaleType.PER_KG, 299, "Banana")));
        assertThat(s.get("4011")).isCloseTo(0.25, within(1e-6));
        assertThat(s.get("94011")).isCloseTo(0.25, within(1e-6));
    }

    @Test
    void aPluListingSeveralLabelsGetsTheirSum() {
        Map<String, Double> s = PluScores.of(probs, labels, List.of(plu("4799", SaleType.PER_KG, 399, "Beef-Tomato", "Vine-Tomato")));
        assertThat(s.get("4799")).isCloseTo(0.4, within(1e-6));
    }

    @Test
    void inactivePlusAndUnsoldLabelsAreLeftOutWithoutInflatingTheRest() {
        Plu kiwi = plu("4030", SaleType.PER_PIECE, 40, "Kiwi");
        Plu bananaOff = new Plu("4011", Map.of("en", "Banana"), SaleType.PER_KG, 199, "EUR", 0, 0, "EAN13_PRICE",
                "standard", List.of("Banana"), false);
        Map<String, Double> s = PluScores.of(probs, labels, List.of(kiwi, bananaOff));
        assertThat(s).containsOnlyKeys("4030");
        assertThat(s.get("4030")).isCloseTo(0.1, within(1e-6));
    }
}
