package com.freshscale.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.freshscale.protocol.Topics;
import com.freshscale.protocol.codec.MessageCodec;
import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.Promotion;
import com.freshscale.protocol.pricebook.PromotionKind;
import com.freshscale.protocol.pricebook.SaleType;
import com.freshscale.protocol.sales.Sale;
import com.freshscale.protocol.sales.SalesBatch;
import com.freshscale.server.app.ServerApp;
import com.freshscale.server.auth.Account;
import com.freshscale.server.auth.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sales are reported as they were sold, through the real ingest (MQTT, embedded broker, SQLite): a sale keeps its name
 * after the item is renamed; a sale of an older scale (no name, no regular price) gets them from the book version that
 * priced it; reports with and without grouping, their CSV columns, grand-total inputs, charts and the recognition
 * report per item.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SalesAsSoldTest {
    static final ObjectMapper JSON = new ObjectMapper();
    ServerApp server;
    final HttpClient http = HttpClient.newHttpClient();
    long version;
    com.freshscale.server.EnrolledScale scale;
    /** Two days ago, 09:00 UTC: inside the window of plausible sale times the ingest checks (a till's 31 days). */
    static final Instant DAY1 = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(2).atTime(9, 0).toInstant(java.time.ZoneOffset.UTC);
    static final String D1 = DAY1.toString().substring(0, 10);
    static final Instant DAY2 = DAY1.plus(Duration.ofDays(1)).minus(Duration.ofMinutes(30));
    static final String D2 = DAY2.toString().substring(0, 10);

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        server = com.freshscale.server.LocalServer.start(dir, "sales-as-sold-test");
        server.accounts().add(new Account("hq", Role.HQ, Set.of()), "sales-as-sold-pw".toCharArray());
        server.prices().putStore("s1", "Market Street", "EUR", null);
        server.prices().putPlus("s1", List.of(
                new Plu("4011", Map.of("en", "Bananas", "de", "Bananen"), SaleType.PER_KG, 199, "EUR", 0, 5, "ean13-price", "default", List.of("Banana"), true),
                new Plu("4225", Map.of("en", "Avocados"), SaleType.PER_PIECE, 129, "EUR", 0, 5, "ean13-price", "default", List.of("Avocado"), true),
                new Plu("4072", Map.of("en", "Potatoes"), SaleType.PER_KG, 149, "EUR", 0, 30, "ean13-price", "default", List.of("Potato"), true)));
        server.prices().putPromotion("s1", new Promotion("AVO-10", "4225", PromotionKind.FIXED_OFF, 10, Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2036-01-01T00:00:00Z"), Map.of("en", "10 ct off")));
        await().atMost(Duration.ofSeconds(30)).until(() -> server.publisher().latest("s1") != null
                && server.publisher().latest("s1").version() >= 1 && server.publisher().idle());
        version = server.publisher().latest("s1").version();
        // the test's sales are days old: their book must have been published before them (the ingest quarantines a sale
        // dated before the version that priced it), so the versions are dated back as if signed a week ago
        try (java.sql.Connection c = server.database().connect();
             java.sql.PreparedStatement p = c.prepareStatement("UPDATE published_book_version SET published_ms = ? WHERE store_id = 's1'")) {
            p.setLong(1, DAY1.minus(Duration.ofDays(7)).toEpochMilli());
            p.executeUpdate();
        }
        scale = new com.freshscale.server.EnrolledScale(server, "s1", "scale-1");
    }

    @AfterAll
    void stop() {
        if (scale != null) scale.close();
        if (server != null) server.close();
    }

    Sale sale(long number, String plu, SaleType type, long netMg, int count, long unit, String promotion, long total, String recognised,
              boolean mismatch, Instant at) {
        String barcode;
        try {
            barcode = com.freshscale.protocol.barcode.BarcodeLayouts.EAN13_PRICE.encode(plu, total); // as the scale prints it
        } catch (com.freshscale.protocol.barcode.BarcodeFieldException e) {
            throw new IllegalArgumentException(e);
        }
        return new Sale(Sale.newId(), "s1", "scale-1", number, plu, type, netMg, count, unit, promotion, total, "EUR", barcode, at,
                version, recognised, recognised == null ? null : 0.9, false, recognised == null ? 0 : 1, mismatch);
    }

    void send(Sale... sales) throws Exception {
        scale.send(List.of(sales));
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("hq:sales-as-sold-pw".getBytes(StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSaleKeepsItsNameAfterTheItemIsRenamedAndOlderScalesGetTheBooksName() throws Exception {
        Instant at = DAY1;
        // a current scale sends what it printed (in its own language, a name of the book: the ingest checks it); an older
        // one only the PLU and the price it applied
        send(sale(1, "4011", SaleType.PER_KG, 1_234_000, 0, 199, null, 246, "4011", false, at).soldAs("Bananen", 199L, null, null),
                sale(2, "4011", SaleType.PER_KG, 500_000, 0, 199, null, 100, null, false, at.plusSeconds(60)),
                sale(3, "4225", SaleType.PER_PIECE, 0, 3, 119, "AVO-10", 357, "4225", false, at.plusSeconds(120)));
        // then the item is renamed (the "Duplicate of bananas")
        server.prices().putPlu("s1", new Plu("4011", Map.of("en", "Duplicate of bananas"), SaleType.PER_KG, 199, "EUR", 0, 5,
                "ean13-price", "default", List.of("Banana"), true));
        JsonNode lines = JSON.readTree(get("/api/reports/sales?store=s1&by=&from=" + D1 + "&to=" + D1 + "").body());
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).get("item_name").asText()).isEqualTo("Bananen");
        assertThat(lines.get(1).get("item_name").asText()).as("from the book that priced it").isEqualTo("Bananas");
        assertThat(lines.get(1).get("regular_unit_price_minor").asLong()).isEqualTo(199);
        JsonNode avocados = lines.get(2);
        assertThat(avocados.get("item_name").asText()).isEqualTo("Avocados");
        assertThat(avocados.get("regular_unit_price_minor").asLong()).isEqualTo(129);
        assertThat(avocados.get("discount_minor").asLong()).as("3 × 1.29 − 3.57").isEqualTo(30);
        assertThat(avocados.get("promotion_text").asText()).isEqualTo("10 ct off");
        assertThat(avocados.get("status").asText()).isEqualTo("printed");
        JsonNode latest = JSON.readTree(get("/api/reports/latest?store=s1&limit=5").body());
        assertThat(latest).extracting(n -> n.get("item_name").asText()).doesNotContain("Duplicate of bananas");

        // grouped by PLU, an item is reported under each name it was sold with, in its own unit
        JsonNode byPlu = JSON.readTree(get("/api/reports/sales?store=s1&by=plu&from=" + D1 + "&to=" + D1 + "").body());
        assertThat(byPlu).extracting(n -> n.get("plu").asText() + " " + n.get("item_name").asText() + " " + n.get("sale_type").asText())
                .containsExactly("4011 Bananas PER_KG", "4011 Bananen PER_KG", "4225 Avocados PER_PIECE");
        assertThat(byPlu.get(2).get("items").asLong()).isEqualTo(3);
        assertThat(byPlu.get(2).get("discount_minor").asLong()).isEqualTo(30);

        // CSV: the lines with item name, sale type, quantity, unit price, regular price, discount and printed/voided
        String csv = get("/api/reports/sales?store=s1&by=&from=" + D1 + "&to=" + D1 + "&format=csv").body();
        String[] rows = csv.split("\r\n");
        assertThat(rows[0]).isEqualTo("sold_at,day,store,scale,sale_number,plu,item_name,sale_type,quantity,unit,unit_price,regular_price,"
                + "discount,total,currency,promotion,status");
        assertThat(rows[1]).isEqualTo(DAY1 + "," + D1 + ",s1,scale-1,1,4011,Bananen,PER_KG,1.234000,kg,1.99,1.99,,2.46,EUR,,printed");
        assertThat(rows[3]).isEqualTo(DAY1.plusSeconds(120) + "," + D1 + ",s1,scale-1,3,4225,Avocados,PER_PIECE,3,pcs,1.19,1.29,0.30,3.57,EUR,10 ct off,printed");
        String grouped = get("/api/reports/sales?store=s1&by=store,plu&from=" + D1 + "&to=" + D1 + "&format=csv").body();
        assertThat(grouped.split("\r\n")[0]).isEqualTo("store,plu,item_name,sale_type,currency,sales,net_kg,items,total,mismatches,voided,discount");
        assertThat(grouped).contains("s1,4225,Avocados,PER_PIECE,EUR,1,0.000000,3,3.57,0,0,0.30");
        // no grouping named at all keeps the report of old
        assertThat(get("/api/reports/sales?store=s1&by=colour").statusCode()).isEqualTo(400);
    }

    @Test
    void chartsAndTheRecognitionReportPerItem() throws Exception {
        Instant at = DAY2;
        int hour = at.atZone(java.time.ZoneId.of("Europe/Berlin")).getHour(); // the store's clock (LocalServer's business zone)
        send(sale(10, "4011", SaleType.PER_KG, 1_000_000, 0, 199, null, 199, "4011", false, at),
                // potatoes recognised as bananas, sold as the cheaper potatoes: flagged, 2 kg × (1.99 − 1.49) at stake
                sale(11, "4072", SaleType.PER_KG, 2_000_000, 0, 149, null, 298, "4011", true, at.plusSeconds(60)));
        JsonNode c = JSON.readTree(get("/api/reports/charts?store=s1&from=" + D2 + "&to=" + D2 + "").body());
        assertThat(c.get("per_day")).hasSize(1);
        assertThat(c.get("per_day").get(0).get("total_minor").asLong()).isEqualTo(497);
        assertThat(c.get("per_hour").get(hour).get("sales").asLong()).isEqualTo(2);
        assertThat(c.get("top_items").get(0).get("item").asText()).isEqualTo("4072 Potatoes");
        assertThat(c.get("first_tile").get(0).get("first_tile_rate").asDouble()).isEqualTo(1.0);
        JsonNode r = JSON.readTree(get("/api/reports/recognition-items?store=s1&from=" + D2 + "&to=" + D2 + "").body());
        assertThat(r.get("flagged").asLong()).isEqualTo(1);
        assertThat(r.get("at_stake_minor").asLong()).isEqualTo(100);
        JsonNode potatoes = r.get("items").get(1);
        assertThat(potatoes.get("plu").asText()).isEqualTo("4072");
        assertThat(potatoes.get("first_tile").asLong()).isZero();
        assertThat(potatoes.get("among_four").asLong()).isEqualTo(1);
        assertThat(potatoes.get("confused_with").get(0).get("item").asText()).startsWith("4011");
        assertThat(r.get("items").get(0).get("first_tile_rate").asDouble()).isEqualTo(1.0);
        assertThat(get("/api/reports/recognition-items?store=s1&from=" + D2 + "&to=" + D1 + "").statusCode()).isEqualTo(400);
    }

    @Test
    void aPerPieceSaleCarriesItsLoadForTheMoneyAtStakeButNotIntoTheKilograms() throws Exception {
        // 2 kg of bananas (recognised) sold as one avocado: the scale sends the load it weighed with the per-piece sale
        Instant at = DAY1.minus(Duration.ofDays(1));
        String day = at.toString().substring(0, 10);
        send(sale(20, "4225", SaleType.PER_PIECE, 2_000_000, 1, 119, "AVO-10", 119, "4011", true, at));
        await().atMost(Duration.ofSeconds(15)).until(() -> JSON.readTree(get("/api/reports/mismatches?store=s1&limit=1000").body())
                .findValuesAsText("sale_number").contains("20"));
        JsonNode flagged = null;
        for (JsonNode r : JSON.readTree(get("/api/reports/mismatches?store=s1&limit=1000").body())) {
            if (r.get("sale_number").asLong() == 20) flagged = r;
        }
        assertThat(flagged.get("net_mg").asLong()).isEqualTo(2_000_000);
        assertThat(flagged.get("at_stake_minor").asLong()).as("2 kg × 1.99 − 1.19").isEqualTo(398 - 119);
        JsonNode items = JSON.readTree(get("/api/reports/recognition-items?store=s1&from=" + day + "&to=" + day).body());
        assertThat(items.get("at_stake_minor").asLong()).isEqualTo(398 - 119);
        JsonNode byPlu = JSON.readTree(get("/api/reports/sales?store=s1&by=plu&from=" + day + "&to=" + day).body());
        assertThat(byPlu).hasSize(1);
        assertThat(byPlu.get(0).get("items").asLong()).isEqualTo(1);
        assertThat(byPlu.get(0).get("net_mg").asLong()).as("a per-piece sale's load is no kilogram sold").isZero();
    }
}
