package com.freshscale.protocol.pricebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriceBookTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static Plu plu(String code, long price) {
        return new Plu(code, Map.of("en", "Item " + code), SaleType.PER_KG, price, "EUR", 0, 5,
                "ean13-price", "default", List.of("Banana"), true);
    }

    private static Promotion promo(String id, String code, Instant from, Instant until) {
        return new Promotion(id, code, PromotionKind.PERCENT_OFF, 2500, from, until, Map.of("en", "-25 %"));
    }

    @Test
    void scheduledPriceTakesEffectAtItsInstantAndTheLatestWins() {
        Instant t1 = T0.plusSeconds(3600);
        Instant t2 = T0.plusSeconds(7200);
        PriceBook book = new PriceBook("s1", 3, T0, "EUR", List.of(plu("4011", 199)),
                List.of(new ScheduledPrice("4011", 149, t2), new ScheduledPrice("4011", 179, t1)), List.of());
        Plu bananas = book.plu("4011").orElseThrow();
        assertThat(book.unitPriceAt(bananas, T0)).isEqualTo(199);
        assertThat(book.unitPriceAt(bananas, t1.minusNanos(1))).isEqualTo(199);
        assertThat(book.unitPriceAt(bananas, t1)).isEqualTo(179);
        assertThat(book.unitPriceAt(bananas, t2)).isEqualTo(149);
    }

    /**
     * The server judges a book it has not built yet by the rule the scales price with; and a book whose started scheduled
     * price was taken out with its price made the base (the server does so when a manager sets the price anew at that
     * price) charges what the book with it charged: no jump at the scale when the new version comes.
     */
    @Test
    void theSameRuleForABookNotBuiltYetAndAFoldedScheduleChargesTheSame() {
        Instant t1 = T0.plusSeconds(3600);
        List<ScheduledPrice> schedule = List.of(new ScheduledPrice("4011", 179, t1), new ScheduledPrice("4012", 99, T0));
        assertThat(PriceBook.unitPriceAt("4011", 199, schedule, t1.minusNanos(1))).isEqualTo(199);
        assertThat(PriceBook.unitPriceAt("4011", 199, schedule, t1)).isEqualTo(179);
        assertThat(PriceBook.unitPriceAt("4013", 55, schedule, t1)).isEqualTo(55);
        PriceBook withSchedule = new PriceBook("s1", 3, T0, "EUR", List.of(plu("4011", 199)), schedule.subList(0, 1), List.of());
        PriceBook folded = new PriceBook("s1", 4, t1.plusSeconds(1), "EUR", List.of(plu("4011", 179)), List.of(), List.of());
        Instant later = t1.plusSeconds(60);
        assertThat(folded.unitPriceAt(folded.plu("4011").orElseThrow(), later))
                .isEqualTo(withSchedule.unitPriceAt(withSchedule.plu("4011").orElseThrow(), later));
    }

    @Test
    void promotionWindowIsHalfOpen() {
        Instant until = T0.plusSeconds(60);
        PriceBook book = new PriceBook("s1", 1, T0, "EUR", List.of(plu("4011", 199)), List.of(),
                List.of(promo("P1", "4011", T0, until)));
        assertThat(book.promotionsAt("4011", T0)).hasSize(1);
        assertThat(book.promotionsAt("4011", until.minusNanos(1))).hasSize(1);
        assertThat(book.promotionsAt("4011", until)).isEmpty();
        assertThat(book.promotionsAt("4011", T0.minusNanos(1))).isEmpty();
    }

    @Test
    void inconsistentBooksAreRejected() {
        assertThatThrownBy(() -> new PriceBook("s1", 1, T0, "EUR", List.of(plu("4011", 1), plu("4011", 2)), null, null))
                .hasMessageContaining("4011 appears twice");
        assertThatThrownBy(() -> new PriceBook("s1", 1, T0, "CHF", List.of(plu("4011", 1)), null, null))
                .hasMessageContaining("priced in EUR");
        assertThatThrownBy(() -> new PriceBook("s1", 1, T0, "EUR", List.of(plu("4011", 1)),
                List.of(new ScheduledPrice("4012", 5, T0)), null)).hasMessageContaining("unknown PLU 4012");
        assertThatThrownBy(() -> new PriceBook("s1", 1, T0, "EUR", List.of(plu("4011", 1)), null,
                List.of(promo("P", "9999", T0, T0.plusSeconds(1))))).hasMessageContaining("unknown PLU 9999");
        assertThatThrownBy(() -> new PriceBook("s1", 0, T0, "EUR", List.of(), null, null)).hasMessageContaining("version");
        assertThatThrownBy(() -> plu("123456", 1)).hasMessageContaining("1 to 5 digits");
        assertThatThrownBy(() -> plu("4011", -1)).hasMessageContaining("negative unit price");
        assertThatThrownBy(() -> promo("P", "4011", T0, T0)).hasMessageContaining("validUntil");
        assertThatThrownBy(() -> new Promotion("P", "4011", PromotionKind.PERCENT_OFF, 10_001, T0, T0.plusSeconds(1), null))
                .hasMessageContaining("basis points");
    }

    @Test
    void roundTripsThroughJackson() throws Exception {
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        PriceBook book = new PriceBook("s1", 7, T0, "EUR", List.of(plu("4011", 199), plu("4012", 299)),
                List.of(new ScheduledPrice("4011", 149, T0.plusSeconds(5))),
                List.of(promo("P1", "4012", T0, T0.plusSeconds(60))));
        String text = json.writeValueAsString(book);
        assertThat(text).contains("\"effectiveFrom\":\"2026-01-01T00:00:00Z\"").doesNotContain("activePlusFor");
        assertThat(json.readValue(text, PriceBook.class)).isEqualTo(book);
    }

    @Test
    void activePlusForAModelLabelSkipInactiveOnes() {
        Plu inactive = new Plu("4012", Map.of("en", "x"), SaleType.PER_KG, 1, "EUR", 0, 0, "ean13-price",
                "default", List.of("Banana"), false);
        PriceBook book = new PriceBook("s1", 1, T0, "EUR", List.of(plu("4011", 1), inactive), null, null);
        assertThat(book.activePlusFor("Banana")).extracting(Plu::code).containsExactly("4011");
        assertThat(book.activePlusFor("Kiwi")).isEmpty();
    }
}
