package com.freshscale.device.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.freshscale.device.weighing.WeightReading;
import com.freshscale.device.weighing.WeightStatus;
import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.PriceBook;
import com.freshscale.protocol.pricebook.Promotion;
import com.freshscale.protocol.pricebook.PromotionKind;
import com.freshscale.protocol.pricebook.SaleType;
import com.freshscale.protocol.pricebook.ScheduledPrice;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PriceCalculatorTest {
    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    static final Instant NOON = Instant.parse("2026-03-10T11:00:00Z");
    static final long E = 5_000; // scale interval 5 g

    static Plu plu(String code, SaleType type, long price, String layout) {
        return new Plu(code, Map.of("en", "Item " + code, "de", "Artikel " + code), type, price, "EUR", 0, 4, layout,
                "default", List.of(), true);
    }

    static WeightReading stable(long netMg) {
        return new WeightReading(netMg, netMg, 0, E, true, false, WeightStatus.OK, 0);
    }

    static PriceBook book(List<Plu> plus, List<ScheduledPrice> changes, List<Promotion> promotions) {
        return new PriceBook("store-1", 4, T0, "EUR", plus, changes, promotions);
    }

    static PriceCalculator calculator(RoundingRule rule, long increment) {
        return new PriceCalculator(new PricingConfig("Test Market", "en", "Europe/Berlin", rule, increment, Map.of()));
    }

    final PriceCalculator halfUp = calculator(RoundingRule.HALF_UP, 1);

    @Test
    void perKgTotalIsRoundedHalfUpToTheCent() throws Exception {
        PriceBook b = book(List.of(plu("4011", SaleType.PER_KG, 199, "ean13-price")), null, null);
        PricedItem item = halfUp.price(b, PriceRequest.byWeight("4011", stable(1_235_000), NOON));
        // 1.99 €/kg × 1.235 kg = 2.45765 € → 2.46 €
        assertThat(item.totalMinor()).isEqualTo(246);
        assertThat(item.netMg()).isEqualTo(1_235_000);
        assertThat(item.unitPriceMinor()).isEqualTo(199);
        assertThat(item.currency()).isEqualTo("EUR");
        assertThat(item.barcode()).isEqualTo("2104011002461");
        assertThat(item.promotion()).isNull();
        assertThat(item.name()).isEqualTo("Item 4011");
        assertThat(item.priceBookVersion()).isEqualTo(4);
        assertThat(item.packedOn()).isEqualTo(LocalDate.of(2026, 3, 10));
        assertThat(item.sellBy()).isEqualTo(LocalDate.of(2026, 3, 14));
    }

    @Test
    void halfEvenAndHalfUpDifferOnAnExactHalf() throws Exception {
        PriceBook b = book(List.of(plu("4011", SaleType.PER_KG, 150, "ean13-price")), null, null);
        PriceRequest r = PriceRequest.byWeight("4011", stable(1_230_000), NOON); // 184.5 cents
        assertThat(halfUp.price(b, r).totalMinor()).isEqualTo(185);
        assertThat(calculator(RoundingRule.HALF_EVEN, 1).price(b, r).totalMinor()).isEqualTo(184);
        PriceRequest odd = PriceRequest.byWeight("4011", stable(1_250_000), NOON); // 187.5 cents
        assertThat(calculator(RoundingRule.HALF_EVEN, 1).price(b, odd).totalMinor()).isEqualTo(188);
    }

    @Test
    void swissRoundingToFiveRappen() throws Exception {
        Plu p = new Plu("4011", Map.of("de", "Bananen"), SaleType.PER_KG, 395, "CHF", 0, 0, "ean13-price", "default", null, true);
        PriceBook b = new PriceBook("zh-1", 1, T0, "CHF", List.of(p), null, null);
        PriceCalculator chf = calculator(RoundingRule.HALF_UP, 5);
        // 3.95 CHF/kg × 0.615 kg = 2.42925 CHF → 2.45 CHF; × 0.605 kg = 2.38975 → 2.40
        assertThat(chf.price(b, PriceRequest.byWeight("4011", stable(615_000), NOON)).totalMinor()).isEqualTo(245);
        assertThat(chf.price(b, PriceRequest.byWeight("4011", stable(605_000), NOON)).totalMinor()).isEqualTo(240);
        assertThat(chf.price(b, PriceRequest.byWeight("4011", stable(605_000), NOON)).sellBy()).isNull();
    }

    @Test
    void perPieceAndFixed() throws Exception {
        PriceBook b = book(List.of(plu("4046", SaleType.PER_PIECE, 129, "ean13-price"),
                plu("1050", SaleType.FIXED, 299, "ean13-price")), null, null);
        PricedItem avocados = halfUp.price(b, PriceRequest.byCount("4046", 3, NOON));
        assertThat(avocados.totalMinor()).isEqualTo(387);
        assertThat(avocados.count()).isEqualTo(3);
        assertThat(avocados.netMg()).isZero();
        PricedItem box = halfUp.price(b, new PriceRequest("1050", null, 0, NOON));
        assertThat(box.totalMinor()).isEqualTo(299);
        assertThat(box.count()).isEqualTo(1);
    }

    @Test
    void scheduledPriceChangeAppliesFromItsInstant() throws Exception {
        Instant change = NOON.plusSeconds(60);
        PriceBook b = book(List.of(plu("4011", SaleType.PER_KG, 199, "ean13-price")),
                List.of(new ScheduledPrice("4011", 149, change)), null);
        assertThat(halfUp.price(b, PriceRequest.byWeight("4011", stable(1_000_000), NOON)).totalMinor()).isEqualTo(199);
        assertThat(halfUp.price(b, PriceRequest.byWeight("4011", stable(1_000_000), change)).totalMinor()).isEqualTo(149);
    }

    @Test
    void theBestValidPromotionIsAppliedAndItsSavingShown() throws Exception {
        Instant until = NOON.plusSeconds(3600);
        PriceBook b = book(List.of(plu("4173", SaleType.PER_KG, 265, "ean13-price")), null, List.of(
                new Promotion("P-PCT", "4173", PromotionKind.PERCENT_OFF, 2500, T0, until, Map.of("en", "-25 %")),
                new Promotion("P-OFF", "4173", PromotionKind.FIXED_OFF, 50, T0, until.plusSeconds(3600), Map.of("en", "50 ct off")),
                new Promotion("P-NEW", "4173", PromotionKind.NEW_PRICE, 100, until.plusSeconds(3600), until.plusSeconds(7200), null)));
        PricedItem item = halfUp.price(b, PriceRequest.byWeight("4173", stable(2_000_000), NOON));
        // 2.65 × 0.75 = 1.9875 → 1.99 €/kg; × 2 kg = 3.98 € instead of 5.30 €
        assertThat(item.unitPriceMinor()).isEqualTo(199);
        assertThat(item.regularUnitPriceMinor()).isEqualTo(265);
        assertThat(item.totalMinor()).isEqualTo(398);
        assertThat(item.promotion()).isEqualTo(new AppliedPromotion("P-PCT", "-25 %", 132));
        // after the percent promotion ends, 50 ct off is the best one left
        PricedItem later = halfUp.price(b, PriceRequest.byWeight("4173", stable(2_000_000), until));
        assertThat(later.unitPriceMinor()).isEqualTo(215);
        assertThat(later.promotion().id()).isEqualTo("P-OFF");
        // and a new price of 1.00 after that
        PricedItem latest = halfUp.price(b, PriceRequest.byWeight("4173", stable(2_000_000), until.plusSeconds(3600)));
        assertThat(latest.unitPriceMinor()).isEqualTo(100);
        assertThat(latest.promotion().text()).isEqualTo("P-NEW");
    }

    @Test
    void aPromotionThatWouldRaiseThePriceIsNotApplied() throws Exception {
        PriceBook b = book(List.of(plu("4011", SaleType.PER_KG, 199, "ean13-price")), null, List.of(
                new Promotion("P", "4011", PromotionKind.NEW_PRICE, 250, T0, NOON.plusSeconds(1), null)));
        PricedItem item = halfUp.price(b, PriceRequest.byWeight("4011", stable(1_000_000), NOON));
        assertThat(item.unitPriceMinor()).isEqualTo(199);
        assertThat(item.promotion()).isNull();
    }

    @Test
    void presetTareIsTakenOffWhenLargerThanTheScaleTare() throws Exception {
        Plu tray = new Plu("4664", Map.of("en", "Vine tomatoes"), SaleType.PER_KG, 399, "EUR", 12_000, 3,
                "ean13-price", "default", null, true);
        PriceBook b = book(List.of(tray), null, null);
        WeightReading gross = new WeightReading(512_000, 512_000, 0, E, true, false, WeightStatus.OK, 0);
        PricedItem item = halfUp.price(b, PriceRequest.byWeight("4664", gross, NOON));
        assertThat(item.netMg()).isEqualTo(500_000);
        assertThat(item.tareMg()).isEqualTo(12_000);
        assertThat(item.totalMinor()).isEqualTo(200); // 3.99 × 0.5 = 1.995 → 2.00
        // the shopper's own tare of 20 g is larger: it stands
        WeightReading tared = new WeightReading(520_000, 500_000, 20_000, E, true, false, WeightStatus.OK, 0);
        assertThat(halfUp.price(b, PriceRequest.byWeight("4664", tared, NOON)).tareMg()).isEqualTo(20_000);
        // 110 g gross - 12 g preset tare = 98 g → 100 g at e = 5 g, the Min: priceable; 105 g - 12 g = 95 g: not
        WeightReading light = new WeightReading(105_000, 105_000, 0, E, true, false, WeightStatus.OK, 0);
        assertThatThrownBy(() -> halfUp.price(b, PriceRequest.byWeight("4664", light, NOON)))
                .isInstanceOfSatisfying(PricingRefusedException.class, e -> assertThat(e.reason()).isEqualTo(RefusalReason.BELOW_MIN));
        WeightReading justEnough = new WeightReading(110_000, 110_000, 0, E, true, false, WeightStatus.OK, 0);
        assertThat(halfUp.price(b, PriceRequest.byWeight("4664", justEnough, NOON)).netMg()).isEqualTo(100_000);
    }

    @Test
    void weightEmbeddedLayoutCarriesTheNetGrams() throws Exception {
        PriceBook b = book(List.of(plu("4011", SaleType.PER_KG, 199, "ean13-weight"),
                plu("4046", SaleType.PER_PIECE, 129, "ean13-weight")), null, null);
        assertThat(halfUp.price(b, PriceRequest.byWeight("4011", stable(1_235_000), NOON)).barcode()).startsWith("280401101235");
        assertRefused(b, PriceRequest.byCount("4046", 1, NOON), RefusalReason.BARCODE_LAYOUT);
    }

    // --- refusals: clear reason, no result ---

    @ParameterizedTest
    @EnumSource(value = WeightStatus.class, names = {"BELOW_MIN", "OVERLOAD", "UNDERLOAD", "NOT_ZEROED", "FAULT"})
    void refusesAWeightThatMayNotBePriced(WeightStatus status) {
        PriceBook b = book(List.of(plu("4011", SaleType.PER_KG, 199, "ean13-price")), null, null);
        WeightReading r = new WeightReading(1_000_000, 1_000_000, 0, E, true, false, status, 0);
        RefusalReason expected = switch (status) {
            case BELOW_MIN -> RefusalReason.BELOW_MIN;
            case OVERLOAD -> RefusalReason.OVERLOAD;
            case UNDERLOAD -> RefusalReason.NEGATIVE;
            default -> RefusalReason.SCALE_FAULT;
        };
        assertRefused(b, PriceRequest.byWeight("4011", r, NOON), expected);
    }

    @Test
    void refusesUnstableNegativeAndMissingWeights() {
        PriceBook b = book(List.of(plu("4011", SaleType.PER_KG, 199, "ean13-price")), null, null);
        WeightReading moving = new WeightReading(1_000_000, 1_000_000, 0, E, false, false, WeightStatus.OK, 0);
        assertRefused(b, PriceRequest.byWeight("4011", moving, NOON), RefusalReason.UNSTABLE);
        WeightReading negative = new WeightReading(0, -20_000, 20_000, E, true, false, WeightStatus.OK, 0);
        assertRefused(b, PriceRequest.byWeight("4011", negative, NOON), RefusalReason.NEGATIVE);
        assertRefused(b, PriceRequest.byWeight("4011", null, NOON), RefusalReason.NO_WEIGHT);
    }

    @Test
    void refusesUnknownAndInactivePlus() {
        Plu off = new Plu("4012", Map.of("en", "Oranges"), SaleType.PER_KG, 199, "EUR", 0, 0, "ean13-price", "default", null, false);
        PriceBook b = book(List.of(plu("4011", SaleType.PER_KG, 199, "ean13-price"), off), null, null);
        assertRefused(b, PriceRequest.byWeight("9999", stable(1_000_000), NOON), RefusalReason.UNKNOWN_PLU);
        assertRefused(b, PriceRequest.byWeight("4012", stable(1_000_000), NOON), RefusalReason.INACTIVE_PLU);
    }

    @Test
    void refusesATotalThatDoesNotFitThePriceField() throws Exception {
        // UK layout has a 4-digit price field: at most 99.99
        PriceBook b = book(List.of(plu("4011", SaleType.PER_KG, 5000, "uk-price-verifier")), null, null);
        assertThat(halfUp.price(b, PriceRequest.byWeight("4011", stable(1_995_000), NOON)).totalMinor()).isEqualTo(9975);
        assertRefused(b, PriceRequest.byWeight("4011", stable(2_000_000), NOON), RefusalReason.TOTAL_TOO_LARGE);
    }

    @Test
    void refusesBadCountsBookNotYetInForceAndUnknownLayouts() {
        PriceBook b = book(List.of(plu("4011", SaleType.PER_KG, 199, "ean13-price"),
                plu("4046", SaleType.PER_PIECE, 129, "ean13-price"), plu("4047", SaleType.PER_PIECE, 129, "no-such-layout"),
                plu("94011", SaleType.PER_KG, 249, "ean13-price-verifier")), null, null);
        assertRefused(b, PriceRequest.byCount("4046", 0, NOON), RefusalReason.BAD_COUNT);
        assertRefused(b, PriceRequest.byCount("4046", 1000, NOON), RefusalReason.BAD_COUNT);
        assertRefused(b, new PriceRequest("4011", stable(1_000_000), 3, NOON), RefusalReason.BAD_COUNT);
        assertRefused(b, PriceRequest.byCount("4046", 1, T0.minusSeconds(1)), RefusalReason.BOOK_NOT_IN_FORCE);
        assertRefused(b, PriceRequest.byCount("4047", 1, NOON), RefusalReason.BARCODE_LAYOUT);
        assertRefused(b, PriceRequest.byWeight("94011", stable(1_000_000), NOON), RefusalReason.BARCODE_LAYOUT);
    }

    private void assertRefused(PriceBook b, PriceRequest r, RefusalReason reason) {
        assertThatThrownBy(() -> halfUp.price(b, r)).isInstanceOfSatisfying(PricingRefusedException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.getMessage()).isNotBlank();
        });
    }
}
