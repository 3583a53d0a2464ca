package com.freshscale.server.prices;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A promotion replaced (PUT under its id) is kept in the price history as the offer it was → the offer it is now, not as
 * if it had been created; moved to another item, the old item's history shows it ended there. Real server, HTTP, SQLite.
 */
class PromotionHistoryHttpTest extends PriceHttpTestBase {
    private static final String PERIOD = ", 2026-01-01T00:00:00Z – 2036-01-01T00:00:00Z, en \"Offer\"";

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        startServer(dir, "promotion-history");
        assertThat(send("POST", "/api/stores/s1/changes", changes("\"createPlus\":[" + PromotionGuardHttpTest.item("4016", "Apples", 229)
                + "," + PromotionGuardHttpTest.item("4130", "Melons", 349) + "]")).statusCode()).isEqualTo(200);
    }

    /** The newest history entry of {@code plu} for {@code field}. */
    private JsonNode newest(String plu, String field) throws Exception {
        for (JsonNode h : JSON.readTree(send("GET", "/api/reports/price-history?store=s1&plu=" + plu, null).body())) {
            if (h.get("field").asText().equals(field)) return h;
        }
        throw new AssertionError("no history of " + field + " for PLU " + plu);
    }

    /** A null value: created ({@code oldValue}) or removed ({@code newValue}). */
    private static boolean absent(JsonNode entry, String field) {
        return entry.path(field).isNull() || entry.path(field).isMissingNode();
    }

    @Test
    void aReplacedPromotionIsRecordedWithTheOfferItReplaced() throws Exception {
        String ten = PromotionGuardHttpTest.promotion("h1", "4016", "PERCENT_OFF", "1000");
        assertThat(send("PUT", "/api/stores/s1/promotions/h1", ten).statusCode()).isEqualTo(200);
        JsonNode created = newest("4016", "promotion h1");
        assertThat(absent(created, "oldValue")).as(created.toString()).isTrue();
        assertThat(created.get("newValue").asText()).isEqualTo("10 % off" + PERIOD);

        assertThat(send("PUT", "/api/stores/s1/promotions/h1", ten.replace("1000", "2000")).statusCode()).isEqualTo(200);
        JsonNode replaced = newest("4016", "promotion h1");
        assertThat(replaced.get("oldValue").asText()).as(replaced.toString()).isEqualTo("10 % off" + PERIOD); // was null
        assertThat(replaced.get("newValue").asText()).isEqualTo("20 % off" + PERIOD);

        // the same id put on another item: it ended on the apples and began on the melons
        assertThat(send("PUT", "/api/stores/s1/promotions/h1", ten.replace("4016", "4130")).statusCode()).isEqualTo(200);
        JsonNode ended = newest("4016", "promotion h1");
        assertThat(ended.get("oldValue").asText()).isEqualTo("20 % off" + PERIOD);
        assertThat(absent(ended, "newValue")).as(ended.toString()).isTrue();
        JsonNode began = newest("4130", "promotion h1");
        assertThat(absent(began, "oldValue")).as(began.toString()).isTrue();
        assertThat(began.get("newValue").asText()).isEqualTo("10 % off" + PERIOD);
    }

    /** The wording alone changed: the shopper reads another offer text, and the history says so. */
    @Test
    void aPromotionWhoseTextAloneChangedIsRecordedWithBothTexts() throws Exception {
        String offer = PromotionGuardHttpTest.promotion("h2", "4130", "PERCENT_OFF", "1000");
        assertThat(send("PUT", "/api/stores/s1/promotions/h2", offer).statusCode()).isEqualTo(200);
        assertThat(send("PUT", "/api/stores/s1/promotions/h2", offer.replace("\"Offer\"", "\"Buy one get one free\"")).statusCode())
                .isEqualTo(200);
        JsonNode reworded = newest("4130", "promotion h2");
        assertThat(reworded.get("oldValue").asText()).isEqualTo("10 % off" + PERIOD);
        assertThat(reworded.get("newValue").asText()).isEqualTo("10 % off" + PERIOD.replace("Offer", "Buy one get one free"));
    }
}
