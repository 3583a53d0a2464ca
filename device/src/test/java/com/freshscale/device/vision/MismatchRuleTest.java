package com.freshscale.device.vision;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.SaleType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MismatchRuleTest {
    static Plu plu(String code, SaleType type, long price, String... labels) {
        return new Plu(code, Map.of("en", code), type, price, "EUR", 0, 0, "EAN13_PRICE", "standard", List.of(labels), true);
    }

    private final Plu pinkLady = plu("3000", SaleType.PER_KG, 399, "Pink-Lady");
    private final Plu golden = plu("3001", SaleType.PER_KG, 199, "Golden-Delicious");
    private final Plu truffle = plu("3002", SaleType.PER_KG, 99900, "Truffle");
    private final Plu melon = plu("3003", SaleType.PER_PIECE, 150, "Honeydew-Melon");
    private final MismatchRule rule = new MismatchRule(0.7);

    private static Candidates recognised(Plu top, double confidence) {
        return new Candidates(Candidates.Outcome.RECOGNISED, "", List.of(new Candidates.Candidate(top, confidence)),
                Optional.empty(), new float[] {1}, null);
    }

    @Test
    void aCheaperPickThanAConfidentTopOneIsFlagged() {
        var m = rule.check(golden, recognised(pinkLady, 0.85));
        assertThat(m).contains(new MismatchRule.Mismatch("3001", 199, "3000", 399, 0.85));
    }

    @Test
    void notFlagged_whenUnsureOrSameOrDearerOrNotComparable() {
        assertThat(rule.check(golden, recognised(pinkLady, 0.5))).isEmpty();           // not confident
        assertThat(rule.check(pinkLady, recognised(pinkLady, 0.99))).isEmpty();        // picked what was seen
        assertThat(rule.check(truffle, recognised(pinkLady, 0.99))).isEmpty();         // picked dearer
        assertThat(rule.check(melon, recognised(pinkLady, 0.99))).isEmpty();           // per piece vs per kg
        assertThat(rule.check(golden, Candidates.none(Candidates.Outcome.NOTHING, "", null, null))).isEmpty();
    }

    @Test
    void usesThePriceInForceWhenGiven() {
        // a promotion makes Pink Lady cheaper than Golden today: picking Golden is then no loss
        var m = rule.check(golden, recognised(pinkLady, 0.9), p -> p == pinkLady ? 150 : p.unitPriceMinor());
        assertThat(m).isEmpty();
    }
}
