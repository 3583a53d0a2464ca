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
 * HQ releases a quarantined sale it found genuine ({@code POST /api/quarantine/{id}/release}): a new sale is counted
 * once, a second release is refused, a manager may not, a note is required, and a quarantined re-send of a stored sale
 * is never released. Through the real ingest (MQTT, embedded broker, SQLite) and the HTTP API; each test on its own scale.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuarantineReleaseHttpTest {
    static final ObjectMapper JSON = new ObjectMapper();
    ServerApp server;
    final HttpClient http = HttpClient.newHttpClient();
    long version;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        server = com.freshscale.server.LocalServer.start(dir, "quarantine-release-test");
        server.accounts().add(new Account("hq", Role.HQ, Set.of()), "release-hq-pw".toCharArray());
        server.accounts().add(new Account("nora", Role.MANAGER, Set.of("north")), "release-nora-pw".toCharArray());
        server.prices().putStore("north", "north store", "EUR", null);
        server.prices().putPlus("north", List.of(
                new Plu("4011", Map.of("en", "Bananas"), SaleType.PER_KG, 199, "EUR", 0, 5, "ean13-price", "default", List.of("Banana"), true)));
        await().atMost(Duration.ofSeconds(30)).until(() -> server.publisher().idle() && server.publisher().latest("north") != null
                && server.publisher().latest("north").version() >= 1);
        version = server.publisher().latest("north").version();
    }

    @AfterAll
    void stop() {
        if (server != null) server.close();
    }

    /** A sale as its scale priced it by the published book. */
    Sale sale(String id, String scale, long number, long netMg, Instant at) {
        long total = Math.round(netMg / 1e6 * 199);
        String barcode;
        try {
            barcode = com.freshscale.protocol.barcode.BarcodeLayouts.EAN13_PRICE.encode("4011", total);
        } catch (com.freshscale.protocol.barcode.BarcodeFieldException e) {
            throw new IllegalArgumentException(e);
        }
        return new Sale(id, "north", scale, number, "4011", SaleType.PER_KG, netMg, 0, 199, null, total, "EUR", barcode, at,
                version, null, null, false, 0, false);
    }

    /** A sale dated an hour before its price book was published: quarantined (IMPLAUSIBLE_TIME), as a clock fallen back. */
    Sale quarantined(String scale, long number) throws Exception {
        Sale s = sale(Sale.newId(), scale, number, 1_250_000, Instant.now().minus(Duration.ofHours(1)));
        try (EnrolledScale es = new EnrolledScale(server, "north", scale)) {
            es.sendQuarantined(List.of(s));
        }
        return s;
    }

    HttpResponse<String> call(String user, String method, String path, String body) throws Exception {
        String auth = Base64.getEncoder().encodeToString((user + ":release-" + user + "-pw").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                .header("Authorization", "Basic " + auth).header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> release(String user, String saleId, String body) throws Exception {
        return call(user, "POST", "/api/quarantine/" + saleId + "/release", body);
    }

    JsonNode get(String path) throws Exception {
        HttpResponse<String> r = call("hq", "GET", path, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** The counted sales and money of one scale: /api/sales/totals. */
    long[] totals(String scale) throws Exception {
        long sales = 0;
        long money = 0;
        for (JsonNode t : get("/api/sales/totals?store=north&scale=" + scale)) {
            sales += t.get("sales").asLong();
            money += t.get("totalMinor").asLong();
        }
        return new long[] {sales, money};
    }

    JsonNode row(String saleId) throws Exception {
        for (JsonNode q : get("/api/quarantine?store=north")) if (q.get("saleId").asText().equals(saleId)) return q;
        throw new AssertionError("not in quarantine: " + saleId);
    }

    @Test
    void aReleasedNewSaleIsCountedOnceAndASecondReleaseIsRefused() throws Exception {
        Sale s = quarantined("scale-1", 1);
        assertThat(totals("scale-1")).containsExactly(0, 0);
        JsonNode before = row(s.saleId());
        assertThat(before.get("reason").asText()).isEqualTo("IMPLAUSIBLE_TIME");
        assertThat(before.get("released").asBoolean()).isFalse();
        assertThat(before.get("releasable").asBoolean()).isTrue();
        assertThat(before.get("releasedBy").isNull()).isTrue();

        HttpResponse<String> r = release("hq", s.saleId(), "{\"note\": \"clock fell back; paid at the till, checked\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).get("releasedBy").asText()).isEqualTo("hq");
        assertThat(totals("scale-1")).containsExactly(1, s.totalMinor());
        JsonNode after = row(s.saleId());
        assertThat(after.get("released").asBoolean()).isTrue();
        assertThat(after.get("releasable").asBoolean()).isFalse();
        assertThat(after.get("releasedBy").asText()).isEqualTo("hq");
        assertThat(after.get("releaseNote").asText()).isEqualTo("clock fell back; paid at the till, checked");
        assertThat(Instant.parse(after.get("releasedAt").asText())).isAfter(Instant.now().minus(Duration.ofMinutes(5)));
        // the existing fields stay
        assertThat(after.get("reason").asText()).isEqualTo("IMPLAUSIBLE_TIME");
        assertThat(after.get("sale").get("saleId").asText()).isEqualTo(s.saleId());
        JsonNode stored = get("/api/sales?store=north&scale=scale-1");
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).toString()).contains(s.saleId());

        HttpResponse<String> again = release("hq", s.saleId(), "{\"note\": \"once more\"}");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(JSON.readTree(again.body()).get("error").asText()).contains("released already");
        assertThat(totals("scale-1")).containsExactly(1, s.totalMinor());
        assertThat(row(s.saleId()).get("releaseNote").asText()).isEqualTo("clock fell back; paid at the till, checked");
    }

    @Test
    void aManagerABadNoteOrAnUnknownIdChangesNothing() throws Exception {
        Sale s = quarantined("scale-2", 1);
        HttpResponse<String> manager = release("nora", s.saleId(), "{\"note\": \"I checked it\"}");
        assertThat(manager.statusCode()).as(manager.body()).isEqualTo(403);
        for (String body : List.of("", "{}", "{\"note\": null}", "{\"note\": \"ab\"}", "{\"note\": \"   \"}", "{\"note\": 42}",
                "{\"note\": \"" + "x".repeat(501) + "\"}", "{\"note\": \"ok \\u202Eevil\"}", "{\"note\": \"line\\nbreak\"}",
                "{\"note\": \"fine\", \"total\": 1}", "[\"note\"]")) {
            HttpResponse<String> r = release("hq", s.saleId(), body);
            assertThat(r.statusCode()).as(body + " → " + r.body()).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).get("error").asText()).isNotBlank();
        }
        HttpResponse<String> unknown = release("hq", Sale.newId(), "{\"note\": \"no such sale\"}");
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
        assertThat(totals("scale-2")).containsExactly(0, 0);
        JsonNode q = row(s.saleId());
        assertThat(q.get("released").asBoolean()).isFalse();
        assertThat(q.get("releasable").asBoolean()).isTrue();
        assertThat(q.get("releaseNote").isNull()).isTrue();
    }

    @Test
    void aQuarantinedReSendOfAStoredSaleIsNeverReleased() throws Exception {
        Sale first = sale(Sale.newId(), "scale-3", 1, 1_000_000, Instant.now().minusSeconds(30));
        // the same sale id sent again with another weight and total: quarantined as changed, the stored one stays counted
        Sale changed = sale(first.saleId(), "scale-3", 1, 2_000_000, first.soldAt());
        try (EnrolledScale es = new EnrolledScale(server, "north", "scale-3")) {
            es.send(List.of(first));
            es.sendQuarantined(List.of(changed));
        }
        long[] before = totals("scale-3");
        assertThat(before).containsExactly(1, first.totalMinor());
        JsonNode q = row(first.saleId());
        assertThat(q.get("reason").asText()).isEqualTo("SALE_CHANGED_ON_RESEND");
        assertThat(q.get("releasable").asBoolean()).isFalse();

        HttpResponse<String> r = release("hq", first.saleId(), "{\"note\": \"the scale says so\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
        assertThat(JSON.readTree(r.body()).get("error").asText()).contains("stored already");
        assertThat(totals("scale-3")).containsExactly(before);
        JsonNode after = row(first.saleId());
        assertThat(after.get("released").asBoolean()).isFalse();
        assertThat(after.get("releaseNote").isNull()).isTrue();
    }

    /** A sale in another currency is no money of the store's: HQ may look at it, never count it. */
    @Test
    void aSaleInAnotherCurrencyIsNeverReleased() throws Exception {
        Sale eur = sale(Sale.newId(), "scale-4", 1, 1_000_000, Instant.now().minusSeconds(30));
        Sale usd = new Sale(eur.saleId(), eur.storeId(), eur.scaleId(), eur.saleNumber(), eur.pluCode(), eur.saleType(), eur.netMg(),
                eur.count(), eur.unitPriceMinor(), eur.promotionId(), eur.totalMinor(), "USD", eur.barcode(), eur.soldAt(),
                eur.priceBookVersion(), eur.recognisedPlu(), eur.recognitionConfidence(), eur.autoPicked(), eur.chosenRank(), eur.mismatch());
        try (EnrolledScale es = new EnrolledScale(server, "north", "scale-4")) {
            es.sendQuarantined(List.of(usd));
        }
        JsonNode q = row(usd.saleId());
        assertThat(q.get("reason").asText()).isEqualTo("FOREIGN_CURRENCY");
        assertThat(q.get("releasable").asBoolean()).isFalse();
        HttpResponse<String> r = release("hq", usd.saleId(), "{\"note\": \"checked, it is genuine\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
        assertThat(JSON.readTree(r.body()).get("error").asText()).contains("cannot be released");
        assertThat(totals("scale-4")).containsExactly(0, 0);
        assertThat(row(usd.saleId()).get("released").asBoolean()).isFalse();
    }
}
