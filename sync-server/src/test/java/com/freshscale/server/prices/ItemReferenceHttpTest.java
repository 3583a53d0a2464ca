package com.freshscale.server.prices;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.protocol.codec.MessageCodec;
import com.freshscale.protocol.pricebook.Plu;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PLU code is the item reference of the label's barcode (GS1 restricted circulation number): a code that does not
 * fit its layout's item field, or whose item reference another item of the store carries (401, 0401 and 00401 all print
 * {@code 21 00401 …}), is refused on every route with a 400 naming the other item; a new code with a leading zero is
 * refused. A real server over HTTP.
 */
class ItemReferenceHttpTest extends PriceHttpTestBase {
    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        startServer(dir, "item-reference");
        assertThat(send("PUT", "/api/stores/s1/plus/401", kiwi("401", "ean13-price")).statusCode()).isEqualTo(200);
    }

    /** Kiwi at 0.45 EUR a piece under {@code code} with barcode {@code layout}. */
    static String kiwi(String code, String layout) {
        return "{\"code\":\"" + code + "\",\"names\":{\"en\":\"Kiwi\"},\"saleType\":\"PER_PIECE\",\"unitPriceMinor\":45,"
                + "\"currency\":\"EUR\",\"presetTareMg\":0,\"shelfLifeDays\":7,\"barcodeLayout\":\"" + layout + "\","
                + "\"labelLayout\":\"default\",\"modelLabels\":[\"Kiwi\"],\"active\":true,\"originCountry\":\"NZ\"}";
    }

    @Test
    void copiesThatDifferOnlyByLeadingZerosAreRefusedOnEveryRoute() throws Exception {
        long before = revision();
        int items = server.prices().plus("s1").size();
        // the probe: POST /plus?confirm=401:new:45 with 0401 and 00401, copies of Kiwi 401
        for (String code : new String[] {"0401", "00401"}) {
            String viaImport = error(send("POST", "/api/stores/s1/plus?confirm=" + code + ":new:45", "[" + kiwi(code, "ean13-price") + "]"));
            assertThat(viaImport).isEqualTo("PLU " + code + " Kiwi: its barcode carries item 00401 (ean13-price), the item of PLU 401 Kiwi"
                    + " (00401, ean13-price): a till could not tell their labels apart; give it another code");
            assertThat(error(send("PUT", "/api/stores/s1/plus/" + code + "?confirm=" + code + ":new:45", kiwi(code, "ean13-price"))))
                    .isEqualTo(viaImport);
            assertThat(error(send("POST", "/api/stores/s1/changes", changes("\"createPlus\":[" + kiwi(code, "ean13-price") + "],"
                    + "\"confirmPriceChanges\":[{\"pluCode\":\"" + code + "\",\"toMinor\":45}]")))).isEqualTo(viaImport);
            assertThat(error(send("POST", "/api/stores/s1/changes?dryRun=true", changes("\"createPlus\":[" + kiwi(code, "ean13-price") + "]"))))
                    .isEqualTo(viaImport);
        }
        // another layout prints another prefix, but the till looks the item up by its reference all the same
        assertThat(error(send("PUT", "/api/stores/s1/plus/0401?confirm=0401:new:45", kiwi("0401", "ean13-price-verifier"))))
                .contains("the item of PLU 401 Kiwi");
        assertThat(revision()).as("nothing changed").isEqualTo(before);
        assertThat(server.prices().plus("s1")).hasSize(items);
    }

    @Test
    void aNewCodeWithALeadingZeroIsRefusedAndAnOldOneCanStillBeChanged() throws Exception {
        long before = revision();
        assertThat(error(send("PUT", "/api/stores/s1/plus/04011?confirm=04011:new:45", kiwi("04011", "ean13-price"))))
                .isEqualTo("PLU code 04011 starts with 0: its barcode and a till read it as 4011, so write it 4011");
        assertThat(revision()).as("nothing changed").isEqualTo(before);
        // an item stored with a leading zero before the rule: still changed (and removed) under its own code
        insertAsBefore(new Plu("0777", java.util.Map.of("en", "Old figs"), com.freshscale.protocol.pricebook.SaleType.PER_PIECE, 60,
                "EUR", 0, 3, "ean13-price", "default", java.util.List.of(), true));
        assertThat(send("PUT", "/api/stores/s1/plus/0777", kiwi("0777", "ean13-price").replace("Kiwi\"}", "Old figs\"}")
                .replace("\"unitPriceMinor\":45", "\"unitPriceMinor\":65")).statusCode()).isEqualTo(200);
        assertThat(server.prices().plu("s1", "0777").unitPriceMinor()).isEqualTo(65);
        // ... but no second item takes its item reference
        assertThat(error(send("PUT", "/api/stores/s1/plus/777?confirm=777:new:45", kiwi("777", "ean13-price"))))
                .startsWith("PLU 777 Kiwi: its barcode carries item 00777 (ean13-price), the item of PLU 0777");
        assertThat(send("DELETE", "/api/stores/s1/plus/0777", null).statusCode()).isEqualTo(204);
    }

    @Test
    void oneChangeSetMayMoveAnItemReferenceToAnotherCode() throws Exception {
        assertThat(send("PUT", "/api/stores/s1/plus/402?confirm=402:new:45", kiwi("402", "ean13-price")).statusCode()).isEqualTo(200);
        insertAsBefore(MessageCodec.mapper().readValue(kiwi("0403", "ean13-price"), Plu.class));
        // 0403 removed and 403 created in one publish: never two items with one reference
        String moved = "{\"putPlus\":[],\"putPromotions\":[],\"addScheduledPrices\":[],\"deletePromotions\":[],"
                + "\"deleteScheduledPrices\":[],\"deletePlus\":[\"0403\"],\"createPlus\":[" + kiwi("403", "ean13-price") + "]}";
        assertThat(send("POST", "/api/stores/s1/changes", moved).statusCode()).isEqualTo(200);
        assertThat(server.prices().plu("s1", "403").unitPriceMinor()).isEqualTo(45);
    }

    @Test
    void aCodeWiderThanItsLayoutsItemFieldIsRefusedAsTheScaleWould() throws Exception {
        long before = revision();
        // ean13-price-verifier 23 IIII V PPPPP C: the scale refuses 12345 at pick time ("does not fit the 4-digit item field")
        assertThat(error(send("PUT", "/api/stores/s1/plus/12345?confirm=12345:new:45", kiwi("12345", "ean13-price-verifier"))))
                .isEqualTo("PLU 12345 Kiwi: the code has more digits than the 4-digit item field of its barcode layout "
                        + "ean13-price-verifier (23 IIII V PPPPP C): no scale could print its label; give it a code of at most 4 digits "
                        + "or another barcode layout");
        assertThat(revision()).as("nothing changed").isEqualTo(before);
        // a four-digit code fits it, and a layout only a scale knows is judged as the widest (five digits)
        assertThat(send("PUT", "/api/stores/s1/plus/4030?confirm=4030:new:45", kiwi("4030", "ean13-price-verifier")).statusCode()).isEqualTo(200);
        assertThat(send("PUT", "/api/stores/s1/plus/12345?confirm=12345:new:45", kiwi("12345", "store-own")).statusCode()).isEqualTo(200);
    }

    @Test
    void aWeightLayoutIsForItemsSoldByWeightOnly() throws Exception {
        long before = revision();
        // the scale refuses a kiwi sold per piece on 28 IIIII WWWWW C at pick time: the till would price a weight
        assertThat(error(send("PUT", "/api/stores/s1/plus/4031?confirm=4031:new:45", kiwi("4031", "ean13-weight"))))
                .isEqualTo("PLU 4031 Kiwi: its barcode layout ean13-weight (28 IIIII WWWWW C) carries a weight, and the item is sold "
                        + "PER_PIECE: a till would price the weight; give it a layout with a price field or sell it by weight");
        assertThat(revision()).as("nothing changed").isEqualTo(before);
        assertThat(send("PUT", "/api/stores/s1/plus/4031?confirm=4031:new:45", kiwi("4031", "ean13-weight")
                .replace("PER_PIECE", "PER_KG")).statusCode()).isEqualTo(200);
    }

    /** Stores {@code plu} as the server did before the rule, without its checks. */
    private void insertAsBefore(Plu plu) {
        server.database().transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO plu (store_id, code, plu_json) VALUES ('s1', ?, ?)")) {
                p.setString(1, plu.code());
                p.setString(2, new String(MessageCodec.encode(plu), StandardCharsets.UTF_8));
                return p.executeUpdate();
            }
        });
    }
}
