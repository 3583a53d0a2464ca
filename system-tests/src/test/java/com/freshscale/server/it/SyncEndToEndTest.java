package com.freshscale.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.freshscale.device.sync.ScaleSync;
import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.SaleType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole path on both brokers: a store manager sets prices over HTTP, the server signs and publishes the
 * book, the scales verify and apply it; the scales sell, the server stores every sale once and acks, the
 * outboxes empty; scale status reaches the server, including OFFLINE when a scale leaves.
 */
class SyncEndToEndTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "mosquitto"})
    void pricesDownSalesUpOnEveryBroker(String broker) throws Exception {
        Mosquitto mosquitto = broker.equals("mosquitto") ? new Mosquitto(dir) : null;
        try (TestServer server = mosquitto == null ? TestServer.embedded(dir.resolve("server"))
                : TestServer.external(dir.resolve("server"), mosquitto, null, "m1")) {
            ScaleSync a = Scale.start(dir.resolve("a.db"), Scale.config(server, dir, "s1", "a", 10_000));
            ScaleSync b = Scale.start(dir.resolve("b.db"), Scale.config(server, dir, "s1", "b", 10_000));
            try {
                String api = server.http() + "/api/stores/s1";
                Http.Response created = Http.send("PUT", api, Map.of("name", "Market Street", "currency", "EUR"));
                assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(200);
                Plu bananas = new Plu("4011", Map.of("en", "Bananas"), SaleType.PER_KG, 199, "EUR", 0, 3, "ean13", "std",
                        List.of("Banana"), true);
                assertThat(Http.send("PUT", api + "/plus/4011", bananas).status()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(30)).until(() -> a.currentPriceBook().map(p -> p.plus().size()).orElse(0) == 1
                        && b.currentPriceBook().map(p -> p.plus().size()).orElse(0) == 1);
                assertThat(a.currentPriceBook().orElseThrow().plus().get(0).unitPriceMinor()).isEqualTo(199);

                Plu cheaper = new Plu("4011", Map.of("en", "Bananas"), SaleType.PER_KG, 179, "EUR", 0, 3, "ean13", "std",
                        List.of("Banana"), true);
                assertThat(Http.send("PUT", api + "/plus/4011", cheaper).status()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        a.currentPriceBook().orElseThrow().plus().get(0).unitPriceMinor() == 179
                                && b.currentPriceBook().orElseThrow().plus().get(0).unitPriceMinor() == 179);
                long version = a.currentPriceBook().orElseThrow().version();
                server.publishedBefore("s1", Scale.BASE);

                Scale.sell(a, "s1", "a", 700);
                Scale.sell(b, "s1", "b", 300);
                await().atMost(Duration.ofSeconds(60)).until(() -> a.outbox().depth() == 0 && b.outbox().depth() == 0);
                assertThat(server.sales()).isEqualTo(1000);
                assertThat(server.count("SELECT COUNT(DISTINCT sale_id) FROM sale")).isEqualTo(1000);

                JsonNode count = Http.send("GET", server.http() + "/api/sales/count?store=s1&scale=a", null).body();
                assertThat(count.get("count").asLong()).isEqualTo(700);

                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    JsonNode scales = Http.send("GET", server.http() + "/api/scales?store=s1", null).body();
                    assertThat(scales).hasSize(2);
                    assertThat(scales.get(0).get("state").asText()).isEqualTo("ONLINE");
                    assertThat(scales.get(0).get("status").get("priceBookVersion").asLong()).isEqualTo(version);
                    assertThat(scales.get(0).get("status").get("outboxDepth").asLong()).isZero();
                });
            } finally {
                a.close();
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode scales = Http.send("GET", server.http() + "/api/scales?store=s1", null).body();
                assertThat(scales.get(0).get("scaleId").asText()).isEqualTo("a");
                assertThat(scales.get(0).get("state").asText()).isEqualTo("OFFLINE");
            });
            b.close();
        } finally {
            if (mosquitto != null) mosquitto.close();
        }
    }
}
