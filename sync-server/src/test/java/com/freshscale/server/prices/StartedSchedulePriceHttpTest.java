package com.freshscale.server.prices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.freshscale.protocol.pricebook.PriceBook;
import com.freshscale.protocol.signing.PriceBookVerifier;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scheduled price that has started is what the scales charge; a manager's new price for the item afterwards is the
 * price from then on, at the scales too (the probe: 3.70 from a schedule, the item set to 2.60, the scale still at 3.70).
 * The API shows the price in force beside the base price. Real server, HTTP, SQLite.
 */
class StartedSchedulePriceHttpTest extends PriceHttpTestBase {
    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        startServer(dir, "started-schedule");
        assertThat(send("POST", "/api/stores/s1/changes", changes("\"createPlus\":[" + PromotionGuardHttpTest.item("4020", "Pears", 249)
                + "," + PromotionGuardHttpTest.item("4021", "Plums", 249) + "]")).statusCode()).isEqualTo(200);
    }

    static String scheduled(String plu, long price, Instant from) {
        return "{\"pluCode\":\"" + plu + "\",\"unitPriceMinor\":" + price + ",\"effectiveFrom\":\"" + from + "\"}";
    }

    JsonNode plu(String code) throws Exception {
        return JSON.readTree(send("GET", "/api/stores/s1/plus/" + code, null).body());
    }

    /** The signed book the scales get, once its PLU {@code code} has the base price {@code base}. */
    PriceBook publishedWith(String code, long base) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            var latest = server.publisher().latest("s1");
            return latest == null ? null : PriceBookVerifier.readOwn(latest.payload());
        }, b -> b != null && b.plu(code).map(p -> p.unitPriceMinor() == base).orElse(false));
    }

    @Test
    void aNewPriceAfterAStartedScheduledPriceIsThePriceAtTheScales() throws Exception {
        // started 20 s ago (the leeway lets a change for "now" through)
        assertThat(send("POST", "/api/stores/s1/scheduled-prices", scheduled("4020", 370, Instant.now().minusSeconds(20))).statusCode())
                .isEqualTo(201);
        JsonNode before = plu("4020");
        assertThat(before.get("unitPriceMinor").asLong()).isEqualTo(249);
        assertThat(before.get(HttpApi_PRICE_IN_FORCE).asLong()).as("the price the scales charge").isEqualTo(370);
        JsonNode listed = JSON.readTree(send("GET", "/api/stores/s1/plus", null).body());
        assertThat(listed.findValues(HttpApi_PRICE_IN_FORCE)).extracting(JsonNode::asLong).containsExactly(370L, 249L);

        // the client's GET → edit → PUT, with the read-only field in it
        String edited = before.toString().replace("\"unitPriceMinor\":249", "\"unitPriceMinor\":260");
        var put = send("PUT", "/api/stores/s1/plus/4020", edited);
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(JSON.readTree(put.body()).get(HttpApi_PRICE_IN_FORCE).asLong()).isEqualTo(260);
        assertThat(plu("4020").get("unitPriceMinor").asLong()).isEqualTo(260);
        assertThat(plu("4020").get(HttpApi_PRICE_IN_FORCE).asLong()).isEqualTo(260);
        assertThat(server.prices().scheduledPrices("s1")).as("the started schedule went with the new price")
                .noneMatch(s -> s.change().pluCode().equals("4020"));

        PriceBook book = publishedWith("4020", 260);
        assertThat(book.unitPriceAt(book.plu("4020").orElseThrow(), Instant.now())).as("what the scale charges").isEqualTo(260);
        assertThat(book.unitPriceAt(book.plu("4020").orElseThrow(), book.effectiveFrom())).isEqualTo(260);

        // the history says what the scales charged before: 3.70 → 2.60, and the started schedule that went
        JsonNode history = JSON.readTree(send("GET", "/api/reports/price-history?store=s1&plu=4020", null).body());
        JsonNode price = null;
        JsonNode removed = null;
        for (JsonNode h : history) {
            if (price == null && h.get("field").asText().equals("price")) price = h;
            if (removed == null && h.get("field").asText().startsWith("price from ")) removed = h;
        }
        assertThat(price).isNotNull();
        assertThat(price.get("oldValue").asText()).isEqualTo("370");
        assertThat(price.get("newValue").asText()).isEqualTo("260");
        assertThat(removed).isNotNull();
        assertThat(removed.get("oldValue").asText()).isEqualTo("370");
        assertThat(removed.path("newValue").isNull() || removed.path("newValue").isMissingNode()).isTrue();
    }

    @Test
    void anEditThatLeavesThePriceLeavesTheStartedScheduledPriceInForce() throws Exception {
        assertThat(send("POST", "/api/stores/s1/scheduled-prices", scheduled("4021", 300, Instant.now().minusSeconds(20))).statusCode())
                .isEqualTo(201);
        JsonNode before = plu("4021");
        // a name changed, the (base) price sent back as it was: the scales keep charging 3.00
        String renamed = before.toString().replace("\"Plums\"", "\"Red plums\"");
        assertThat(send("PUT", "/api/stores/s1/plus/4021", renamed).statusCode()).isEqualTo(200);
        assertThat(plu("4021").get(HttpApi_PRICE_IN_FORCE).asLong()).isEqualTo(300);
        assertThat(server.prices().scheduledPrices("s1")).anyMatch(s -> s.change().pluCode().equals("4021"));
    }

    private static final String HttpApi_PRICE_IN_FORCE = "priceInForceMinor";
}
