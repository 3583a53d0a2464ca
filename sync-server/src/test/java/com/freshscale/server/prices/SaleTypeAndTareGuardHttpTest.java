package com.freshscale.server.prices;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.SaleType;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A change of an item's sale type (1.99 per kg → 1.99 per piece) or of its preset tare changes what every label charges
 * as much as a big price change, and was published unconfirmed: now the dry run lists a confirmation for each, naming
 * the item's prices and the change, and the single-item route and the change set take it only with that confirmation
 * ({@code ?confirm=CODE:OLD:NEW:CHANGE}, or {@code confirmPriceChanges}). A preset tare above the scales' tare limit
 * (500 g, {@link PriceGuard#MAX_PRESET_TARE_MG}) on an item sold by weight is refused, confirmed or not, and changes
 * nothing. Real server, HTTP, SQLite.
 */
class SaleTypeAndTareGuardHttpTest extends PriceHttpTestBase {
    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        startServer(dir, "sale-type-tare-guard");
        assertThat(send("POST", "/api/stores/s1/changes", changes("\"createPlus\":[" + item("4011", "Bananas", "PER_KG", 199, 0) + ","
                + item("1067", "Mushrooms", "PER_KG", 599, 12_000) + "," + item("4225", "Avocados", "PER_PIECE", 129, 0) + "]"))
                .statusCode()).isEqualTo(200);
    }

    static String item(String code, String name, String type, long price, long tareMg) {
        return "{\"code\":\"" + code + "\",\"names\":{\"en\":\"" + name + "\"},\"saleType\":\"" + type + "\",\"unitPriceMinor\":" + price
                + ",\"currency\":\"EUR\",\"presetTareMg\":" + tareMg + ",\"shelfLifeDays\":5,\"barcodeLayout\":\"ean13-price\","
                + "\"labelLayout\":\"default\",\"modelLabels\":[],\"active\":true}";
    }

    JsonNode dryRun(String plu) throws Exception {
        HttpResponse<String> r = send("POST", "/api/stores/s1/changes?dryRun=true", changes("\"putPlus\":[" + plu + "]"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("confirmations");
    }

    /** Refused unconfirmed by the single-item route and the change set with the same message; nothing changed. */
    String unconfirmedRefused(String code, String plu) throws Exception {
        long before = revision();
        Plu was = server.prices().plu("s1", code);
        String viaPut = error(send("PUT", "/api/stores/s1/plus/" + code, plu));
        assertThat(error(send("POST", "/api/stores/s1/changes", changes("\"putPlus\":[" + plu + "]")))).isEqualTo(viaPut);
        assertThat(revision()).as("nothing changed").isEqualTo(before);
        assertThat(server.prices().plu("s1", code)).isEqualTo(was);
        return viaPut;
    }

    @Test
    void aChangeOfSaleTypeIsPublishedOnlyConfirmed() throws Exception {
        String perPiece = item("4011", "Bananas", "PER_PIECE", 199, 0);
        JsonNode needed = dryRun(perPiece);
        assertThat(needed).hasSize(1);
        JsonNode c = needed.get(0).get("confirmation");
        assertThat(c.get("change").asText()).isEqualTo("saleType:PER_KG:PER_PIECE");
        assertThat(c.get("fromMinor").asLong()).isEqualTo(199);
        assertThat(c.get("toMinor").asLong()).isEqualTo(199);
        String message = needed.get(0).get("message").asText();
        assertThat(message).isEqualTo("PLU 4011 Bananas: sold per kg at 1.99 EUR → per piece at 1.99 EUR: another sale type changes "
                + "what every label of it charges: confirm it to publish it");
        assertThat(unconfirmedRefused("4011", perPiece)).isEqualTo(message);
        // a confirmation of the price alone, or of another change, is not one of this change
        assertThat(error(send("PUT", "/api/stores/s1/plus/4011?confirm=4011:199:199", perPiece))).isEqualTo(message);
        assertThat(error(send("PUT", "/api/stores/s1/plus/4011?confirm=4011:199:199:saleType:PER_KG:FIXED", perPiece))).isEqualTo(message);
        assertThat(server.prices().plu("s1", "4011").saleType()).isEqualTo(SaleType.PER_KG);

        long before = revision();
        HttpResponse<String> r = send("PUT", "/api/stores/s1/plus/4011?confirm=4011:199:199:saleType:PER_KG:PER_PIECE", perPiece);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(server.prices().plu("s1", "4011").saleType()).isEqualTo(SaleType.PER_PIECE);
        assertThat(revision()).isEqualTo(before + 1);
    }

    @Test
    void aChangeOfPresetTareIsPublishedOnlyConfirmedAndNeverAboveTheScalesLimit() throws Exception {
        String tray = item("1067", "Mushrooms", "PER_KG", 599, 400_000);
        JsonNode needed = dryRun(tray);
        assertThat(needed).hasSize(1);
        assertThat(needed.get(0).get("confirmation").get("change").asText()).isEqualTo("presetTareMg:12000:400000");
        String message = needed.get(0).get("message").asText();
        assertThat(message).isEqualTo("PLU 1067 Mushrooms: preset tare 12 g → 400 g changes the net weight every label of it charges "
                + "for: confirm it to publish it");
        assertThat(unconfirmedRefused("1067", tray)).isEqualTo(message);

        // the probe's change, 0 → 900 g: no scale takes a tare above its limit, so no confirmation lets it through
        String heavy = item("1067", "Mushrooms", "PER_KG", 599, 900_000);
        long before = revision();
        String limit = error(send("POST", "/api/stores/s1/changes?dryRun=true", changes("\"putPlus\":[" + heavy + "]")));
        assertThat(limit).isEqualTo("PLU 1067 Mushrooms: a preset tare of 900 g is more than the scales' tare limit of 500 g: "
                + "no scale would sell it");
        assertThat(error(send("PUT", "/api/stores/s1/plus/1067?confirm=1067:599:599:presetTareMg:12000:900000", heavy))).isEqualTo(limit);
        assertThat(error(send("POST", "/api/stores/s1/plus", "[" + item("4088", "Peppers", "PER_KG", 399, 500_002) + "]"))).contains("tare limit");
        assertThat(revision()).isEqualTo(before);
        assertThat(server.prices().plu("s1", "1067").presetTareMg()).isEqualTo(12_000);

        // confirmed in the change set: published; the scales' limit itself is allowed
        String atLimit = item("1067", "Mushrooms", "PER_KG", 599, 500_000);
        HttpResponse<String> r = send("POST", "/api/stores/s1/changes", changes("\"putPlus\":[" + atLimit + "],\"confirmPriceChanges\":"
                + "[{\"pluCode\":\"1067\",\"fromMinor\":599,\"toMinor\":599,\"change\":\"presetTareMg:12000:500000\"}]"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(server.prices().plu("s1", "1067").presetTareMg()).isEqualTo(500_000);
        assertThat(revision()).isEqualTo(before + 1);
    }

    @Test
    void anItemSoldByThePieceKeepsAnyTareBelowTheLargestLoad() throws Exception {
        // the scales use no preset tare for an item sold by the piece (their own check is for items sold by weight)
        HttpResponse<String> r = send("PUT", "/api/stores/s1/plus/4225?confirm=4225:129:129:presetTareMg:0:600000",
                item("4225", "Avocados", "PER_PIECE", 129, 600_000));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(server.prices().plu("s1", "4225").presetTareMg()).isEqualTo(600_000);
    }
}
