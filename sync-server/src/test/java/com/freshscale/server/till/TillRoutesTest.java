package com.freshscale.server.till;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.freshscale.server.app.ServerApp;
import com.freshscale.server.auth.Account;
import com.freshscale.server.auth.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tills' HTTP API and HQ's reconciliation report over a real server (embedded broker, SQLite): a POS reports
 * with its own account and may do nothing else; a manager imports a till's CSV file; bad reports change nothing; a
 * report sent twice counts once; the report's counts and values are exact.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TillRoutesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PW = "till-test-password";
    static final String APPLES = "2104020001990";
    static final String BANANAS = "2104011002460";
    static final String PAID = "2904011000007";
    ServerApp server;
    final HttpClient http = HttpClient.newHttpClient();
    /** Two days ago, 10:00 UTC (11:00 in Berlin, the test server's business zone): one business day. */
    final Instant morning = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(2, ChronoUnit.DAYS).plus(10, ChronoUnit.HOURS);
    final LocalDate day = LocalDate.ofInstant(morning, ZoneOffset.UTC);

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        server = com.freshscale.server.LocalServer.start(dir, "till-test");
        server.accounts().add(new Account("hq", Role.HQ, Set.of()), PW.toCharArray());
        server.accounts().add(new Account("boss-1", Role.MANAGER, Set.of("store-1")), PW.toCharArray());
        server.accounts().add(new Account("pos-1", Role.TILL, Set.of("store-1")), PW.toCharArray());
        server.accounts().add(new Account("pos-2", Role.TILL, Set.of("store-2")), PW.toCharArray());
        for (String s : new String[] {"store-1", "store-2"}) {
            assertThat(send("PUT", "/api/stores/" + s, "hq", "application/json", "{\"name\":\"" + s + "\",\"currency\":\"EUR\"}").statusCode())
                    .isEqualTo(200);
        }
        // the scales' labels that day: two bags of apples (same price, same barcode), one of bananas, one paid at the scale
        insert("a1", 1, APPLES, at(0), 199, null);
        insert("a2", 2, APPLES, at(10), 199, null);
        insert("b1", 3, BANANAS, at(20), 246, null);
        insert("p1", 4, PAID, at(30), 246, "52500038/000117/000042");
    }

    @AfterAll
    void stop() {
        if (server != null) server.close();
    }

    Instant at(int minutes) {
        return morning.plus(minutes, ChronoUnit.MINUTES);
    }

    void insert(String id, int number, String barcode, Instant soldAt, long total, String payment) throws Exception {
        try (Connection c = server.database().connect(); PreparedStatement p = c.prepareStatement("INSERT INTO sale (sale_id, store_id, "
                + "scale_id, sale_number, plu_code, sale_type, net_mg, item_count, unit_price_minor, promotion_id, total_minor, currency, "
                + "barcode, sold_at_ms, sold_day, price_book_version, recognised_plu, recognition_confidence, auto_picked, chosen_rank, "
                + "mismatch, received_at_ms, payment_reference) VALUES (?,'store-1','scale-1',?,'4011','PER_KG',1000000,0,199,NULL,?,"
                + "'EUR',?,?,?,1,NULL,NULL,FALSE,1,FALSE,0,?)")) {
            p.setString(1, id);
            p.setLong(2, number);
            p.setLong(3, total);
            p.setString(4, barcode);
            p.setLong(5, soldAt.toEpochMilli());
            p.setString(6, day.toString());
            p.setString(7, payment);
            p.executeUpdate();
        }
    }

    HttpResponse<String> send(String method, String path, String user, String type, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (user != null) b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + PW).getBytes(StandardCharsets.UTF_8)));
        if (type != null) b.header("Content-Type", type);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> report(String user, String body) throws Exception {
        return send("POST", "/api/stores/store-1/till-scans", user, "application/json", body);
    }

    String scan(String id, String barcode, Instant at, Long price) {
        return "{\"id\":\"" + id + "\",\"barcode\":\"" + barcode + "\",\"scannedAt\":\"" + at + "\""
                + (price == null ? "" : ",\"priceMinor\":" + price) + "}";
    }

    JsonNode dayRow(String user) throws Exception {
        HttpResponse<String> r = send("GET", "/api/reports/reconciliation?store=store-1&from=" + day + "&to=" + day, user, null, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode rows = JSON.readTree(r.body());
        assertThat(rows).hasSize(1);
        return rows.get(0).get("totals");
    }

    @Test
    @Order(1)
    void badReportsAreRefusedWithAReasonAndChangeNothing() throws Exception {
        String good = scan("r1-1", APPLES, at(40), 199L);
        assertThat(report("pos-1", "{\"till\":\"till 1\",\"scans\":[" + good + "]}").body()).contains("till must be");
        assertThat(report("pos-1", "{\"till\":\"t1\",\"scans\":[" + good + "," + scan("r1-2", "21040x0001990", at(41), null) + "]}").body())
                .contains("scans[1]: barcode must be 8-14 digits");
        assertThat(report("pos-1", "{\"till\":\"t1\",\"scans\":[" + scan("r1-3", APPLES, Instant.now().plus(3, ChronoUnit.HOURS), null) + "]}").body())
                .contains("in the future");
        assertThat(report("pos-1", "{\"till\":\"t1\",\"scans\":[" + good + "," + good + "]}").body()).contains("in the report twice");
        assertThat(report("pos-1", "{\"till\":\"t1\",\"scans\":[" + good.replace("\"id\"", "\"lane\":1,\"id\"") + "]}").body())
                .contains("unknown field 'lane'");
        assertThat(report("pos-1", "{\"till\":\"t1\",\"scans\":[" + good.replace("199}", "1.99}") + "]}").body()).contains("priceMinor");
        assertThat(report("pos-1", "{\"till\":\"t1\",\"scans\":[]}").body()).contains("no scans");
        assertThat(report("pos-1", "[1,2]").statusCode()).isEqualTo(400);
        var cut = report("pos-1", "{\"till\":");
        assertThat(cut.statusCode()).isEqualTo(400);
        // the parser's words without its input source or Java types, and where the body ends
        assertThat(cut.body()).contains("bad till report JSON: ").contains("(line 1, column ").doesNotContain("Source").doesNotContain("com.fasterxml");
        assertThat(send("POST", "/api/stores/store-9/till-scans", "hq", "application/json", "{\"till\":\"t1\",\"scans\":[" + good + "]}")
                .statusCode()).isEqualTo(404);
        assertThat(server.tillScans().count("store-1")).isZero();
    }

    @Test
    @Order(2)
    void aTillAccountReportsItsOwnStoresScansAndDoesNothingElse() throws Exception {
        String body = "{\"till\":\"till-1\",\"scans\":[" + scan("R100-1", APPLES, at(40), 199L) + "," + scan("R100-2", PAID, at(41), 0L)
                + "," + scan("R101-1", BANANAS, at(42), 246L) + "," + scan("R101-2", BANANAS, at(43), 246L) + "]}";
        assertThat(report(null, body).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/api/stores/store-1/till-scans", "pos-2", "application/json", body).statusCode()).isEqualTo(403);
        assertThat(report("pos-1", body.replace("\"till\"", "\"till \"")).statusCode()).isEqualTo(400);
        assertThat(send("POST", "/api/stores/store-1/till-scans", "pos-1", "text/plain", body).statusCode()).isEqualTo(415);
        HttpResponse<String> r = report("pos-1", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).get("stored").asInt()).isEqualTo(4);
        // the till retries after a lost answer: nothing is counted twice
        JsonNode again = JSON.readTree(report("pos-1", body).body());
        assertThat(again.get("stored").asInt()).isZero();
        assertThat(again.get("duplicates").asInt()).isEqualTo(4);
        assertThat(server.tillScans().count("store-1")).isEqualTo(4);
        // a till sees no prices, sales or reports, and changes nothing
        for (String path : new String[] {"/api/stores/store-1/plus", "/api/sales?store=store-1", "/api/scales?store=store-1",
                "/api/reports/reconciliation?store=store-1&from=" + day + "&to=" + day}) {
            assertThat(send("GET", path, "pos-1", null, null).statusCode()).as(path).isEqualTo(403);
        }
        assertThat(send("PUT", "/api/stores/store-1/plus/4011", "pos-1", "application/json", "{}").statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(send("GET", "/api/stores", "pos-1", null, null).body())).isEmpty();
    }

    @Test
    @Order(3)
    void aManagerImportsATillsCsvExport() throws Exception {
        // till-2 exports its journal: a second bag of apples, and a barcode no scale printed (local times, Berlin)
        String local = java.time.LocalDateTime.ofInstant(at(50), java.time.ZoneId.of("Europe/Berlin")).toString().replace('T', ' ');
        String file = "till,scan_id,barcode,scanned_at,price\r\ntill-2,J7-1," + APPLES + "," + local + ",1.99\r\n"
                + "till-2,J7-2,2104099005004," + local + ",5.00\r\n";
        assertThat(send("POST", "/api/stores/store-1/till-scans/csv", "boss-1", "application/json", file).statusCode()).isEqualTo(415);
        assertThat(send("POST", "/api/stores/store-1/till-scans/csv", "boss-1", "text/csv", "till,scan_id\n").body())
                .contains("'barcode' is missing");
        assertThat(send("POST", "/api/stores/store-1/till-scans/csv", "boss-1", "text/csv", file.replace("5.00", "5.0.0")).body())
                .contains("line 3: price");
        assertThat(server.tillScans().count("store-1")).isEqualTo(4);
        HttpResponse<String> r = send("POST", "/api/stores/store-1/till-scans/csv", "boss-1", "text/csv; charset=utf-8", file);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).get("stored").asInt()).isEqualTo(2);
        assertThat(server.tillScans().count("store-1")).isEqualTo(6);
    }

    @Test
    @Order(4)
    void theReportCountsEveryLabelAndScanOfTheDay() throws Exception {
        JsonNode t = dayRow("boss-1");
        assertThat(t.get("printed").get("count").asLong()).isEqualTo(4);
        assertThat(t.get("printed").get("valueMinor").asLong()).isEqualTo(199 + 199 + 246 + 246);
        assertThat(t.get("paidAtScale").get("count").asLong()).isEqualTo(1);
        assertThat(t.get("paidAndScanned").asLong()).isEqualTo(1);
        assertThat(t.get("scannedAtTill").get("count").asLong()).isEqualTo(3); // both apples, the bananas
        assertThat(t.get("scannedAtTill").get("valueMinor").asLong()).isEqualTo(199 + 199 + 246);
        assertThat(t.get("neverScanned").get("count").asLong()).isZero();
        assertThat(t.get("scannedNotPrinted").get("count").asLong()).isEqualTo(1);
        assertThat(t.get("scannedNotPrinted").get("valueMinor").asLong()).isEqualTo(500);
        assertThat(t.get("scannedTwice").get("count").asLong()).isEqualTo(1); // the bananas' second scan
        assertThat(t.get("scannedTwice").get("valueMinor").asLong()).isEqualTo(246);
        assertThat(t.get("scans").asLong()).isEqualTo(6);

        JsonNode lines = JSON.readTree(send("GET", "/api/reports/reconciliation/labels?store=store-1&day=" + day, "hq", null, null).body());
        assertThat(lines).extracting(l -> l.get("barcode").asText()).containsExactly(BANANAS, "2104099005004"); // in barcode order
        JsonNode all = JSON.readTree(send("GET", "/api/reports/reconciliation/labels?store=store-1&day=" + day + "&all=true", "hq", null, null).body());
        assertThat(all).hasSize(4);

        HttpResponse<String> csv = send("GET", "/api/reports/reconciliation?from=" + day + "&to=" + day + "&format=csv", "hq", null, null);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body().split("\r\n")).containsExactly("store,day,currency,printed,printed_value,paid_at_scale,paid_at_scale_value,"
                        + "paid_and_scanned,scanned_at_till,scanned_at_till_value,never_scanned,never_scanned_value,"
                        + "scanned_not_printed,scanned_not_printed_value,scanned_twice,scanned_twice_value,scans",
                "store-1," + day + ",EUR,4,8.90,1,2.46,1,3,6.44,0,0.00,1,5.00,1,2.46,6");
    }

    @Test
    @Order(5)
    void aLabelNoTillScannedShowsWithItsValue() throws Exception {
        insert("a3", 5, APPLES, at(60), 199, null);
        JsonNode t = dayRow("hq");
        assertThat(t.get("neverScanned").get("count").asLong()).isEqualTo(1);
        assertThat(t.get("neverScanned").get("valueMinor").asLong()).isEqualTo(199);
        HttpResponse<String> csv = send("GET", "/api/reports/reconciliation/labels?store=store-1&day=" + day + "&format=csv", "boss-1", null, null);
        assertThat(csv.body()).contains(APPLES + ",4011,3,0,2,2,1,1.99,0,0,0.00,till-1 till-2,#5");
    }

    /** A till report that gives a field twice is refused, naming it: which till sent it must not depend on the reader. */
    @Test
    @Order(7)
    void aTillReportGivingAFieldTwiceIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TillRoutes.upload(
                        "{\"till\":\"till-1\",\"till\":\"till-2\",\"scans\":[]}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the field 'till' is given twice");
    }

    @Test
    @Order(6)
    void reportParametersAreChecked() throws Exception {
        assertThat(send("GET", "/api/reports/reconciliation?store=store-1", "hq", null, null).body()).contains("'from' and 'to' are required");
        assertThat(send("GET", "/api/reports/reconciliation?store=store-1&from=2026-01-01&to=2026-06-01", "hq", null, null).body())
                .contains("at most 62 days");
        assertThat(send("GET", "/api/reports/reconciliation?from=" + day + "&to=" + day, "boss-1", null, null).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/api/reports/reconciliation?store=store-2&from=" + day + "&to=" + day, "boss-1", null, null).statusCode())
                .isEqualTo(403);
        assertThat(send("GET", "/api/reports/reconciliation/labels?store=store-1", "hq", null, null).body()).contains("'day' is required");
        assertThat(send("GET", "/api/reports/reconciliation/labels?store=store-1&day=" + day + "&all=yes", "hq", null, null).statusCode())
                .isEqualTo(400);
    }
}
