package com.freshscale.protocol.pricebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** A shopper's piece count against the load: the band on the mean piece weight (50 % to 160 % of the typical one). */
class CountPlausibilityTest {
    static final PriceBook DEMO = DemoPriceBook.load();
    static final Plu KIWI = DEMO.plu("4030").orElseThrow(); // 85 g
    static final Plu LEMON = DEMO.plu("4053").orElseThrow(); // 120 g

    @Test
    void theCountThatLiesOnThePlatterIsPlausibleEvenForSmallOrLargeFruit() {
        assertThat(CountPlausibility.implausible(KIWI, 5, 5 * 85_000)).isFalse();
        assertThat(CountPlausibility.implausible(KIWI, 5, 5 * 60_000)).as("five small kiwis").isFalse();
        assertThat(CountPlausibility.implausible(KIWI, 5, 5 * 120_000)).as("five large kiwis").isFalse();
        assertThat(CountPlausibility.implausible(LEMON, 1, 180_000)).as("one large lemon").isFalse();
    }

    @Test
    void aCountFarBelowWhatLiesThereIsFlagged() {
        assertThat(CountPlausibility.implausible(KIWI, 3, 5 * 85_000)).as("3 entered for 5 kiwis").isTrue();
        assertThat(CountPlausibility.implausible(LEMON, 1, 2 * 120_000)).as("1 entered for 2 lemons").isTrue();
        assertThat(CountPlausibility.implausible(KIWI, 1, 1_000_000)).as("1 kiwi on a kilogram").isTrue();
    }

    @Test
    void aCountFarAboveTheLoadIsFlaggedToo() {
        assertThat(CountPlausibility.implausible(KIWI, 11, 5 * 85_000)).as("11 entered for 5").isTrue();
        assertThat(CountPlausibility.implausible(KIWI, 10, 5 * 85_000)).as("10 for 5: on the bound, half the typical weight each").isFalse();
        assertThat(CountPlausibility.implausible(KIWI, 7, 5 * 85_000)).as("7 entered for 5: within the spread").isFalse();
    }

    @Test
    void theBoundsOfTheBandAreIncluded() {
        assertThat(CountPlausibility.plausible(2, 100_000, 100_000)).as("mean exactly 50 %").isTrue();
        assertThat(CountPlausibility.plausible(2, 99_999, 100_000)).isFalse();
        assertThat(CountPlausibility.plausible(2, 320_000, 100_000)).as("mean exactly 160 %").isTrue();
        assertThat(CountPlausibility.plausible(2, 320_001, 100_000)).isFalse();
    }

    @Test
    void itemsWithoutATypicalWeightOrNotSoldPerPieceAreNotJudged() {
        assertThat(CountPlausibility.implausible(KIWI.withTypicalPieceMg(null), 1, 5_000_000)).isNull();
        assertThat(CountPlausibility.implausible(DEMO.plu("4011").orElseThrow(), 1, 5_000_000)).as("bananas, per kg").isNull();
    }

    @Test
    void theDemoBookGivesEveryPerPieceItemATypicalWeight() {
        assertThat(DEMO.plus()).filteredOn(p -> p.saleType() == SaleType.PER_PIECE).isNotEmpty()
                .allSatisfy(p -> assertThat(p.typicalPieceMg()).as(p.code()).isNotNull().isBetween(20_000L, 3_000_000L));
        assertThat(DEMO.plus()).filteredOn(p -> p.saleType() != SaleType.PER_PIECE).allSatisfy(p -> assertThat(p.typicalPieceMg()).isNull());
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> CountPlausibility.plausible(0, 1, 1)).hasMessageContaining("count");
        assertThatThrownBy(() -> CountPlausibility.plausible(1, 1, 0)).hasMessageContaining("typical");
        assertThatThrownBy(() -> CountPlausibility.plausible(1, -1, 1)).hasMessageContaining("negative");
    }

    @Test
    void theFewestPiecesALoadPlausiblyHolds() {
        assertThat(CountPlausibility.fewestPieces(2_000_000, 2_200_000)).as("2 kg, a 2.2 kg melon").isEqualTo(1);
        assertThat(CountPlausibility.fewestPieces(5 * 85_000, 85_000)).as("five kiwis' weight: four large ones").isEqualTo(4);
        assertThat(CountPlausibility.fewestPieces(1, 85_000)).as("at least one").isEqualTo(1);
        assertThatThrownBy(() -> CountPlausibility.fewestPieces(1, 0)).hasMessageContaining("typical");
    }

    /** The fewest pieces is the lowest count the band accepts on the heavy side: one fewer is too heavy a mean. */
    @Property(tries = 300)
    void fewestPiecesIsTheLowestCountNotTooHeavy(@ForAll @LongRange(min = 1, max = 30_000_000) long net,
                                                 @ForAll @LongRange(min = 1, max = 3_000_000) long typical) {
        int n = CountPlausibility.fewestPieces(net, typical);
        assertThat(net * 1000).isLessThanOrEqualTo(n * typical * CountPlausibility.HIGH_PERMILLE);
        if (n > 1) assertThat(net * 1000).isGreaterThan((n - 1) * typical * CountPlausibility.HIGH_PERMILLE);
    }

    /** Whatever the count and the typical weight, the count that lies there (every piece typical) is plausible. */
    @Property(tries = 300)
    void exactlyTypicalPiecesArePlausibleAndTwiceAsManyNever(@ForAll @IntRange(min = 1, max = 999) int count,
                                                               @ForAll @LongRange(min = 1, max = 30_000_000) long typical) {
        assertThat(CountPlausibility.plausible(count, count * typical, typical)).isTrue();
        assertThat(CountPlausibility.plausible(count, 2 * count * typical, typical)).as("half the pieces entered").isFalse();
    }
}
