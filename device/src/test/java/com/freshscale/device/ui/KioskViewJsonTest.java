package com.freshscale.device.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The kiosk page reads the view by these names: the typed view must write exactly them. */
class KioskViewJsonTest {
    @Test
    void theViewIsWrittenWithThePagesSnakeCaseNames() throws Exception {
        KioskView.Item tile = new KioskView.Item("4011", Map.of("en", "Bananas"), "PER_KG", 199, true, 249L,
                Map.of("en", "Offer", "de", "Angebot"), "EUR", null, "Fruit", null, null, null);
        KioskView view = new KioskView("PRINTED", false, 3,
                new KioskView.Weight(1_234_000L, 0L, 2_000L, true, false, false, "OK", "1.234", null),
                new KioskView.PriceBookInForce(4, "EUR"), "RECOGNISED", List.of(tile.ranked(1, 0.9)), tile.picked(1, false), 0,
                new KioskView.Priced("4011", "PER_KG", 1_234_000, "1.234", 10_000, "0.010", 1, 199, 249,
                        new KioskView.Promotion("Offer", Map.of("de", "Angebot"), 62), 246, "EUR", "2140110002460", 4),
                new KioskView.Sold("a-sale", 246, "EUR", "/api/label/a-sale"), null, null, "PAPER_OUT", null, true, false, true, true,
                List.of("en", "de"));
        JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(view));
        assertThat(json.get("state").asText()).isEqualTo("PRINTED");
        assertThat(json.get("weight").get("net_mg").asLong()).isEqualTo(1_234_000L);
        assertThat(json.get("weight").get("e_mg").asLong()).isEqualTo(2_000L);
        assertThat(json.get("weight").get("net_mode").asBoolean()).isFalse();
        assertThat(json.get("weight").has("tare_text")).isTrue();
        assertThat(json.get("price_book").get("version").asLong()).isEqualTo(4);
        assertThat(json.get("candidates").get(0).get("rank").asInt()).isEqualTo(1);
        assertThat(json.get("candidates").get(0).has("auto")).as("a tile is not a pick").isFalse();
        assertThat(json.get("pick").get("auto").asBoolean()).isFalse();
        assertThat(json.get("pick").has("confidence")).isFalse();
        assertThat(json.get("pick").get("sale_type").asText()).isEqualTo("PER_KG");
        assertThat(json.get("pick").get("unit_price_minor").asLong()).isEqualTo(199);
        assertThat(json.get("pick").get("regular_unit_price_minor").asLong()).isEqualTo(249);
        assertThat(json.get("pick").get("offer").get("de").asText()).isEqualTo("Angebot");
        assertThat(json.get("pick").get("kind").asText()).isEqualTo("Fruit");
        assertThat(json.get("priced").get("tare_text").asText()).isEqualTo("0.010");
        assertThat(json.get("priced").get("promotion").get("texts").get("de").asText()).isEqualTo("Angebot");
        assertThat(json.get("printer_fault").asText()).isEqualTo("PAPER_OUT");
        assertThat(json.get("priced").get("regular_unit_price_minor").asLong()).isEqualTo(249);
        assertThat(json.get("priced").get("promotion").get("saving_minor").asLong()).isEqualTo(62);
        assertThat(json.get("sold").get("sale_id").asText()).isEqualTo("a-sale");
        assertThat(json.get("printer_problem").isNull()).isTrue();
        assertThat(json.get("recognition_available").asBoolean()).isTrue();
        assertThat(json.get("outbox_alarm").asBoolean()).isFalse();
        assertThat(json.get("languages").get(1).asText()).isEqualTo("de");
        JsonNode none = new ObjectMapper().valueToTree(KioskView.Weight.NONE);
        assertThat(none.get("status").asText()).isEqualTo("NONE");
        JsonNode photo = new ObjectMapper().valueToTree(new KioskView.Photo("p1", "Banana"));
        assertThat(photo.get("class").asText()).isEqualTo("Banana");
    }
}
