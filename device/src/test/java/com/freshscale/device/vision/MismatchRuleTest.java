package com.freshscale.device.vision;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.SaleType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
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
        assertThat(m).contains(new MismatchRule.Mismatch("3001", 199, "3000", 399, 0.85, MismatchRule.Basis.UNIT_PRICE));
    }

    @Test
    void notFlagged_whenUnsureOrSameOrDearerOrNotComparable() {
        assertThat(rule.check(golden, recognised(pinkLady, 0.5))).isEmpty();           // not confident
        assertThat(rule.check(pinkLady, recognised(pinkLady, 0.99))).isEmpty();        // picked what was seen
        assertThat(rule.check(truffle, recognised(pinkLady, 0.99))).isEmpty();         // picked dearer
        assertThat(rule.check(melon, recognised(pinkLady, 0.99))).isEmpty();           // per piece vs per kg
        assertThat(rule.check(golden, Candidates.none(Candidates.Outcome.NOTHING, "", null, null))).isEmpty();
    }

    // the probe's case: 2 kg of garlic (8.99 €/kg, 17.98 € for the load) recognised, one honeydew melon (2.79 €) charged
    private final Plu garlic = plu("4608", SaleType.PER_KG, 899, "Garlic");
    private final Plu honeydew = plu("4034", SaleType.PER_PIECE, 279, "Honeydew-Melon");
    private final Plu potato = plu("4072", SaleType.PER_KG, 99, "Potato");

    /** The sale's total, with the load valued at {@code value} as {@code as} (and unknown as anything else). */
    private static MismatchRule.Charged charged(long total, Plu as, long value) {
        return new MismatchRule.Charged(total, p -> p.code().equals(as.code()) ? OptionalLong.of(value) : OptionalLong.empty());
    }

    @Test
    void anotherSaleTypeCharging_lessThanTheLoadAsTheRecognisedItem_isFlagged() {
        var m = rule.check(honeydew, recognised(garlic, 0.936), Plu::unitPriceMinor, charged(279, garlic, 1798));
        assertThat(m).contains(new MismatchRule.Mismatch("4034", 279, "4608", 1798, 0.936, MismatchRule.Basis.LOAD_TOTAL));
        // the other way round: a melon on the platter sold as 2 kg of potatoes (1.98 €)
        assertThat(rule.check(potato, recognised(honeydew, 0.9), Plu::unitPriceMinor, charged(198, honeydew, 279)))
                .contains(new MismatchRule.Mismatch("4072", 198, "4034", 279, 0.9, MismatchRule.Basis.LOAD_TOTAL));
    }

    @Test
    void anotherSaleTypeCharging_asMuchOrMore_orNotValued_isNotFlagged() {
        assertThat(rule.check(honeydew, recognised(garlic, 0.936), Plu::unitPriceMinor, charged(1798, garlic, 1798))).as("equal").isEmpty();
        assertThat(rule.check(honeydew, recognised(garlic, 0.936), Plu::unitPriceMinor, charged(2500, garlic, 1798))).as("dearer").isEmpty();
        assertThat(rule.check(potato, recognised(honeydew, 0.9), Plu::unitPriceMinor, charged(279, honeydew, 279))).as("equal").isEmpty();
        assertThat(rule.check(potato, recognised(honeydew, 0.9), Plu::unitPriceMinor,
                new MismatchRule.Charged(1, p -> OptionalLong.empty()))).as("no typical piece weight: not valued").isEmpty();
        assertThat(rule.check(honeydew, recognised(garlic, 0.5), Plu::unitPriceMinor, charged(279, garlic, 1798))).as("not confident").isEmpty();
        assertThat(rule.check(honeydew, recognised(garlic, 0.936))).as("no charge given: not compared").isEmpty();
    }

    @Test
    void theSameSaleTypeIsStillComparedOnUnitPrices() {
        // the totals would say "dearer" (a made-up value below the charge), the unit prices say "cheaper": unit prices rule
        assertThat(rule.check(golden, recognised(pinkLady, 0.85), Plu::unitPriceMinor, charged(500, pinkLady, 100)))
                .contains(new MismatchRule.Mismatch("3001", 199, "3000", 399, 0.85, MismatchRule.Basis.UNIT_PRICE));
        assertThat(rule.check(truffle, recognised(pinkLady, 0.99), Plu::unitPriceMinor, charged(1, pinkLady, 1000))).isEmpty();
    }

    @Test
    void usesThePriceInForceWhenGiven() {
        // a promotion makes Pink Lady cheaper than Golden today: picking Golden is then no loss
        var m = rule.check(golden, recognised(pinkLady, 0.9), p -> p == pinkLady ? 150 : p.unitPriceMinor());
        assertThat(m).isEmpty();
    }
}
