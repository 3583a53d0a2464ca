package com.freshscale.server.prices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A promotion goes through the price guard like a price change, the promotional price judged against the item's regular
 * price: free (100 % off, a new price of 0, an amount off equal to the price) or a cut beyond 50 % is published only with
 * the confirmation the price routes take (the same message, {@code ?confirm=CODE:OLD:NEW} or the change set's
 * {@code confirmPriceChanges}); an amount off larger than the price, or more than 100 % off, is refused with 400. A refused
 * promotion changes nothing and never reaches the published book. Real server, HTTP, SQLite.
 */
class PromotionGuardHttpTest extends PriceHttpTestBase {
    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        startServer(dir, "promotion-guard");
        assertThat(send("POST", "/api/stores/s1/changes", PriceRulesHttpTest.changes("\"createPlus\":[" + item("4016", "Apples", 229) + ","
                + item("4130", "Melons", 349) + "," + item("4040", "Plums", 199) + "," + item("4050", "Pears", 200) + ","
                + item("4060", "Lemons", 229) + "]")).statusCode()).isEqualTo(200);
    }

    static String item(String code, String name, long price) {
        return "{\"code\":\"" + code + "\",\"names\":{\"en\":\"" + name + "\"},\"saleType\":\"PER_KG\",\"unitPriceMinor\":" + price
                + ",\"currency\":\"EUR\",\"presetTareMg\":0,\"shelfLifeDays\":5,\"barcodeLayout\":\"ean13-price\",\"labelLayout\":\"default\","
                + "\"modelLabels\":[],\"active\":true}";
    }

    static String promotion(String id, String plu, String kind, String value) {
        return "{\"id\":\"" + id + "\",\"pluCode\":\"" + plu + "\",\"kind\":\"" + kind + "\",\"value\":" + value
                + ",\"validFrom\":\"2026-01-01T00:00:00Z\",\"validUntil\":\"2036-01-01T00:00:00Z\",\"texts\":{\"en\":\"Offer\"}}";
    }

    /** A change set putting {@code promotion}, with {@code extra} fields (e.g. confirmPriceChanges) or none. */
    static String withPromotion(String promotion, String extra) {
        return "{\"putPlus\":[],\"putPromotions\":[" + promotion + "],\"addScheduledPrices\":[],\"deletePromotions\":[],"
                + "\"deleteScheduledPrices\":[],\"deletePlus\":[]" + (extra == null ? "" : "," + extra) + "}";
    }

    boolean stored(String id) {
        return server.prices().promotions("s1").stream().anyMatch(p -> p.id().equals(id));
    }

    /** The signed book the scales get now (GET .../pricebook). */
    String published() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> server.publisher().latest("s1") != null);
        HttpResponse<String> r = send("GET", "/api/stores/s1/pricebook", null);
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    /** Waits until the published book carries promotion {@code id}, and returns it. */
    String publishedWith(String id) {
        return await().atMost(Duration.ofSeconds(30)).until(this::published, b -> b.contains("\"" + id + "\""));
    }

    /** What the single-item route, the change set and its dry run say about {@code promotion}: the same message. */
    String refusedEverywhere(String id, String promotion) throws Exception {
        long before = revision();
        String viaPut = error(send("PUT", "/api/stores/s1/promotions/" + id, promotion));
        String viaChanges = error(send("POST", "/api/stores/s1/changes", withPromotion(promotion, null)));
        assertThat(viaChanges).isEqualTo(viaPut);
        assertThat(revision()).as("nothing changed").isEqualTo(before);
        assertThat(stored(id)).isFalse();
        return viaPut;
    }

    JsonNode dryRun(String promotion) throws Exception {
        HttpResponse<String> r = send("POST", "/api/stores/s1/changes?dryRun=true", withPromotion(promotion, null));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("confirmations");
    }

    @Test
    void aHundredPercentOffNeedsTheZeroPriceConfirmationAndPublishesWithIt() throws Exception {
        String x9 = promotion("x9", "4016", "PERCENT_OFF", "10000");
        String message = refusedEverywhere("x9", x9);
        assertThat(message).isEqualTo("PLU 4016 Apples: promotion x9 (100 % off): 2.29 EUR → 0.00 EUR gives it away: confirm that the price is zero");
        JsonNode needed = dryRun(x9);
        assertThat(needed).hasSize(1);
        assertThat(needed.get(0).get("message").asText()).isEqualTo(message);
        assertThat(needed.get(0).get("confirmation")).isEqualTo(JSON.readTree("{\"pluCode\":\"4016\",\"fromMinor\":229,\"toMinor\":0}"));
        // a confirmation of another change does not count
        assertThat(error(send("PUT", "/api/stores/s1/promotions/x9?confirm=4016:229:1", x9))).isEqualTo(message);
        assertThat(published()).doesNotContain("\"x9\"");
        // the price route's confirmation: published
        HttpResponse<String> ok = send("PUT", "/api/stores/s1/promotions/x9?confirm=4016:229:0", x9);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(stored("x9")).isTrue();
        publishedWith("x9");
    }

    @Test
    void aNewPriceOfZeroNeedsTheConfirmationTheChangeSetCarries() throws Exception {
        String y2 = promotion("y2", "4130", "NEW_PRICE", "0");
        assertThat(refusedEverywhere("y2", y2)).isEqualTo(
                "PLU 4130 Melons: promotion y2 (now 0.00 EUR): 3.49 EUR → 0.00 EUR gives it away: confirm that the price is zero");
        HttpResponse<String> ok = send("POST", "/api/stores/s1/changes", withPromotion(y2,
                "\"confirmPriceChanges\":[{\"pluCode\":\"4130\",\"fromMinor\":349,\"toMinor\":0}]"));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(stored("y2")).isTrue();
    }

    @Test
    void anAmountOffLargerThanThePriceIsRefusedEvenConfirmed() throws Exception {
        String y4 = promotion("y4", "4040", "FIXED_OFF", Long.toString(Long.MAX_VALUE));
        String message = refusedEverywhere("y4", y4);
        assertThat(message).isEqualTo("PLU 4040 Plums: promotion y4 (92233720368547758.07 EUR off): the amount off is more than the price of 1.99 EUR: "
                + "at most 1.99 EUR off (a promotion that makes the item free is a new price of 0, confirmed)");
        assertThat(error(send("POST", "/api/stores/s1/changes?dryRun=true", withPromotion(y4, null)))).isEqualTo(message);
        assertThat(error(send("PUT", "/api/stores/s1/promotions/y4?confirm=4040:199:0", y4))).isEqualTo(message);
        assertThat(error(send("PUT", "/api/stores/s1/promotions/y5", promotion("y5", "4040", "FIXED_OFF", "200")))).contains("1.99 EUR");
        // exactly the price: free, so confirmed like a price of zero
        String y6 = promotion("y6", "4040", "FIXED_OFF", "199");
        assertThat(error(send("PUT", "/api/stores/s1/promotions/y6", y6))).contains("1.99 EUR → 0.00 EUR gives it away");
        assertThat(send("PUT", "/api/stores/s1/promotions/y6?confirm=4040:199:0", y6).statusCode()).isEqualTo(200);
        assertThat(publishedWith("y6")).doesNotContain("\"y4\"", "\"y5\"");
    }

    @Test
    void moreThanAHundredPercentOffIsRefused() throws Exception {
        long before = revision();
        assertThat(error(send("PUT", "/api/stores/s1/promotions/p101", promotion("p101", "4016", "PERCENT_OFF", "10001"))))
                .contains("percent off must be 1..10000 basis points");
        assertThat(revision()).isEqualTo(before);
        assertThat(stored("p101")).isFalse();
    }

    @Test
    void aCutBeyondHalfNeedsTheConfirmationAndHalfDoesNot() throws Exception {
        String p60 = promotion("p60", "4050", "PERCENT_OFF", "6000");
        String message = refusedEverywhere("p60", p60);
        assertThat(message).isEqualTo("PLU 4050 Pears: promotion p60 (60 % off): 2.00 EUR → 0.80 EUR is a change of −60 %, beyond ±50 %: "
                + "confirm it to publish it");
        assertThat(send("PUT", "/api/stores/s1/promotions/p60?confirm=4050:200:80", p60).statusCode()).isEqualTo(200);
        String half = promotion("p50", "4050", "PERCENT_OFF", "5000");
        assertThat(dryRun(half)).isEmpty();
        assertThat(send("PUT", "/api/stores/s1/promotions/p50", half).statusCode()).isEqualTo(200);
        String newPrice = promotion("n1", "4050", "NEW_PRICE", "99");
        assertThat(error(send("PUT", "/api/stores/s1/promotions/n1", newPrice))).contains("2.00 EUR → 0.99 EUR is a change of −51 %");
        String fixed = promotion("f1", "4050", "FIXED_OFF", "101");
        assertThat(error(send("PUT", "/api/stores/s1/promotions/f1", fixed))).contains("2.00 EUR → 0.99 EUR is a change of −51 %");
        publishedWith("p60");
        assertThat(publishedWith("p50")).doesNotContain("\"n1\"", "\"f1\"");
    }

    @Test
    void aPriceChangeJudgesTheItemsPromotionsAgainAtTheNewPrice() throws Exception {
        // 1.00 off 2.29 is −44 %: no confirmation
        assertThat(send("PUT", "/api/stores/s1/promotions/l1", promotion("l1", "4060", "FIXED_OFF", "100")).statusCode()).isEqualTo(200);
        long before = revision();
        // 2.29 → 1.50 is −34 %, but the promotion then gives 0.50: −67 %
        String message = error(send("PUT", "/api/stores/s1/plus/4060", item("4060", "Lemons", 150)));
        assertThat(message).isEqualTo("PLU 4060 Lemons: promotion l1 (1.00 EUR off) at the new price: 1.50 EUR → 0.50 EUR is a change of "
                + "−67 %, beyond ±50 %: confirm it to publish it");
        // 0.90: the amount off is more than the price
        assertThat(error(send("PUT", "/api/stores/s1/plus/4060?confirm=4060:229:90", item("4060", "Lemons", 90))))
                .contains("promotion l1 (1.00 EUR off) at the new price: the amount off is more than the price of 0.90 EUR");
        assertThat(revision()).isEqualTo(before);
        assertThat(send("PUT", "/api/stores/s1/plus/4060?confirm=4060:150:50", item("4060", "Lemons", 150)).statusCode()).isEqualTo(200);
        assertThat(server.prices().plu("s1", "4060").unitPriceMinor()).isEqualTo(150);
    }
    @Test
    void aScheduledPriceIsJudgedWithTheItemsPromotionsAndAPromotionWithTheScheduledPrices() throws Exception {
        assertThat(send("PUT", "/api/stores/s1/plus/4070", item("4070", "Limes", 229)).statusCode()).isEqualTo(200);
        // 1.00 off 2.29 is −44 %: no confirmation
        assertThat(send("PUT", "/api/stores/s1/promotions/m1", promotion("m1", "4070", "FIXED_OFF", "100")).statusCode()).isEqualTo(200);
        long before = revision();
        String from = "2030-01-01T00:00:00Z";
        // 0.90 from 2030, confirmed as a price cut: but the promotion then takes 1.00 off 0.90
        assertThat(error(send("POST", "/api/stores/s1/scheduled-prices?confirm=4070:229:90",
                "{\"pluCode\":\"4070\",\"unitPriceMinor\":90,\"effectiveFrom\":\"" + from + "\"}")))
                .contains("promotion m1 (1.00 EUR off) at the price from " + from + ": the amount off is more than the price of 0.90 EUR");
        // 1.50 from 2030 is −34 %, but the promotion then gives 0.50: −67 %
        String at150 = "{\"pluCode\":\"4070\",\"unitPriceMinor\":150,\"effectiveFrom\":\"" + from + "\"}";
        assertThat(error(send("POST", "/api/stores/s1/scheduled-prices", at150))).isEqualTo("PLU 4070 Limes: promotion m1 (1.00 EUR off) "
                + "at the price from " + from + ": 1.50 EUR → 0.50 EUR is a change of −67 %, beyond ±50 %: confirm it to publish it");
        assertThat(revision()).as("nothing changed").isEqualTo(before);
        assertThat(server.prices().scheduledPrices("s1")).noneMatch(sc -> sc.change().pluCode().equals("4070"));
        assertThat(send("POST", "/api/stores/s1/scheduled-prices?confirm=4070:150:50", at150).statusCode()).isEqualTo(201);
        // the other way round: 0.80 off is −35 % today, −53 % at the price from 2030
        String m2 = promotion("m2", "4070", "FIXED_OFF", "80");
        assertThat(error(send("PUT", "/api/stores/s1/promotions/m2", m2)))
                .contains("promotion m2 (0.80 EUR off) at the price from " + from + ": 1.50 EUR → 0.70 EUR is a change of −53 %");
        assertThat(stored("m2")).isFalse();
        assertThat(send("PUT", "/api/stores/s1/promotions/m2?confirm=4070:150:70", m2).statusCode()).isEqualTo(200);
        assertThat(stored("m2")).isTrue();
    }
}
