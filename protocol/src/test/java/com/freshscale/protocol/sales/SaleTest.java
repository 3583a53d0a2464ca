package com.freshscale.protocol.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.freshscale.protocol.pricebook.SaleType;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SaleTest {
    private static Sale sale(String id, String plu, String currency, String barcode) {
        return new Sale(id, "s1", "scale-1", 1, plu, SaleType.PER_KG, 1_234_000, 0, 199, null, 246, currency, barcode,
                Instant.parse("2026-11-26T10:15:30Z"), 3, null, null, false, 1, false);
    }

    private static Sale withVoid(Sale s, String reason, Instant voidedAt) {
        return new Sale(s.saleId(), s.storeId(), s.scaleId(), s.saleNumber(), s.pluCode(), s.saleType(), s.netMg(), s.count(),
                s.unitPriceMinor(), s.promotionId(), s.totalMinor(), s.currency(), s.barcode(), s.soldAt(), s.priceBookVersion(),
                s.recognisedPlu(), s.recognitionConfidence(), s.autoPicked(), s.chosenRank(), s.mismatch(), s.paymentReference(),
                reason, s.countImplausible(), s.itemName(), s.regularUnitPriceMinor(), s.promotionText(), s.discountMinor(), voidedAt);
    }

    @Test
    void theTimeOfAVoidGoesOnlyWithAVoidAndNeverBeforeTheSale() {
        Sale s = sale(Sale.newId(), "4011", "EUR", "2940110002467");
        Instant sold = s.soldAt();
        assertThat(s.voidedAt()).isNull();
        assertThat(withVoid(s, "label not printed", sold).voidedAt()).as("at the moment of the sale").isEqualTo(sold);
        assertThat(withVoid(s, "label not printed", null).voidedAt()).as("an older scale's void").isNull();
        assertThatThrownBy(() -> withVoid(s, null, sold.plusSeconds(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("voidedAt is only set on a voided sale");
        assertThatThrownBy(() -> withVoid(s, "label not printed", sold.minusMillis(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("voidedAt must not be before soldAt");
        // voided() keeps the time, and a scale clock set back between the sale and its void gives the sale's time
        assertThat(s.voided("label not printed", sold.plusSeconds(9)).voidedAt()).isEqualTo(sold.plusSeconds(9));
        assertThat(s.voided("label not printed", sold.minusSeconds(9)).voidedAt()).isEqualTo(sold);
        // the withers keep it
        Sale v = s.paidAtScale("52500038/0117/000042").voided(Sale.refundedReason("52500038/0117/000042"), sold.plusSeconds(60));
        assertThat(v.soldAs("Bananas", 199L, null, null).voidedAt()).isEqualTo(sold.plusSeconds(60));
        assertThat(v.paidAtScale("52500038/0117/000042").voidedAt()).isEqualTo(sold.plusSeconds(60));
        assertThat(Sale.REVERSAL_WINDOW).isEqualTo(java.time.Duration.ofMinutes(15));
    }

    private static Sale withPricedAt(Sale s, Instant pricedAt) {
        return new Sale(s.saleId(), s.storeId(), s.scaleId(), s.saleNumber(), s.pluCode(), s.saleType(), s.netMg(), s.count(),
                s.unitPriceMinor(), s.promotionId(), s.totalMinor(), s.currency(), s.barcode(), s.soldAt(), s.priceBookVersion(),
                s.recognisedPlu(), s.recognitionConfidence(), s.autoPicked(), s.chosenRank(), s.mismatch(), s.paymentReference(),
                s.voidReason(), s.countImplausible(), s.itemName(), s.regularUnitPriceMinor(), s.promotionText(), s.discountMinor(),
                s.voidedAt(), pricedAt);
    }

    /**
     * When the scale fixed the price (the press, before the card payment) is never after the sale and at most
     * PRICED_BEFORE_SOLD before it; the price is judged at it, or at soldAt for an older scale's sale.
     */
    @Test
    void thePriceIsFixedAtMostTenMinutesBeforeTheSaleAndNeverAfterIt() {
        Sale s = sale(Sale.newId(), "4011", "EUR", "2940110002467");
        Instant sold = s.soldAt();
        assertThat(s.pricedAt()).isNull();
        assertThat(s.pricedTime()).as("an older scale's sale: judged at its time of sale").isEqualTo(sold);
        assertThat(withPricedAt(s, sold.minusSeconds(40)).pricedTime()).isEqualTo(sold.minusSeconds(40));
        assertThat(withPricedAt(s, sold).pricedAt()).isEqualTo(sold);
        assertThat(withPricedAt(s, sold.minus(Sale.PRICED_BEFORE_SOLD)).pricedAt()).isEqualTo(sold.minus(Sale.PRICED_BEFORE_SOLD));
        assertThatThrownBy(() -> withPricedAt(s, sold.plusMillis(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pricedAt must not be after soldAt");
        assertThatThrownBy(() -> withPricedAt(s, sold.minus(Sale.PRICED_BEFORE_SOLD).minusMillis(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pricedAt must not be more than 10 min before soldAt");
        // priced() never makes a sale the codec refuses: a clock set back gives soldAt, a payment slower than the bound none
        assertThat(s.priced(sold.minusSeconds(40)).pricedAt()).isEqualTo(sold.minusSeconds(40));
        assertThat(s.priced(sold.plusSeconds(3)).pricedAt()).isEqualTo(sold);
        assertThat(s.priced(sold.minus(Sale.PRICED_BEFORE_SOLD).minusSeconds(1)).pricedAt()).isNull();
        assertThat(s.priced(null).pricedAt()).isNull();
        // the withers keep it
        Sale p = s.priced(sold.minusSeconds(40));
        assertThat(p.paidAtScale("52500038/0117/000042").pricedAt()).isEqualTo(sold.minusSeconds(40));
        assertThat(p.soldAs("Bananas", 199L, null, null).pricedAt()).isEqualTo(sold.minusSeconds(40));
        assertThat(p.voided("label not printed", sold.plusSeconds(5)).pricedAt()).isEqualTo(sold.minusSeconds(40));
        assertThat(Sale.PRICED_BEFORE_SOLD).isEqualTo(java.time.Duration.ofMinutes(10));
    }

    @Test
    void saleIdsAreCanonicalUuidsInEitherCase() {
        String id = UUID.randomUUID().toString();
        assertThat(Sale.isUuid(id)).isTrue();
        assertThat(Sale.isUuid(id.toUpperCase())).isTrue();
        for (String bad : new String[] {"", id.substring(1), id + "0", id.replace('-', '0'), "g" + id.substring(1),
                "1-1-1-1-1", id.substring(0, 8) + "_" + id.substring(9)}) {
            assertThat(Sale.isUuid(bad)).as(bad).isFalse();
        }
    }

    @Test
    void codesCurrenciesAndBarcodesAreCheckedCharacterByCharacter() {
        String id = Sale.newId();
        assertThat(sale(id, "4011", "EUR", "2940110002467").pluCode()).isEqualTo("4011");
        for (String[] bad : new String[][] {{"", "EUR", "2940110002467"}, {"401a", "EUR", "2940110002467"},
                {"123456", "EUR", "2940110002467"}, {"4011", "eur", "2940110002467"}, {"4011", "EURO", "2940110002467"},
                {"4011", "EUR", "1234567"}, {"4011", "EUR", "123456789012345"}, {"4011", "EUR", "29401100024x7"}}) {
            assertThatThrownBy(() -> sale(id, bad[0], bad[1], bad[2])).as(String.join(" ", bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
