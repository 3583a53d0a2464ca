package com.freshscale.server.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.freshscale.protocol.codec.MessageCodec;
import com.freshscale.protocol.pricebook.DemoPriceBook;
import com.freshscale.protocol.pricebook.SaleType;
import com.freshscale.protocol.sales.Sale;
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
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/sales/count} counts what {@code /api/sales/totals} and the reports count: a voided sale (its label
 * never printed, its card payment reversed) is "voided, not counted" (README). It also says how many were voided and
 * how many records {@code GET /api/sales} pages through (both). Real ingest over the embedded broker, SQLite, HTTP.
 */
class SalesCountHttpTest {
    static final String STORE = DemoPriceBook.STORE_ID;

    @Test
    void aVoidedSaleIsNotCountedAsInTheTotalsAndTheRecordsAreSaidApart(@TempDir Path dir) throws Exception {
        try (ServerApp server = com.freshscale.server.LocalServer.start(dir, "sales-count-test")) {
            server.accounts().add(new Account("hq", Role.HQ, Set.of()), "sales-count-pw".toCharArray());
            server.prices().putStore(STORE, "Demo store", "EUR", null);
            server.prices().putPlus(STORE, DemoPriceBook.load().plus());
            await().atMost(Duration.ofSeconds(30)).until(() -> server.publisher().latest(STORE) != null && server.publisher().idle());
            long version = server.publisher().latest(STORE).version();
            Instant at = Instant.now().minusSeconds(600);
            Sale bananas = sale(1, "4011", at, version);
            Sale apples = sale(2, "4011", at.plusSeconds(20), version);
            Sale neverPrinted = sale(3, "4011", at.plusSeconds(40), version).voided("label not printed: paper out", at.plusSeconds(45));
            try (com.freshscale.server.EnrolledScale scale = new com.freshscale.server.EnrolledScale(server, STORE, "scale-1")) {
                scale.send(List.of(bananas, apples, neverPrinted));
            }
            String day = LocalDate.ofInstant(at, ZoneId.of("Europe/Berlin")).toString();

            JsonNode count = get(server, "/api/sales/count?store=" + STORE + "&day=" + day);
            assertThat(count.get("count").asLong()).as("voided, not counted").isEqualTo(2);
            assertThat(count.get("voided").asLong()).isEqualTo(1);
            assertThat(count.get("records").asLong()).isEqualTo(3);
            // the same as the totals
            long totalled = 0;
            for (JsonNode t : get(server, "/api/sales/totals?store=" + STORE + "&day=" + day)) totalled += t.get("sales").asLong();
            assertThat(totalled).isEqualTo(count.get("count").asLong());
            // and the records are what /api/sales lists, the voided one with its reason
            JsonNode records = get(server, "/api/sales?store=" + STORE + "&day=" + day);
            assertThat(records).hasSize((int) count.get("records").asLong());
            assertThat(get(server, "/api/sales/count?store=" + STORE + "&plu=4011").get("count").asLong()).isEqualTo(2);
            // nothing: all zero
            JsonNode none = get(server, "/api/sales/count?store=" + STORE + "&plu=4046");
            assertThat(List.of(none.get("count").asLong(), none.get("voided").asLong(), none.get("records").asLong())).containsOnly(0L);
        }
    }

    static Sale sale(long number, String plu, Instant at, long version) {
        return new Sale(Sale.newId(), STORE, "scale-1", number, plu, SaleType.PER_KG, 1_234_000, 0, 199, null, 246, "EUR", "2104011002461",
                at, version, plu, 0.97, true, 0, false);
    }

    static JsonNode get(ServerApp server, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("hq:sales-count-pw".getBytes(StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return MessageCodec.mapper().readTree(r.body());
    }
}
