package com.freshscale.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.freshscale.device.sync.ScaleSync;
import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.SaleType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chain: two server instances on one external broker (Mosquitto) and one PostgreSQL share the ingest
 * through the shared subscription; every sale is stored exactly once, the price book is published once
 * per change whichever instance took it, and failed logins are counted for the chain.
 */
class PostgresChainTest {
    @TempDir
    Path dir;

    @Test
    void twoInstancesShareTheIngestAndStoreEachSaleOnce() throws Exception {
        String pg = Postgres.fresh();
        Path key = dir.resolve("keys/pricebook.key");
        Files.createDirectories(key.getParent());
        try (Mosquitto mosquitto = new Mosquitto(dir)) {
            // both instances sign with the same key, as the deploy doc says
            com.freshscale.protocol.signing.Ed25519Keys.loadOrCreate(dir.resolve("server1/pricebook.key"));
            Files.createDirectories(dir.resolve("server2"));
            Files.copy(dir.resolve("server1/pricebook.key"), dir.resolve("server2/pricebook.key"));
            Files.copy(dir.resolve("server1/pricebook.key.pub"), dir.resolve("server2/pricebook.key.pub"));
            try (TestServer s1 = TestServer.external(dir.resolve("server1"), mosquitto, pg, "pg1");
                 TestServer s2 = TestServer.external(dir.resolve("server2"), mosquitto, pg, "pg2")) {
                List<ScaleSync> scales = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    scales.add(Scale.start(dir.resolve("scale" + i + ".db"),
                            Scale.config(s1, dir, "s1", "k" + i, 10_000)));
                }
                try {
                    s1.app.prices().putStore("s1", "Chain store", "EUR", null);
                    s2.app.prices().putPlu("s1", new Plu("4011", Map.of("en", "Bananas"), SaleType.PER_KG, 199, "EUR", 0, 3,
                            "ean13", "std", List.of(), true));
                    await().atMost(Duration.ofSeconds(30)).until(() -> scales.stream().allMatch(
                            s -> s.currentPriceBook().map(b -> b.plus().size() == 1).orElse(false)));
                    s1.publishedBefore("s1", Scale.BASE);

                    List<CompletableFuture<Void>> sells = new ArrayList<>();
                    for (int i = 0; i < 4; i++) {
                        ScaleSync s = scales.get(i);
                        String id = "k" + i;
                        sells.add(CompletableFuture.runAsync(() -> Scale.sell(s, "s1", id, 500)));
                    }
                    CompletableFuture.allOf(sells.toArray(CompletableFuture[]::new)).get();
                    await().atMost(Duration.ofSeconds(120)).until(() -> scales.stream().allMatch(s -> s.outbox().depth() == 0));
                    assertThat(s1.sales()).isEqualTo(2000);
                    assertThat(s1.count("SELECT COUNT(DISTINCT sale_id) FROM sale")).isEqualTo(2000);
                    // the shared subscription spread the work over both instances
                    assertThat(s1.app.ingest().stored()).isPositive();
                    assertThat(s2.app.ingest().stored()).isPositive();
                    assertThat(s1.app.ingest().stored() + s2.app.ingest().stored()).isEqualTo(2000);
                    // at most one price-book version per change (changes close together share one), never one
                    // per instance; every scale has the last one
                    long published = s1.count("SELECT published_version FROM store WHERE store_id = 's1'");
                    assertThat(published).isBetween(1L, 2L);
                    assertThat(scales).allMatch(s -> s.currentPriceBook().orElseThrow().version() == published);
                    // failed logins count for the chain, not per instance: three wrong passwords on one and two on
                    // the other lock the user name on both, even with the right password
                    String wrong = Http.basic(TestServer.HQ_USER, "not-the-password");
                    for (int i = 0; i < 3; i++) assertThat(Http.send("GET", s1.http() + "/api/stores", null, wrong).status()).isEqualTo(401);
                    for (int i = 0; i < 2; i++) assertThat(Http.send("GET", s2.http() + "/api/stores", null, wrong).status()).isEqualTo(401);
                    assertThat(Http.send("GET", s1.http() + "/api/stores", null, Http.HQ).status()).isEqualTo(429);
                    assertThat(Http.send("GET", s2.http() + "/api/stores", null, Http.HQ).status()).isEqualTo(429);
                } finally {
                    for (ScaleSync s : scales) s.close();
                }
            }
        }
    }
}
