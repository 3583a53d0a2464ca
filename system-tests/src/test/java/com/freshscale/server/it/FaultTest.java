package com.freshscale.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.freshscale.device.sync.ScaleSync;
import com.freshscale.protocol.Topics;
import com.freshscale.protocol.codec.MessageCodec;
import com.freshscale.protocol.mqtt.MqttLink;
import com.freshscale.protocol.sales.Sale;
import com.freshscale.protocol.sales.SalesAck;
import com.freshscale.protocol.sales.SalesBatch;
import com.freshscale.server.app.ServerMain;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults: nothing lost, nothing stored twice, in every case an exact count. Real brokers, real server,
 * real scales; processes are killed with SIGKILL where the fault is a crash.
 */
class FaultTest {
    @TempDir
    Path dir;

    static long count(Path sqlite, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + sqlite); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void brokerRestartDuringABurstOfSales() throws Exception {
        try (Mosquitto mosquitto = new Mosquitto(dir);
             TestServer server = TestServer.external(dir.resolve("server"), mosquitto, null, "f1")) {
            server.bananas("s1");
            ScaleSync a = Scale.start(dir.resolve("a.db"), Scale.config(server, dir, "s1", "a", 10_000));
            ScaleSync b = Scale.start(dir.resolve("b.db"), Scale.config(server, dir, "s1", "b", 10_000));
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> a.connected() && b.connected());
                CompletableFuture<Void> burst = CompletableFuture.allOf(
                        CompletableFuture.runAsync(() -> Scale.sell(a, "s1", "a", 1500)),
                        CompletableFuture.runAsync(() -> Scale.sell(b, "s1", "b", 1500)));
                await().atMost(Duration.ofSeconds(60)).until(() -> server.sales() >= 300);
                mosquitto.kill();                      // mid-burst: connections drop, sessions are gone
                Thread.sleep(1500);
                mosquitto.start();
                burst.get();
                await().atMost(Duration.ofSeconds(120)).until(() -> a.outbox().depth() == 0 && b.outbox().depth() == 0);
                assertThat(server.sales()).isEqualTo(3000);
                assertThat(server.count("SELECT COUNT(DISTINCT sale_id) FROM sale")).isEqualTo(3000);
                assertThat(server.count("SELECT COUNT(*) FROM sale WHERE scale_id = 'a'")).isEqualTo(1500);
            } finally {
                a.close();
                b.close();
            }
        }
    }

    @Test
    void serverKilledMidBatchAndRestarted() throws Exception {
        Path data = dir.resolve("server");
        int mqtt = Net.freePort();
        int http = Net.freePort();
        String[] args = {"run", "--data-dir", data.toString(), "--mqtt-bind", "127.0.0.1", "--mqtt-port", String.valueOf(mqtt),
                "--http-host", "127.0.0.1", "--http-port", String.valueOf(http)};
        String broker = "tcp://127.0.0.1:" + mqtt;
        Path db = data.resolve("freshscale.db");
        JavaProcess server = new JavaProcess(ServerMain.class, dir.resolve("server1.log"), args);
        try {
            server.awaitLine("freshscale-server running", Duration.ofSeconds(120));
            Path key = data.resolve("pricebook-signing.key.pub");
            TestServer.bananas(com.freshscale.server.store.ServerDatabase.open("jdbc:sqlite:" + db), "s1");
            var ids = new com.freshscale.server.identity.Identities(com.freshscale.server.store.ServerDatabase.open("jdbc:sqlite:" + db),
                    java.time.Clock.systemUTC());
            ScaleSync a = Scale.start(dir.resolve("a.db"), Scale.config("s1", "a", broker, key, 10_000,
                    Scale.enrol(ids, key, dir.resolve("a.json"), "s1", "a")));
            ScaleSync b = Scale.start(dir.resolve("b.db"), Scale.config("s1", "b", broker, key, 10_000,
                    Scale.enrol(ids, key, dir.resolve("b.json"), "s1", "b")));
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> a.connected() && b.connected());
                CompletableFuture<Void> burst = CompletableFuture.allOf(
                        CompletableFuture.runAsync(() -> Scale.sell(a, "s1", "a", 1500)),
                        CompletableFuture.runAsync(() -> Scale.sell(b, "s1", "b", 1500)));
                await().atMost(Duration.ofSeconds(60)).until(() -> count(db, "SELECT COUNT(*) FROM sale") >= 300);
                server.kill();                          // kill -9 while batches are arriving
                long before = count(db, "SELECT COUNT(*) FROM sale");
                assertThat(before).isLessThan(3000);
                server = new JavaProcess(ServerMain.class, dir.resolve("server2.log"), args);
                server.awaitLine("freshscale-server running", Duration.ofSeconds(120));
                burst.get();
                await().atMost(Duration.ofSeconds(120)).until(() -> a.outbox().depth() == 0 && b.outbox().depth() == 0);
                assertThat(count(db, "SELECT COUNT(*) FROM sale")).isEqualTo(3000);
                assertThat(count(db, "SELECT COUNT(DISTINCT sale_id) FROM sale")).isEqualTo(3000);
            } finally {
                a.close();
                b.close();
            }
        } finally {
            server.close();
        }
    }

    @Test
    void scaleKilledBetweenCommitAndPublishThenRestarted() throws Exception {
        try (TestServer server = TestServer.embedded(dir.resolve("server"))) {
            Path scaleDb = dir.resolve("k1.db");
            String key = server.publicKey().toString();
            Path identity = server.enrol(dir.resolve("k1-identity.json"), "s1", "k1");
            server.bananas("s1");
            try (JavaProcess scale = new JavaProcess(ScaleProcess.class, dir.resolve("scale1.log"),
                    scaleDb.toString(), server.brokerUrl, key, "3000", identity.toString())) {
                scale.awaitLine("READY", Duration.ofSeconds(60));
                await().atMost(Duration.ofSeconds(60)).until(() -> server.sales() >= 200);
                scale.kill();                           // committed sales not yet published or acked
            }
            long committed = count(scaleDb, "SELECT COUNT(*) FROM sale");
            long queued = count(scaleDb, "SELECT COUNT(*) FROM outbox");
            assertThat(committed).isGreaterThanOrEqualTo(200);
            assertThat(queued).isPositive();
            try (JavaProcess scale = new JavaProcess(ScaleProcess.class, dir.resolve("scale2.log"),
                    scaleDb.toString(), server.brokerUrl, key, "0", identity.toString())) {
                await().atMost(Duration.ofSeconds(120)).until(() -> server.sales() == committed
                        && count(scaleDb, "SELECT COUNT(*) FROM outbox") == 0);
            }
            assertThat(server.sales()).isEqualTo(committed);
            assertThat(server.count("SELECT MAX(sale_number) FROM sale")).isEqualTo(committed);
        }
    }

    @Test
    void networkCutWithTenThousandSalesQueuedThenRestored() throws Exception {
        try (Mosquitto mosquitto = new Mosquitto(dir);
             TestServer server = TestServer.external(dir.resolve("server"), mosquitto, null, "n1")) {
            server.bananas("s1");
            ScaleSync a = Scale.start(dir.resolve("a.db"), Scale.config(server, dir, "s1", "a", 20_000));
            try {
                await().atMost(Duration.ofSeconds(30)).until(a::connected);
                mosquitto.kill();                       // the store's network is down
                Scale.sell(a, "s1", "a", 10_000);
                assertThat(a.outbox().depth()).isEqualTo(10_000);
                assertThat(server.sales()).isZero();
                mosquitto.start();
                await().atMost(Duration.ofSeconds(180)).until(() -> a.outbox().depth() == 0);
                assertThat(server.sales()).isEqualTo(10_000);
                assertThat(server.count("SELECT COUNT(DISTINCT sale_id) FROM sale")).isEqualTo(10_000);
            } finally {
                a.close();
            }
        }
    }

    @Test
    void duplicateDeliveriesAreStoredOnceAndAckedEveryTime() throws Exception {
        try (TestServer server = TestServer.embedded(dir.resolve("server"));
             MqttLink scale = new MqttLink(MqttLink.Options.defaults(server.brokerUrl, server.app.identities().issueScale("s1", "d")))) {
            Set<String> acked = ConcurrentHashMap.newKeySet();
            List<Integer> ackSizes = new java.util.concurrent.CopyOnWriteArrayList<>();
            scale.subscribe(Topics.acks("s1", "d"), 1, (t, p, r) -> {
                SalesAck ack = MessageCodec.decodeAck(t, p);
                acked.addAll(ack.saleIds());
                ackSizes.add(ack.saleIds().size());
            });
            scale.start();
            await().atMost(Duration.ofSeconds(30)).until(scale::isReady);
            List<Sale> x = new ArrayList<>();
            long version = server.bananas("s1");
            for (int i = 1; i <= 100; i++) x.add(Scale.sale("s1", "d", i, version));
            List<Sale> y = new ArrayList<>(x.subList(50, 100));
            for (int i = 101; i <= 150; i++) y.add(Scale.sale("s1", "d", i, version));
            byte[] bx = MessageCodec.encode(SalesBatch.of("s1", "d", x));
            for (int i = 0; i < 3; i++) assertThat(scale.publishAndWait(Topics.sales("s1", "d"), bx, false, Duration.ofSeconds(10))).isTrue();
            assertThat(scale.publishAndWait(Topics.sales("s1", "d"), MessageCodec.compress(MessageCodec.encode(
                    SalesBatch.of("s1", "d", y))), false, Duration.ofSeconds(10))).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> acked.size() == 150 && ackSizes.stream().mapToInt(i -> i).sum() == 400);
            assertThat(server.sales()).isEqualTo(150);
            assertThat(server.app.ingest().duplicates()).isEqualTo(250);
        }
    }

    @Test
    void badPriceBooksAreRejectedWhileTheScaleKeepsPricingFromTheLastValidOne() throws Exception {
        try (TestServer server = TestServer.embedded(dir.resolve("server"));
             // the broker lets only server identities publish price books: the bad ones come from a rogue server instance
             MqttLink intruder = new MqttLink(MqttLink.Options.defaults(server.brokerUrl, server.app.identities().issueServer("rogue")))
                     .start()) {
            ScaleSync a = Scale.start(dir.resolve("a.db"), Scale.config(server, dir, "s1", "a", 1000));
            try {
                server.app.prices().putStore("s1", "Market Street", "EUR", null);
                server.app.prices().putPlu("s1", new com.freshscale.protocol.pricebook.Plu("4011", java.util.Map.of("en", "Bananas"),
                        com.freshscale.protocol.pricebook.SaleType.PER_KG, 199, "EUR", 0, 3, "ean13", "std", List.of(), true));
                await().atMost(Duration.ofSeconds(30)).until(() -> a.currentPriceBook().map(b -> b.plus().size() == 1).orElse(false));
                if (a.currentPriceBook().orElseThrow().version() < 2) { // both changes went into version 1
                    server.app.prices().putStore("s1", "Market Street East", "EUR", null);
                    await().atMost(Duration.ofSeconds(30)).until(() -> a.currentPriceBook().orElseThrow().version() >= 2);
                }
                var good = a.currentPriceBook().orElseThrow();
                assertThat(intruder.awaitReady(Duration.ofSeconds(30))).isTrue();
                String topic = Topics.priceBook("s1");
                var serverKey = com.freshscale.protocol.signing.Ed25519Keys.loadOrCreate(dir.resolve("server/pricebook-signing.key"));
                var signer = new com.freshscale.protocol.signing.PriceBookSigner(serverKey);
                var cheap = new com.freshscale.protocol.pricebook.PriceBook("s1", good.version() + 1, good.effectiveFrom(), "EUR",
                        List.of(new com.freshscale.protocol.pricebook.Plu("4011", java.util.Map.of("en", "Bananas"),
                                com.freshscale.protocol.pricebook.SaleType.PER_KG, 1, "EUR", 0, 3, "ean13", "std", List.of(), true)),
                        List.of(), List.of());
                String signedGood = new String(signer.sign(good), java.nio.charset.StandardCharsets.UTF_8);
                // bananas at 0.01 instead of 1.99 in the signed table (schema 2: code, ..., sale type, unit price, ...)
                String tampered = signedGood.replace("\"PER_KG\",199,", "\"PER_KG\",1,")
                        .replace("\"version\":" + good.version(), "\"version\":" + (good.version() + 5));
                assertThat(tampered).as("the price was changed after signing").doesNotContain("\"PER_KG\",199,")
                        .isNotEqualTo(signedGood);
                var older = new com.freshscale.protocol.pricebook.PriceBook("s1", good.version() - 1, good.effectiveFrom(), "EUR",
                        List.of(), List.of(), List.of());
                byte[][] bad = {
                        tampered.getBytes(java.nio.charset.StandardCharsets.UTF_8),                         // bad signature
                        new com.freshscale.protocol.signing.PriceBookSigner(
                                com.freshscale.protocol.signing.Ed25519Keys.generate()).sign(cheap),          // foreign key
                        signer.sign(older),                                                                 // older version
                        "{\"schema\":1,\"book\":{".getBytes(java.nio.charset.StandardCharsets.UTF_8),          // malformed
                        new byte[MessageCodec.MAX_PRICEBOOK_BYTES + 10]};                                   // oversized
                String[] reasons = {"BAD_SIGNATURE", "BAD_SIGNATURE", "NOT_NEWER", "MALFORMED", "OVERSIZED"};
                for (int i = 0; i < bad.length; i++) {
                    var reason = com.freshscale.protocol.codec.Rejection.Reason.valueOf(reasons[i]);
                    long before = a.rejections().count(reason);
                    assertThat(intruder.publishAndWait(topic, bad[i], true, Duration.ofSeconds(30))).isTrue();
                    // rejected for its reason (the problem it raises ends as soon as the server puts its own book back,
                    // which it does at once: PriceBookAbuseTest)
                    await().atMost(Duration.ofSeconds(30)).until(() -> a.rejections().count(reason) > before);
                    assertThat(a.currentPriceBook()).contains(good);
                }
                // the server noticed the foreign retained book and put its own back: a scale connecting now gets it
                ScaleSync late = Scale.start(dir.resolve("late.db"), Scale.config(server, dir, "s1", "late", 1000));
                try {
                    await().atMost(Duration.ofSeconds(30)).until(() -> late.currentPriceBook().isPresent());
                    assertThat(late.currentPriceBook()).contains(good);
                } finally {
                    late.close();
                }
                // the scale still prices and sells from the last valid book
                Scale.sell(a, "s1", "a", 5);
                await().atMost(Duration.ofSeconds(30)).until(() -> a.outbox().depth() == 0);
                // the next real change from the server is applied again
                server.app.prices().putPlu("s1", new com.freshscale.protocol.pricebook.Plu("4225", java.util.Map.of("en", "Apples"),
                        com.freshscale.protocol.pricebook.SaleType.PER_KG, 299, "EUR", 0, 3, "ean13", "std", List.of(), true));
                await().atMost(Duration.ofSeconds(30)).until(() -> a.currentPriceBook().orElseThrow().plus().size() == 2);
                assertThat(a.priceBooks().problem()).isNull();
            } finally {
                a.close();
            }
        }
    }
}
