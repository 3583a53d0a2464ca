package com.freshscale.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.freshscale.device.sync.ScaleSync;
import com.freshscale.protocol.Topics;
import com.freshscale.protocol.codec.MessageCodec;
import com.freshscale.protocol.mqtt.MqttLink;
import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.SaleType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, "Why" points 6 and 7: a store manager could make a store's price book undeliverable with huge names,
 * after which the server republished its own rejected book in a loop; garbage retained on the price-book topic made
 * the server republish the whole book once per message, and the scale kept reporting a problem after the server had
 * put the valid book back.
 */
class PriceBookAbuseTest {
    @TempDir
    Path dir;

    /** Sixteen real language codes (ISO 639-1): the console refuses a name under anything else. */
    static final List<String> LANGUAGES =
            List.of("en", "de", "fr", "it", "es", "nl", "pl", "cs", "da", "sv", "fi", "pt", "hu", "sk", "sl", "hr");

    static Plu named(String code, Map<String, String> names) {
        return new Plu(code, names, SaleType.PER_KG, 199, "EUR", 0, 3, "ean13", "std", List.of(), true);
    }

    @Test
    void anOversizeBookIsRefusedWhenDraftedAndNeverPublished() throws Exception {
        try (TestServer server = TestServer.embedded(dir.resolve("server"))) {
            long v = server.bananas("s1");
            String api = server.http() + "/api/stores/s1";
            // one 4.3 MB name: refused by the limit on every text field
            String huge = "x".repeat(4_300_000);
            Http.Response r = Http.send("PUT", api + "/plus/4012", "{\"code\":\"4012\",\"names\":{\"en\":\"" + huge + "\"},"
                    + "\"saleType\":\"PER_KG\",\"unitPriceMinor\":199,\"currency\":\"EUR\",\"presetTareMg\":0,\"shelfLifeDays\":3,"
                    + "\"barcodeLayout\":\"ean13\",\"labelLayout\":\"std\",\"modelLabels\":[],\"active\":true}");
            assertThat(r.status()).isIn(400, 413);
            // names within the limit, but so many that the book would be too large for a scale: refused with the reason
            List<Plu> many = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                Map<String, String> names = new HashMap<>();
                for (int l = 0; l < Plu.MAX_LANGUAGES; l++) names.put(LANGUAGES.get(l), ("item " + i + " ").repeat(20).substring(0, Plu.MAX_NAME));
                many.add(named(String.valueOf(10000 + i), names));
            }
            Http.Response bulk = Http.send("POST", api + "/plus", many);
            assertThat(bulk.status()).as(String.valueOf(bulk.body())).isEqualTo(400);
            assertThat(bulk.body().get("error").asText()).contains("KiB a scale takes");
            Thread.sleep(1500);
            assertThat(server.app.publisher().latest("s1").version()).isEqualTo(v);
            assertThat(Http.send("GET", api + "/plus", null).body()).hasSize(1);
        }
    }

    @Test
    void garbageOnThePriceBookTopicIsAnsweredWithBackOffAndTheScaleClearsItsProblem() throws Exception {
        try (TestServer server = TestServer.embedded(dir.resolve("server"))) {
            server.bananas("s1");
            ScaleSync scale = Scale.start(dir.resolve("a.db"), Scale.config(server, dir, "s1", "a", 1000));
            // only a server identity may publish price books at all: a rogue or misconfigured instance
            try (MqttLink rogue = new MqttLink(MqttLink.Options.defaults(server.brokerUrl, server.app.identities().issueServer("rogue")))) {
                AtomicInteger republished = new AtomicInteger();
                byte[] ours = server.app.publisher().latest("s1").payload();
                rogue.subscribe(Topics.priceBook("s1"), 1, (t, p, r) -> {
                    if (java.util.Arrays.equals(MessageCodec.plain(p, MessageCodec.MAX_PRICEBOOK_BYTES), ours)) republished.incrementAndGet();
                });
                rogue.start();
                assertThat(rogue.awaitReady(Duration.ofSeconds(30))).isTrue();
                await().atMost(Duration.ofSeconds(30)).until(() -> scale.currentPriceBook().flatMap(b -> b.plu("4011")).isPresent());
                int before = republished.get();
                for (int i = 0; i < 20; i++) {
                    byte[] garbage = ("{\"schema\":1,\"book\":" + i).getBytes(StandardCharsets.UTF_8);
                    assertThat(rogue.publishAndWait(Topics.priceBook("s1"), garbage, true, Duration.ofSeconds(10))).isTrue();
                    Thread.sleep(100);
                }
                Thread.sleep(2500);
                int answers = republished.get() - before;
                // 20 garbage messages in about 2 s: answered at once, then after 1 s, 2 s, 4 s... not 20 times
                assertThat(answers).isBetween(1, 4);
                // the valid book is back as the retained one, and the scale's problem is over
                await().atMost(Duration.ofSeconds(30)).until(() -> scale.priceBooks().problem() == null);
                assertThat(scale.currentPriceBook().flatMap(b -> b.plu("4011"))).isPresent();
            } finally {
                scale.close();
            }
        }
    }
}
