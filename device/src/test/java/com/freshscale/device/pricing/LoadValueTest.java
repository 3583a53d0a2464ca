package com.freshscale.device.pricing;

import static com.freshscale.device.pricing.PriceCalculatorTest.E;
import static com.freshscale.device.pricing.PriceCalculatorTest.T0;
import static com.freshscale.device.pricing.PriceCalculatorTest.book;
import static com.freshscale.device.pricing.PriceCalculatorTest.calculator;
import static com.freshscale.device.pricing.PriceCalculatorTest.plu;
import static com.freshscale.device.pricing.PriceCalculatorTest.stable;
import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.device.weighing.WeightReading;
import com.freshscale.device.weighing.WeightStatus;
import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.PriceBook;
import com.freshscale.protocol.pricebook.Promotion;
import com.freshscale.protocol.pricebook.PromotionKind;
import com.freshscale.protocol.pricebook.SaleType;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The load on the platter valued as an item it was not sold as: what the mismatch rule sets against the total charged. */
class LoadValueTest {
    private final Plu garlic = plu("4608", SaleType.PER_KG, 899, "EAN13_PRICE");
    private final Plu honeydew = plu("4034", SaleType.PER_PIECE, 279, "EAN13_PRICE").withTypicalPieceMg(2_200_000L);
    private final Plu loosePiece = plu("4050", SaleType.PER_PIECE, 249, "EAN13_PRICE"); // no typical piece weight
    private final Plu bouquet = plu("1100", SaleType.FIXED, 499, "EAN13_PRICE");
    private final PriceBook book = book(List.of(garlic, honeydew, loosePiece, bouquet), List.of(), List.of());
    private final LoadValue value = new LoadValue(calculator(RoundingRule.HALF_UP, 1));

    @Test
    void perKg_isTheUnitPriceTimesTheNetRoundedAsATotal() {
        assertThat(value.of(book, garlic, stable(2_000_000), T0)).isEqualTo(OptionalLong.of(1798));
        assertThat(value.of(book, garlic, stable(1_235_000), T0)).as("11.10265 € rounded half up").isEqualTo(OptionalLong.of(1110));
    }

    @Test
    void perKg_takesTheItemsOwnPresetTareOff() {
        Plu tray = new Plu("4608", Map.of("en", "Garlic"), SaleType.PER_KG, 899, "EUR", 20_000, 4, "EAN13_PRICE", "default",
                List.of(), true);
        PriceBook b = book(List.of(tray), List.of(), List.of());
        assertThat(value.of(b, tray, stable(1_020_000), T0)).as("1 kg net of a 20 g tray").isEqualTo(OptionalLong.of(899));
        WeightReading tared = new WeightReading(1_050_000, 1_000_000, 50_000, E, true, false, WeightStatus.OK, 0);
        assertThat(value.of(b, tray, tared, T0)).as("a heavier tare already taken stays").isEqualTo(OptionalLong.of(899));
    }

    @Test
    void perPiece_countsTheFewestPiecesTheLoadPlausiblyHolds() {
        assertThat(value.of(book, honeydew, stable(2_000_000), T0)).as("one melon on 2 kg").isEqualTo(OptionalLong.of(279));
        assertThat(value.of(book, honeydew, stable(3_520_000), T0)).as("one very large melon still").isEqualTo(OptionalLong.of(279));
        assertThat(value.of(book, honeydew, stable(3_520_001), T0)).as("beyond 160 % of one: two").isEqualTo(OptionalLong.of(558));
        assertThat(value.of(book, loosePiece, stable(2_000_000), T0)).as("no typical weight: a count cannot be told").isEmpty();
    }

    @Test
    void fixed_isOneLabel_andAnEmptyPlatterOrNoReadingIsNotValued() {
        assertThat(value.of(book, bouquet, stable(2_000_000), T0)).isEqualTo(OptionalLong.of(499));
        assertThat(value.of(book, garlic, stable(0), T0)).isEmpty();
        assertThat(value.of(book, garlic, null, T0)).isEmpty();
    }

    @Test
    void thePriceInForceIsUsed_promotionsIncluded() {
        PriceBook promoted = book(List.of(garlic), List.of(),
                List.of(new Promotion("P", "4608", PromotionKind.NEW_PRICE, 499, T0, T0.plusSeconds(86_400), Map.of("en", "offer"))));
        assertThat(value.of(promoted, garlic, stable(2_000_000), T0.plusSeconds(60))).isEqualTo(OptionalLong.of(998));
    }
}
