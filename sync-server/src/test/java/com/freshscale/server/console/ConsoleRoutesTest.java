package com.freshscale.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.freshscale.protocol.pricebook.SaleType;
import com.freshscale.protocol.sales.Sale;
import com.freshscale.server.app.ServerApp;
import com.freshscale.server.auth.Account;
import com.freshscale.server.auth.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The console's pages and HQ reports over a real server (embedded broker, SQLite) with stored sales. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleRoutesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PASSWORD = "console-test-pw";
    static final String AUTH = "Basic " + java.util.Base64.getEncoder().encodeToString(("hq:" + PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    ServerApp server;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        server = com.freshscale.server.LocalServer.start(dir, "console-test");
        server.accounts().add(new Account("hq", Role.HQ, java.util.Set.of()), PASSWORD.toCharArray());
        // three sales on two days at two scales: bananas auto-picked, apples from the first tile, potatoes sold
        // although the scale saw bananas (a mismatch), and one from the search
        insert(sale("s1", "4011", 1_234_000, 246, "2026-03-10T09:00:00Z", "4011", 0.97, true, 0));
        insert(sale("s1", "4020", 800_000, 199, "2026-03-10T09:05:00Z", "4020", 0.61, false, 1));
        insert(sale("s2", "4072", 2_000_000, 158, "2026-03-11T10:00:00Z", "4011", 0.88, false, 3));
        insert(sale("s2", "4011", 500_000, 100, "2026-03-11T10:30:00Z", null, null, false, 0));
        // and one whose label never printed (paper out, the shopper took the item off): voided, kept, not counted
        Sale unlabelled = sale("s2", "4011", 1_500_000, 300, "2026-03-11T11:00:00Z", null, null, false, 0);
        insert(unlabelled);
        try (Connection c = server.database().connect();
             PreparedStatement p = c.prepareStatement("UPDATE sale SET void_reason = ? WHERE sale_id = ?")) {
            p.setString(1, "label not printed (PAPER_OUT); the item was taken off");
            p.setString(2, unlabelled.saleId());
            p.executeUpdate();
        }
    }

    @AfterAll
    void stop() {
        if (server != null) server.close();
    }

    static Sale sale(String scale, String plu, long netMg, long total, String at, String recognised, Double conf, boolean auto, int rank) {
        return new Sale(Sale.newId(), "store-1", scale, 1, plu, SaleType.PER_KG, netMg, 0, 199, null, total, "EUR",
                "2104011002460", Instant.parse(at), 3, recognised, conf, auto, rank,
                recognised != null && !recognised.equals(plu));
    }

    void insert(Sale s) throws Exception {
        try (Connection c = server.database().connect(); PreparedStatement p = c.prepareStatement("INSERT INTO sale (sale_id, store_id, "
                + "scale_id, sale_number, plu_code, sale_type, net_mg, item_count, unit_price_minor, promotion_id, total_minor, currency, "
                + "barcode, sold_at_ms, sold_day, price_book_version, recognised_plu, recognition_confidence, auto_picked, chosen_rank, "
                + "mismatch, received_at_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            p.setString(1, s.saleId());
            p.setString(2, s.storeId());
            p.setString(3, s.scaleId());
            p.setLong(4, s.saleNumber());
            p.setString(5, s.pluCode());
            p.setString(6, s.saleType().name());
            p.setLong(7, s.netMg());
            p.setInt(8, s.count());
            p.setLong(9, s.unitPriceMinor());
            p.setString(10, null);
            p.setLong(11, s.totalMinor());
            p.setString(12, s.currency());
            p.setString(13, s.barcode());
            p.setLong(14, s.soldAt().toEpochMilli());
            p.setString(15, s.soldAt().toString().substring(0, 10));
            p.setLong(16, s.priceBookVersion());
            p.setString(17, s.recognisedPlu());
            if (s.recognitionConfidence() == null) p.setNull(18, java.sql.Types.DOUBLE);
            else p.setDouble(18, s.recognitionConfidence());
            p.setBoolean(19, s.autoPicked());
            p.setInt(20, s.chosenRank());
            p.setBoolean(21, s.mismatch());
            p.setLong(22, System.currentTimeMillis());
            p.executeUpdate();
        }
    }

    HttpResponse<String> get(String path) throws Exception {
        // HQ's reporting tools log in with HTTP Basic
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path)).header("Authorization", AUTH).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePagesAreServed() throws Exception {
        HttpResponse<String> index = get("/console/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(index.body()).contains("console.js", "id=\"logout\"");
        assertThat(get("/console/login.html").body()).contains("type=\"password\"", "login.js");
        assertThat(get("/console/console.js").body()).contains("loadLatest");
        assertThat(get("/console/console.css").statusCode()).isEqualTo(200);
        assertThat(get("/console/..%2Fsecret.html").statusCode()).isEqualTo(404);
        assertThat(get("/console/nothing.html").statusCode()).isEqualTo(404);
    }

    @Test
    void salesAreTotalledByStoreDayAndPlu() throws Exception {
        JsonNode rows = JSON.readTree(get("/api/reports/sales?by=day,plu&store=store-1").body());
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0).get("day").asText()).isEqualTo("2026-03-10");
        assertThat(rows.get(0).get("plu").asText()).isEqualTo("4011");
        assertThat(rows.get(0).get("total_minor").asLong()).isEqualTo(246);
        JsonNode byStore = JSON.readTree(get("/api/reports/sales?by=store").body());
        assertThat(byStore).hasSize(1);
        assertThat(byStore.get(0).get("sales").asLong()).isEqualTo(4);
        assertThat(byStore.get(0).get("total_minor").asLong()).isEqualTo(246 + 199 + 158 + 100);
        assertThat(byStore.get(0).get("mismatches").asLong()).isEqualTo(1);
        assertThat(byStore.get(0).get("voided").asLong()).as("kept and shown, not in the takings").isEqualTo(1);
        JsonNode oneDay = JSON.readTree(get("/api/reports/sales?by=plu&from=2026-03-11&to=2026-03-11").body());
        assertThat(oneDay).extracting(n -> n.get("plu").asText()).containsExactly("4011", "4072");
    }

    @Test
    void csvExportHasAHeaderAndOneLinePerGroup() throws Exception {
        HttpResponse<String> r = get("/api/reports/sales?by=store,day&format=csv");
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(r.headers().firstValue("Content-Disposition").orElse("")).contains("sales-by-store-day.csv");
        assertThat(r.body().split("\r\n")).containsExactly("store,day,currency,sales,net_kg,items,total,mismatches,voided,discount",
                "store-1,2026-03-10,EUR,2,2.034000,0,4.45,0,0,0.00", "store-1,2026-03-11,EUR,2,2.500000,0,2.58,1,1,0.00");
    }

    @Test
    void recognitionQualityCountsAutoPicksFirstTilesAndMismatches() throws Exception {
        JsonNode days = JSON.readTree(get("/api/reports/recognition?store=store-1").body());
        assertThat(days).hasSize(2);
        JsonNode first = days.get(0);
        assertThat(first.get("auto_picked").asLong()).isEqualTo(1);
        assertThat(first.get("auto_pick_rate").asDouble()).isEqualTo(0.5);
        assertThat(first.get("first_tile_rate").asDouble()).isEqualTo(1.0);
        JsonNode second = days.get(1);
        assertThat(second.get("mismatches").asLong()).isEqualTo(1);
        assertThat(second.get("mismatch_rate").asDouble()).isEqualTo(1.0);
        assertThat(second.get("searched").asLong()).isEqualTo(1);
        JsonNode flags = JSON.readTree(get("/api/reports/mismatches?store=store-1").body());
        assertThat(flags).hasSize(1);
        assertThat(flags.get(0).get("plu").asText()).isEqualTo("4072");
        assertThat(flags.get(0).get("recognised_plu").asText()).isEqualTo("4011");
    }

    @Test
    void latestSalesComeNewestFirstAndSayWhichWereVoided() throws Exception {
        JsonNode rows = JSON.readTree(get("/api/reports/latest?store=store-1&limit=2").body());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("sold_at").asText()).isEqualTo("2026-03-11T11:00:00Z");
        assertThat(rows.get(0).get("voided").asBoolean()).isTrue();
        assertThat(rows.get(1).get("voided").asBoolean()).isFalse();
    }

    @Test
    void voidedSalesAreListedWithTheirReason() throws Exception {
        // issue 11, why 4: a sale whose label never printed was counted at HQ and no report said so
        JsonNode rows = JSON.readTree(get("/api/reports/voided?store=store-1").body());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("total_minor").asLong()).isEqualTo(300);
        assertThat(rows.get(0).get("void_reason").asText()).contains("PAPER_OUT");
        JsonNode flags = JSON.readTree(get("/api/reports/mismatches?store=store-1").body());
        assertThat(flags).extracting(n -> n.get("voided").asBoolean()).containsOnly(false);
    }

    @Test
    void badParametersAreRefusedWithAReason() throws Exception {
        HttpResponse<String> r = get("/api/reports/sales?by=colour");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("cannot group by 'colour'");
        assertThat(get("/api/reports/sales?from=yesterday").statusCode()).isEqualTo(400);
        assertThat(get("/api/reports/sales?from=2026-03-11&to=2026-03-10").statusCode()).isEqualTo(400);
        assertThat(get("/api/reports/latest?limit=0").statusCode()).isEqualTo(400);
        assertThat(get("/api/reports/recognition?format=xml").statusCode()).isEqualTo(400);
    }

    @Test
    void csvFieldsAreQuotedAndFormulasDefused() {
        assertThat(ConsoleRoutes.Csv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(ConsoleRoutes.Csv.field("=cmd()")).isEqualTo("'=cmd()");
        assertThat(ConsoleRoutes.Csv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    }
}
