package com.freshscale.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.SaleType;
import com.freshscale.protocol.sales.Sale;
import com.freshscale.server.EnrolledScale;
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
import java.util.ArrayList;
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
 * A scale's sale number used by more than one sale id (a scale restored from an old backup numbers again from there; a
 * forger takes a number too): HQ stores both, as their sale ids differ, and {@code GET /api/reports/sale-numbers} lists
 * each such number with its sales, newest first. Through the real ingest (MQTT, embedded broker, SQLite), with a
 * manager who sees only its own store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SaleNumbersHttpTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant DAY1 = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(3).atTime(9, 0).toInstant(java.time.ZoneOffset.UTC);
    static final String PAPER_OUT = "label not printed (PAPER_OUT); the item was taken off";
    ServerApp server;
    final HttpClient http = HttpClient.newHttpClient();
    final Map<String, Long> versions = new java.util.HashMap<>();
    final List<Sale> north1 = new ArrayList<>();
    final List<Sale> north2 = new ArrayList<>();
    final List<Sale> south1 = new ArrayList<>();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        server = com.freshscale.server.LocalServer.start(dir, "sale-numbers-test");
        server.accounts().add(new Account("hq", Role.HQ, Set.of()), "sale-numbers-hq-pw".toCharArray());
        server.accounts().add(new Account("nora", Role.MANAGER, Set.of("north")), "sale-numbers-nora-pw".toCharArray());
        server.accounts().add(new Account("sam", Role.MANAGER, Set.of("south")), "sale-numbers-sam-pw".toCharArray());
        for (String store : List.of("north", "south")) {
            server.prices().putStore(store, store + " store", "EUR", null);
            server.prices().putPlus(store, List.of(
                    new Plu("4011", Map.of("en", "Bananas"), SaleType.PER_KG, 199, "EUR", 0, 5, "ean13-price", "default", List.of("Banana"), true),
                    new Plu("4072", Map.of("en", "Potatoes"), SaleType.PER_KG, 149, "EUR", 0, 30, "ean13-price", "default", List.of("Potato"), true)));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> server.publisher().idle() && List.of("north", "south").stream()
                .allMatch(s -> server.publisher().latest(s) != null && server.publisher().latest(s).version() >= 1));
        for (String store : List.of("north", "south")) versions.put(store, server.publisher().latest(store).version());
        // the sales are days old: their books are dated back as if signed before them (else the ingest quarantines them)
        try (java.sql.Connection c = server.database().connect();
             java.sql.PreparedStatement p = c.prepareStatement("UPDATE published_book_version SET published_ms = ?")) {
            p.setLong(1, DAY1.minus(Duration.ofDays(7)).toEpochMilli());
            p.executeUpdate();
        }

        // north scale-1 sells #1..#4, is restored from a backup of before #3 and numbers #3 and #4 again (other sales,
        // other ids); #3's first use never printed its label (voided: it used its number all the same)
        north1.add(sale("north", "scale-1", 1, "4011", 1_234_000, DAY1));
        north1.add(sale("north", "scale-1", 2, "4072", 2_000_000, DAY1.plusSeconds(60)));
        north1.add(sale("north", "scale-1", 3, "4011", 600_000, DAY1.plusSeconds(120)).voided(PAPER_OUT, DAY1.plusSeconds(150)));
        north1.add(sale("north", "scale-1", 4, "4072", 1_000_000, DAY1.plusSeconds(180)));
        north1.add(sale("north", "scale-1", 3, "4072", 3_000_000, DAY1.plus(Duration.ofDays(1))));
        north1.add(sale("north", "scale-1", 4, "4011", 800_000, DAY1.plus(Duration.ofDays(1)).plusSeconds(60)));
        // north scale-2 has its own #1 and #3: the same numbers at another scale are no reuse
        north2.add(sale("north", "scale-2", 1, "4011", 700_000, DAY1.plusSeconds(30)));
        north2.add(sale("north", "scale-2", 3, "4011", 900_000, DAY1.plusSeconds(90)));
        // south scale-1 (the same scale id in another store) reuses #7: a forged label's sale under a number used before
        south1.add(sale("south", "scale-1", 7, "4011", 1_100_000, DAY1.plusSeconds(300)));
        south1.add(sale("south", "scale-1", 7, "4011", 1_100_000, DAY1.plus(Duration.ofDays(2))));
        send("north", "scale-1", north1);
        send("north", "scale-2", north2);
        send("south", "scale-1", south1);
    }

    @AfterAll
    void stop() {
        if (server != null) server.close();
    }

    Sale sale(String store, String scale, long number, String plu, long netMg, Instant at) {
        long unit = plu.equals("4011") ? 199 : 149;
        long total = Math.round(netMg / 1e6 * unit);
        String barcode;
        try {
            barcode = com.freshscale.protocol.barcode.BarcodeLayouts.EAN13_PRICE.encode(plu, total); // as the scale prints it
        } catch (com.freshscale.protocol.barcode.BarcodeFieldException e) {
            throw new IllegalArgumentException(e);
        }
        return new Sale(Sale.newId(), store, scale, number, plu, SaleType.PER_KG, netMg, 0, unit, null, total, "EUR", barcode, at,
                versions.get(store), null, null, false, 0, false);
    }

    void send(String store, String scale, List<Sale> sales) throws Exception {
        try (EnrolledScale s = new EnrolledScale(server, store, scale)) {
            s.send(sales);
        }
    }

    HttpResponse<String> get(String user, String path) throws Exception {
        String auth = Base64.getEncoder().encodeToString((user + ":sale-numbers-" + user + "-pw").getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path)).header("Authorization", "Basic " + auth)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode report(String user, String path) throws Exception {
        HttpResponse<String> r = get(user, path);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static List<String> ids(JsonNode entry) {
        List<String> out = new ArrayList<>();
        entry.get("sales").forEach(s -> out.add(s.get("sale_id").asText()));
        return out;
    }

    @Test
    void everySaleIdIsCountedAndEachNumberUsedTwiceIsListedWithItsSalesNewestFirst() throws Exception {
        // the ingest took every sale: the ids differ, so nothing was a duplicate
        assertThat(report("hq", "/api/reports/latest?store=north&limit=100")).hasSize(8);

        JsonNode rows = report("hq", "/api/reports/sale-numbers?store=north");
        // #4 (newest use a day later) before #3; scale-2's #1 and #3 and scale-1's #1 and #2 were used once
        assertThat(rows).hasSize(2);
        JsonNode four = rows.get(0);
        assertThat(four.get("store").asText()).isEqualTo("north");
        assertThat(four.get("scale").asText()).isEqualTo("scale-1");
        assertThat(four.get("sale_number").asLong()).isEqualTo(4);
        assertThat(four.get("uses").asLong()).isEqualTo(2);
        assertThat(ids(four)).containsExactly(north1.get(5).saleId(), north1.get(3).saleId());
        JsonNode newest = four.get("sales").get(0);
        assertThat(newest.get("sold_at").asText()).isEqualTo(north1.get(5).soldAt().toString());
        assertThat(newest.get("plu").asText()).isEqualTo("4011");
        assertThat(newest.get("item_name").asText()).isEqualTo("Bananas");
        assertThat(newest.get("total_minor").asLong()).isEqualTo(north1.get(5).totalMinor());
        assertThat(newest.get("currency").asText()).isEqualTo("EUR");
        assertThat(newest.get("void_reason").isNull()).isTrue();
        assertThat(newest.get("voided").asBoolean()).isFalse();

        JsonNode three = rows.get(1);
        assertThat(three.get("sale_number").asLong()).isEqualTo(3);
        assertThat(ids(three)).containsExactly(north1.get(4).saleId(), north1.get(2).saleId());
        JsonNode voided = three.get("sales").get(1);
        assertThat(voided.get("void_reason").asText()).isEqualTo(PAPER_OUT);
        assertThat(voided.get("voided").asBoolean()).isTrue();
        assertThat(voided.get("plu").asText()).isEqualTo("4011");
        assertThat(voided.get("total_minor").asLong()).isEqualTo(north1.get(2).totalMinor());

        // one scale, and a limit on the numbers listed (the newest)
        JsonNode limited = report("hq", "/api/reports/sale-numbers?store=north&scale=scale-1&limit=1");
        assertThat(limited).hasSize(1);
        assertThat(limited.get(0).get("sale_number").asLong()).isEqualTo(4);
        assertThat(limited.get(0).get("sales")).as("the limit counts numbers, each with all its sales").hasSize(2);
        assertThat(report("hq", "/api/reports/sale-numbers?store=north&scale=scale-2")).isEmpty();
    }

    @Test
    void hqSeesTheChainNewestFirstAndAManagerOnlyItsOwnStore() throws Exception {
        JsonNode chain = report("hq", "/api/reports/sale-numbers");
        assertThat(chain).extracting(n -> n.get("store").asText() + "/" + n.get("scale").asText() + "#" + n.get("sale_number").asLong())
                .containsExactly("south/scale-1#7", "north/scale-1#4", "north/scale-1#3");

        JsonNode own = report("nora", "/api/reports/sale-numbers?store=north");
        assertThat(own).extracting(n -> n.get("store").asText()).containsOnly("north");
        assertThat(own).hasSize(2);

        // a manager of another store: refused for north, and south's report has none of north's sales
        HttpResponse<String> other = get("sam", "/api/reports/sale-numbers?store=north");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.body()).contains("sam manages south, not store north").doesNotContain(north1.get(2).saleId());
        HttpResponse<String> everyStore = get("sam", "/api/reports/sale-numbers");
        assertThat(everyStore.statusCode()).isEqualTo(403);
        assertThat(everyStore.body()).contains("?store=south");
        JsonNode south = report("sam", "/api/reports/sale-numbers?store=south");
        assertThat(south).hasSize(1);
        assertThat(south.get(0).get("scale").asText()).isEqualTo("scale-1");
        assertThat(ids(south.get(0))).containsExactly(south1.get(1).saleId(), south1.get(0).saleId());
        assertThat(south.toString()).doesNotContain("north");
    }

    @Test
    void badParametersAreRefusedWithAReason() throws Exception {
        for (String limit : List.of("0", "1001", "-3")) {
            HttpResponse<String> r = get("hq", "/api/reports/sale-numbers?store=north&limit=" + limit);
            assertThat(r.statusCode()).as(limit).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).get("error").asText()).isEqualTo("limit must be 1..1000");
        }
        HttpResponse<String> word = get("hq", "/api/reports/sale-numbers?store=north&limit=ten");
        assertThat(word.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(word.body()).get("error").asText()).isEqualTo("limit must be an integer, not 'ten'");
        // a day range or a PLU would hide one of the two uses of a number: refused, not ignored
        for (String p : List.of("from=2026-03-01", "to=2026-03-01", "plu=4011")) {
            HttpResponse<String> r = get("hq", "/api/reports/sale-numbers?store=north&" + p);
            assertThat(r.statusCode()).as(p).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).get("error").asText()).contains("takes store, scale and limit", "'" + p.substring(0, p.indexOf('=')) + "'");
        }
        HttpResponse<String> noLogin = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort()
                + "/api/reports/sale-numbers?store=north")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noLogin.statusCode()).isEqualTo(401);
    }
}
