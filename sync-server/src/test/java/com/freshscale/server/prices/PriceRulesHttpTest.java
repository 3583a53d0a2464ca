package com.freshscale.server.prices;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API refuses what the console's form refuses, with the same message, and a refused change changes nothing:
 * price ceilings, confirmations of large changes, creating an existing code, blank names, unknown countries; edits of
 * every field are listed field by field and kept in the price history with who made them.
 */
class PriceRulesHttpTest extends PriceHttpTestBase {
    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        startServer(dir, "price-rules");
        assertThat(send("POST", "/api/stores/s1/changes", changes("\"createPlus\":[" + bananas("Bananas", 229) + "]")).statusCode()).isEqualTo(200);
    }

    static String bananas(String name, long price) {
        return "{\"code\":\"4011\",\"names\":{\"en\":\"" + name + "\",\"de\":\"Bananen\"},\"saleType\":\"PER_KG\",\"unitPriceMinor\":" + price
                + ",\"currency\":\"EUR\",\"presetTareMg\":0,\"shelfLifeDays\":5,\"barcodeLayout\":\"ean13-price\",\"labelLayout\":\"default\","
                + "\"modelLabels\":[\"Banana\"],\"active\":true}";
    }

    @Test
    void aPriceNoLabelCouldCarryIsRefusedEverywhereWithTheSameMessage() throws Exception {
        long before = revision();
        long price = server.prices().plu("s1", "4011").unitPriceMinor();
        String viaChanges = error(send("POST", "/api/stores/s1/changes", changes("\"putPlus\":[" + bananas("Bananas", 99_999_999_999L) + "]")));
        String viaDryRun = error(send("POST", "/api/stores/s1/changes?dryRun=true", changes("\"putPlus\":[" + bananas("Bananas", 99_999_999_999L) + "]")));
        String viaPut = error(send("PUT", "/api/stores/s1/plus/4011", bananas("Bananas", 99_999_999_999L)));
        String viaImport = error(send("POST", "/api/stores/s1/plus", "[" + bananas("Bananas", 99_999_999_999L) + "]"));
        assertThat(viaChanges).contains("per kg would make the largest load a scale weighs (15.045 kg) cost", "at most 66.46 EUR per kg");
        assertThat(viaDryRun).isEqualTo(viaChanges);
        assertThat(viaPut).isEqualTo(viaChanges);
        assertThat(viaImport).isEqualTo(viaChanges);
        String scheduled = error(send("POST", "/api/stores/s1/scheduled-prices",
                "{\"pluCode\":\"4011\",\"unitPriceMinor\":1000000,\"effectiveFrom\":\"2030-01-01T00:00:00Z\"}"));
        assertThat(scheduled).contains("10000.00 EUR per kg");
        assertThat(revision()).as("nothing changed").isEqualTo(before);
        assertThat(server.prices().plu("s1", "4011").unitPriceMinor()).isEqualTo(price);
    }

    @Test
    void theLargestLongAsAPriceIsRefusedWithTheCeilingNotAServerError() throws Exception {
        long before = revision();
        long price = server.prices().plu("s1", "4011").unitPriceMinor();
        String max = bananas("Bananas", Long.MAX_VALUE);
        String viaPut = error(send("PUT", "/api/stores/s1/plus/4011", max));
        assertThat(viaPut).contains("92233720368547758.07 EUR per kg would make the largest load a scale weighs (15.045 kg) cost",
                "at most 66.46 EUR per kg");
        assertThat(error(send("POST", "/api/stores/s1/changes?dryRun=true", changes("\"putPlus\":[" + max + "]")))).isEqualTo(viaPut);
        assertThat(error(send("POST", "/api/stores/s1/changes", changes("\"putPlus\":[" + max + "]")))).isEqualTo(viaPut);
        assertThat(error(send("PUT", "/api/stores/s1/promotions/p-max", "{\"id\":\"p-max\",\"pluCode\":\"4011\",\"kind\":\"NEW_PRICE\","
                + "\"value\":" + Long.MAX_VALUE + ",\"validFrom\":\"2030-01-01T00:00:00Z\",\"validUntil\":\"2030-02-01T00:00:00Z\","
                + "\"texts\":{\"en\":\"Offer\"}}"))).contains("per kg would make the largest load");
        assertThat(revision()).as("nothing changed").isEqualTo(before);
        assertThat(server.prices().plu("s1", "4011").unitPriceMinor()).isEqualTo(price);
    }

    @Test
    void aScheduledPriceBeyondTheYear9999IsRefusedNotAServerError() throws Exception {
        long before = revision();
        int scheduled = server.prices().scheduledPrices("s1").size();
        String far = "{\"pluCode\":\"4011\",\"unitPriceMinor\":230,\"effectiveFrom\":\"+999999999-12-31T23:59:59Z\"}";
        String viaRoute = error(send("POST", "/api/stores/s1/scheduled-prices", far));
        assertThat(viaRoute).isEqualTo("effectiveFrom must be a time in the years 0001 to 9999, not +999999999-12-31T23:59:59Z");
        assertThat(error(send("POST", "/api/stores/s1/changes?dryRun=true", changes("\"addScheduledPrices\":[" + far + "]")))).isEqualTo(viaRoute);
        assertThat(error(send("POST", "/api/stores/s1/changes", changes("\"addScheduledPrices\":[" + far.replace("+999999999", "-999999999") + "]"))))
                .startsWith("effectiveFrom must be a time in the years 0001 to 9999");
        assertThat(revision()).as("nothing changed").isEqualTo(before);
        assertThat(server.prices().scheduledPrices("s1")).hasSize(scheduled);
    }

    @Test
    void aLargeChangeNeedsAConfirmationNamingOldAndNewPrice() throws Exception {
        send("PUT", "/api/stores/s1/plus/4011", bananas("Bananas", 229)); // whatever another test left
        String cut = "\"putPlus\":[" + bananas("Bananas", 10) + "]";
        JsonNode check = JSON.readTree(send("POST", "/api/stores/s1/changes?dryRun=true", changes(cut)).body());
        assertThat(check.get("confirmations")).hasSize(1);
        JsonNode needed = check.get("confirmations").get(0);
        assertThat(needed.get("message").asText()).isEqualTo("PLU 4011 Bananas: 2.29 EUR → 0.10 EUR is a change of −96 %, beyond ±50 %: confirm it to publish it");
        long before = revision();
        assertThat(error(send("POST", "/api/stores/s1/changes", changes(cut)))).isEqualTo(needed.get("message").asText());
        assertThat(error(send("PUT", "/api/stores/s1/plus/4011", bananas("Bananas", 10)))).isEqualTo(needed.get("message").asText());
        // a confirmation of another change (old or new price differ) does not count
        assertThat(send("POST", "/api/stores/s1/changes", changes(cut + ",\"confirmPriceChanges\":[{\"pluCode\":\"4011\",\"fromMinor\":229,\"toMinor\":11}]"))
                .statusCode()).isEqualTo(400);
        assertThat(send("PUT", "/api/stores/s1/plus/4011?confirm=4011:230:10", bananas("Bananas", 10)).statusCode()).isEqualTo(400);
        assertThat(revision()).isEqualTo(before);
        // to zero needs it too
        assertThat(error(send("POST", "/api/stores/s1/changes", changes("\"putPlus\":[" + bananas("Bananas", 0) + "]")))).contains("gives it away");
        // confirmed: published, and back again with its own confirmation
        assertThat(send("POST", "/api/stores/s1/changes", changes(cut + ",\"confirmPriceChanges\":[{\"pluCode\":\"4011\",\"fromMinor\":229,\"toMinor\":10}]"))
                .statusCode()).isEqualTo(200);
        assertThat(server.prices().plu("s1", "4011").unitPriceMinor()).isEqualTo(10);
        assertThat(send("PUT", "/api/stores/s1/plus/4011?confirm=4011:10:229", bananas("Bananas", 229)).statusCode()).isEqualTo(200);
        assertThat(server.prices().plu("s1", "4011").unitPriceMinor()).isEqualTo(229);
    }

    @Test
    void creatingAnExistingCodeIsRefusedAndReplacesNothing() throws Exception {
        String dup = "{\"code\":\"4011\",\"names\":{\"en\":\"Duplicate of bananas\"},\"saleType\":\"PER_KG\",\"unitPriceMinor\":229,"
                + "\"currency\":\"EUR\",\"presetTareMg\":0,\"shelfLifeDays\":0,\"barcodeLayout\":\"ean13-price\",\"labelLayout\":\"default\","
                + "\"modelLabels\":[],\"active\":true}";
        assertThat(error(send("POST", "/api/stores/s1/changes", changes("\"createPlus\":[" + dup + "]"))))
                .isEqualTo("PLU 4011 already exists (Bananas): change that item instead of creating it again");
        var kept = server.prices().plu("s1", "4011");
        assertThat(kept.names()).containsEntry("de", "Bananen");
        assertThat(kept.modelLabels()).containsExactly("Banana");
        assertThat(kept.shelfLifeDays()).isEqualTo(5);
    }

    @Test
    void namesAreTrimmedAndMustNotBeBlankAndTheOriginMustBeACountry() throws Exception {
        assertThat(error(send("POST", "/api/stores/s1/changes?dryRun=true", changes("\"putPlus\":[" + bananas("   ", 229) + "]"))))
                .isEqualTo("PLU 4011: the name (en) is blank");
        String badOrigin = bananas("Bananas", 229).replace("\"active\":true", "\"active\":true,\"originCountry\":\"XX\"");
        assertThat(error(send("POST", "/api/stores/s1/changes", changes("\"putPlus\":[" + badOrigin + "]")))).contains("'XX' is not an ISO 3166-1 country code");
        String lower = bananas("Bananas", 229).replace("\"active\":true", "\"active\":true,\"originCountry\":\"es\"");
        assertThat(send("POST", "/api/stores/s1/changes", changes("\"putPlus\":[" + lower + "]")).statusCode()).isEqualTo(400);
        String badClass = bananas("Bananas", 229).replace("\"active\":true", "\"active\":true,\"qualityClass\":\"III\"");
        assertThat(send("POST", "/api/stores/s1/changes", changes("\"putPlus\":[" + badClass + "]")).statusCode()).isEqualTo(400);
    }

    @Test
    void everyFieldIsEditableListedFieldByFieldAndKeptInTheHistory() throws Exception {
        String edited = "{\"code\":\"4011\",\"names\":{\"en\":\"  Bananas Fairtrade \",\"de\":\"Bananen\",\"fr\":\"Bananes\"},\"saleType\":\"PER_KG\","
                + "\"unitPriceMinor\":249,\"currency\":\"EUR\",\"presetTareMg\":12000,\"shelfLifeDays\":6,\"barcodeLayout\":\"ean13-price\","
                + "\"labelLayout\":\"default\",\"modelLabels\":[\"Banana\",\" Plantain \"],\"active\":true,\"originCountry\":\"CR\","
                + "\"qualityClass\":\"I\",\"variety\":\"Cavendish\"}";
        JsonNode check = JSON.readTree(send("POST", "/api/stores/s1/changes?dryRun=true", changes("\"putPlus\":[" + edited + "]")).body());
        // a new preset tare is confirmed like a big price change (the +9 % price needs none)
        assertThat(check.get("confirmations")).hasSize(1);
        assertThat(check.get("confirmations").get(0).get("confirmation").get("change").asText()).isEqualTo("presetTareMg:0:12000");
        var fields = new java.util.LinkedHashMap<String, String>();
        check.get("changes").forEach(c -> fields.put(c.get("field").asText(), c.get("oldValue").asText(null) + " → " + c.get("newValue").asText(null)));
        assertThat(fields).containsEntry("name (en)", "Bananas → Bananas Fairtrade").containsEntry("name (fr)", "null → Bananes")
                .containsEntry("price", "229 → 249").containsEntry("tare (mg)", "0 → 12000").containsEntry("shelf life (days)", "5 → 6")
                .containsEntry("origin", "null → CR").containsEntry("class", "null → I").containsEntry("variety", "null → Cavendish")
                .containsEntry("recognition labels", "Banana → Banana, Plantain").doesNotContainKey("name (de)");
        assertThat(send("POST", "/api/stores/s1/changes", changes("\"putPlus\":[" + edited + "],\"confirmPriceChanges\":"
                + "[{\"pluCode\":\"4011\",\"fromMinor\":229,\"toMinor\":249,\"change\":\"presetTareMg:0:12000\"}]")).statusCode()).isEqualTo(200);
        var saved = server.prices().plu("s1", "4011");
        assertThat(saved.names()).containsEntry("en", "Bananas Fairtrade");
        assertThat(saved.originCountry()).isEqualTo("CR");
        assertThat(saved.variety()).isEqualTo("Cavendish");
        JsonNode history = JSON.readTree(send("GET", "/api/reports/price-history?store=s1&plu=4011", null).body());
        assertThat(history).anySatisfy(h -> {
            assertThat(h.get("field").asText()).isEqualTo("price");
            assertThat(h.get("oldValue").asText()).isEqualTo("229");
            assertThat(h.get("newValue").asText()).isEqualTo("249");
            assertThat(h.get("user").asText()).isEqualTo("anna");
        });
        String csv = send("GET", "/api/reports/price-history?store=s1&plu=4011&format=csv", null).body();
        assertThat(csv.split("\r\n")[0]).isEqualTo("changed_at,user,store,plu,field,old_value,new_value,currency,revision");
        assertThat(csv).contains(",anna,s1,4011,price,2.29,2.49,EUR,");
        // removal is a change too, and goes into the history
        assertThat(send("POST", "/api/stores/s1/changes", changes("\"createPlus\":[" + bananas("Bananas", 229).replace("4011", "4012") + "]"))
                .statusCode()).isEqualTo(200);
        assertThat(send("POST", "/api/stores/s1/changes", changes("").replace("\"deletePlus\":[],", "\"deletePlus\":[\"4012\"]"))
                .statusCode()).isEqualTo(200);
        JsonNode removed = JSON.readTree(send("GET", "/api/reports/price-history?store=s1&plu=4012", null).body());
        assertThat(removed.get(0).get("field").asText()).isEqualTo("item");
        assertThat(removed.get(0).get("newValue").isNull()).isTrue();
    }

    static String kiwi(String typical) {
        return "{\"code\":\"4030\",\"names\":{\"en\":\"Kiwi\"},\"saleType\":\"PER_PIECE\",\"unitPriceMinor\":45,"
                + "\"currency\":\"EUR\",\"presetTareMg\":0,\"shelfLifeDays\":10,\"barcodeLayout\":\"ean13-price\",\"labelLayout\":\"default\","
                + "\"modelLabels\":[\"Kiwi\"],\"active\":true" + (typical == null ? "" : ",\"typicalPieceMg\":" + typical) + "}";
    }

    /** Issue 11: a per-piece item's typical piece weight is kept and published; out of limits or on a per-kg item it is refused. */
    @Test
    void aTypicalPieceWeightIsKeptWithinItsLimitsAndRefusedOutsideThem() throws Exception {
        assertThat(send("POST", "/api/stores/s1/changes", changes("\"createPlus\":[" + kiwi("85000") + "]")).statusCode()).isEqualTo(200);
        assertThat(server.prices().plu("s1", "4030").typicalPieceMg()).isEqualTo(85_000L);
        long before = revision();
        assertThat(error(send("POST", "/api/stores/s1/changes", changes("\"putPlus\":[" + kiwi("1000") + "]"))))
                .contains("typical piece weight must be 5 g to 15045 g");
        assertThat(error(send("POST", "/api/stores/s1/changes", changes("\"putPlus\":[" + kiwi("16000000") + "]"))))
                .contains("typical piece weight must be 5 g to 15045 g");
        assertThat(error(send("POST", "/api/stores/s1/changes", changes("\"putPlus\":[" + bananas("Bananas", 229)
                .replace("\"active\":true}", "\"active\":true,\"typicalPieceMg\":180000}") + "]"))))
                .contains("only an item sold per piece");
        assertThat(revision()).as("a refused change changes nothing").isEqualTo(before);
        assertThat(server.prices().plu("s1", "4030").typicalPieceMg()).isEqualTo(85_000L);
        // cleared again: the item has none
        assertThat(send("POST", "/api/stores/s1/changes", changes("\"putPlus\":[" + kiwi(null) + "]")).statusCode()).isEqualTo(200);
        assertThat(server.prices().plu("s1", "4030").typicalPieceMg()).isNull();
    }
}
