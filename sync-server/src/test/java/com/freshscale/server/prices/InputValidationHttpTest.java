package com.freshscale.server.prices;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.freshscale.protocol.pricebook.Plu;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Free text a manager types is printable text (no NUL, no unpaired surrogate) on every route that takes it, a null in a
 * PLU's lists names the field, and a store's currency is money with minor units; every refusal is a 400 that says what
 * is wrong, and changes nothing. A real server over HTTP.
 */
class InputValidationHttpTest extends PriceHttpTestBase {
    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        startServer(dir, "input-validation");
        assertThat(send("PUT", "/api/stores/s1/plus/4011", plu("\"Bananas\"", "\"Cavendish\"", "[\"Banana\"]")).statusCode()).isEqualTo(200);
    }

    /** Bananas with {@code name} (a JSON value) in English, {@code variety} and {@code labels} as JSON. */
    static String plu(String name, String variety, String labels) {
        return "{\"code\":\"4011\",\"names\":{\"en\":" + name + ",\"de\":\"Bananen\"},\"saleType\":\"PER_KG\",\"unitPriceMinor\":229,"
                + "\"currency\":\"EUR\",\"presetTareMg\":0,\"shelfLifeDays\":5,\"barcodeLayout\":\"ean13-price\",\"labelLayout\":\"default\","
                + "\"modelLabels\":" + labels + ",\"active\":true,\"originCountry\":\"CR\",\"variety\":" + variety + "}";
    }

    /** Refused the same on every route that takes a PLU: PUT, import, change set and its dry run. */
    String refusedEverywhere(String badPlu) throws Exception {
        String viaPut = error(send("PUT", "/api/stores/s1/plus/4011", badPlu));
        assertThat(error(send("POST", "/api/stores/s1/plus", "[" + badPlu + "]"))).isEqualTo(viaPut);
        assertThat(error(send("POST", "/api/stores/s1/changes", changes("\"putPlus\":[" + badPlu + "]")))).isEqualTo(viaPut);
        assertThat(error(send("POST", "/api/stores/s1/changes?dryRun=true", changes("\"putPlus\":[" + badPlu + "]")))).isEqualTo(viaPut);
        return viaPut;
    }

    @Test
    void aNameWithANulOrAnUnpairedSurrogateIsRefusedAndNothingChanges() throws Exception {
        long before = revision();
        Plu was = server.prices().plu("s1", "4011");
        // the probe's value: stored as "\u0000?" before
        assertThat(refusedEverywhere(plu("\"\\u0000\\ud800\"", "\"Cavendish\"", "[\"Banana\"]")))
                .isEqualTo("PLU 4011: the name (en) contains a control character (U+0000) at character 1: only printable text is allowed");
        assertThat(refusedEverywhere(plu("\"Bana\\ud800nas\"", "\"Cavendish\"", "[\"Banana\"]")))
                .isEqualTo("PLU 4011: the name (en) contains an unpaired UTF-16 surrogate (U+D800) at character 5: only printable text is allowed");
        assertThat(refusedEverywhere(plu("\"Bananas\\udc00\"", "\"Cavendish\"", "[\"Banana\"]"))).contains("unpaired UTF-16 surrogate (U+DC00)");
        assertThat(refusedEverywhere(plu("\"Bana\\nnas\"", "\"Cavendish\"", "[\"Banana\"]"))).contains("control character (U+000A)");
        assertThat(refusedEverywhere(plu("\"Bana\\u2028nas\"", "\"Cavendish\"", "[\"Banana\"]"))).contains("a line break (U+2028)");
        assertThat(refusedEverywhere(plu("\"Bana\\u0085nas\"", "\"Cavendish\"", "[\"Banana\"]"))).contains("control character (U+0085)");
        // shown as "Bananas" reversed in part: the console would show another name than the one stored
        assertThat(refusedEverywhere(plu("\"Ban\\u202Esana\"", "\"Cavendish\"", "[\"Banana\"]"))).contains("a bidirectional override (U+202E)");
        assertThat(refusedEverywhere(plu("\"Ban\\u2066anas\"", "\"Cavendish\"", "[\"Banana\"]"))).contains("a bidirectional override (U+2066)");
        assertThat(refusedEverywhere(plu("\"Bananas\"", "\"Cav\\u0007endish\"", "[\"Banana\"]")))
                .startsWith("PLU 4011: the variety contains a control character (U+0007)");
        assertThat(refusedEverywhere(plu("\"Bananas\"", "\"Cavendish\"", "[\"Ban\\u0000ana\"]")))
                .startsWith("PLU 4011: a recognition label contains a control character (U+0000)");
        assertThat(refusedEverywhere(plu("\"Bananas\"", "\"Cavendish\"", "[\"Banana\"]").replace("\"ean13-price\"", "\"ean13-price\\u0000\"")))
                .startsWith("PLU 4011: the barcode layout contains a control character (U+0000)");
        assertThat(revision()).as("nothing changed").isEqualTo(before);
        assertThat(server.prices().plu("s1", "4011")).isEqualTo(was);
    }

    @Test
    void aPromotionTextOrAStoreNameWithAControlCharacterIsRefusedAndNothingChanges() throws Exception {
        long before = revision();
        String promotion = "{\"id\":\"p-ctl\",\"pluCode\":\"4011\",\"kind\":\"PERCENT_OFF\",\"value\":1000,\"validFrom\":\"2030-01-01T00:00:00Z\","
                + "\"validUntil\":\"2030-02-01T00:00:00Z\",\"texts\":{\"en\":\"-10 %\\u0000\"}}";
        String viaPut = error(send("PUT", "/api/stores/s1/promotions/p-ctl", promotion));
        assertThat(viaPut).isEqualTo("promotion p-ctl: the text (en) contains a control character (U+0000) at character 6: only printable text is allowed");
        assertThat(error(send("POST", "/api/stores/s1/changes?dryRun=true", changes("\"putPromotions\":[" + promotion + "]")))).isEqualTo(viaPut);
        assertThat(server.prices().promotions("s1")).isEmpty();
        assertThat(error(send("PUT", "/api/stores/s1", "{\"name\":\"Market\\u0000Street\",\"currency\":\"EUR\"}")))
                .startsWith("the store name contains a control character (U+0000)");
        assertThat(server.prices().store("s1").name()).isEqualTo("Market Street");
        assertThat(revision()).as("nothing changed").isEqualTo(before);
    }

    @Test
    void umlautsAccentsCjkAndEmojiAreKeptAsTyped() throws Exception {
        String body = "{\"code\":\"4013\",\"names\":{\"de\":\"Weißkohl Äpfel\",\"fr\":\"Pêche à l'œil\",\"zh\":\"香蕉\",\"he\":\"בננה\\u200F\",\"en\":\"Banana 🍌\"},"
                + "\"saleType\":\"PER_KG\",\"unitPriceMinor\":199,\"currency\":\"EUR\",\"presetTareMg\":0,\"shelfLifeDays\":5,"
                + "\"barcodeLayout\":\"ean13-price\",\"labelLayout\":\"default\",\"modelLabels\":[\"Banana\"],\"active\":true,"
                + "\"variety\":\"Gala “Royal”\"}";
        HttpResponse<String> r = send("PUT", "/api/stores/s1/plus/4013", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Plu stored = server.prices().plu("s1", "4013");
        assertThat(stored.names()).containsEntry("de", "Weißkohl Äpfel").containsEntry("fr", "Pêche à l'œil")
                .containsEntry("zh", "香蕉").containsEntry("en", "Banana 🍌")
                .containsEntry("he", "בננה\u200F"); // a right-to-left mark reorders nothing: kept
        assertThat(stored.variety()).isEqualTo("Gala “Royal”");
        JsonNode read = JSON.readTree(send("GET", "/api/stores/s1/plus/4013", null).body());
        assertThat(read.get("names").get("en").asText()).isEqualTo("Banana 🍌");
    }

    @Test
    void aNullInAPlusListsSaysWhichField() throws Exception {
        long before = revision();
        Plu was = server.prices().plu("s1", "4011");
        // was "bad Plu: null"
        assertThat(error(send("PUT", "/api/stores/s1/plus/4011", plu("\"Bananas\"", "null", "[null]"))))
                .isEqualTo("bad PLU: PLU 4011: a model label is null");
        assertThat(error(send("PUT", "/api/stores/s1/plus/4011", plu("null", "null", "[\"Banana\"]"))))
                .isEqualTo("bad PLU: PLU 4011: the name (en) is null");
        assertThat(error(send("POST", "/api/stores/s1/changes", changes("\"putPlus\":[" + plu("\"Bananas\"", "null", "[\"Banana\", null]") + "]"))))
                .contains("PLU 4011: a model label is null");
        assertThat(error(send("PUT", "/api/stores/s1/promotions/p-null", "{\"id\":\"p-null\",\"pluCode\":\"4011\",\"kind\":\"PERCENT_OFF\","
                + "\"value\":1000,\"validFrom\":\"2030-01-01T00:00:00Z\",\"validUntil\":\"2030-02-01T00:00:00Z\",\"texts\":{\"en\":null}}")))
                .isEqualTo("bad promotion: promotion p-null: the text (en) is null");
        assertThat(revision()).as("nothing changed").isEqualTo(before);
        assertThat(server.prices().plu("s1", "4011")).isEqualTo(was);
    }

    @Test
    void aStoreCannotBeInACurrencyWithoutMinorUnits() throws Exception {
        for (String code : List.of("XXX", "XTS", "XAU", "XDR")) {
            assertThat(error(send("PUT", "/api/stores/s-" + code, "{\"name\":\"Nowhere\",\"currency\":\"" + code + "\"}")))
                    .startsWith("currency '" + code + "' (").endsWith(") is not money a price can be in: it has no minor units (e.g. EUR, CHF, GBP)");
            assertThat(send("GET", "/api/stores/s-" + code, null).statusCode()).as("not created").isEqualTo(404);
        }
        assertThat(error(send("PUT", "/api/stores/s-QQQ", "{\"name\":\"Nowhere\",\"currency\":\"QQQ\"}")))
                .isEqualTo("currency 'QQQ' is not an ISO 4217 currency code (e.g. EUR, CHF, GBP)");
        assertThat(send("GET", "/api/stores/s-QQQ", null).statusCode()).isEqualTo(404);
        // an existing store cannot be moved to one either
        long before = revision();
        assertThat(error(send("PUT", "/api/stores/s1", "{\"name\":\"Market Street\",\"currency\":\"XXX\"}"))).startsWith("currency 'XXX'");
        assertThat(server.prices().store("s1").currency()).isEqualTo("EUR");
        assertThat(revision()).isEqualTo(before);
        // real money of the X range: CFA franc (no minor digits in use), East Caribbean dollar
        for (String code : List.of("XOF", "XCD", "JPY", "BHD")) {
            HttpResponse<String> r = send("PUT", "/api/stores/s-" + code, "{\"name\":\"Somewhere\",\"currency\":\"" + code + "\"}");
            assertThat(r.statusCode()).as(code + ": " + r.body()).isEqualTo(200);
        }
    }
}
