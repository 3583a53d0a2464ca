package com.freshscale.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.freshscale.protocol.Topics;
import com.freshscale.protocol.barcode.BarcodeLayouts;
import com.freshscale.protocol.codec.MessageCodec;
import com.freshscale.protocol.codec.Rejection;
import com.freshscale.protocol.mqtt.MqttLink;
import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.SaleType;
import com.freshscale.protocol.sales.Sale;
import com.freshscale.protocol.sales.SalesBatch;
import com.freshscale.protocol.status.ScaleStatus;
import com.freshscale.protocol.status.WeighingRange;
import com.freshscale.server.app.ServerApp;
import com.freshscale.server.auth.Account;
import com.freshscale.server.auth.Role;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HQ judges a per-kg sale's net by the weighing ranges its scale reported in its status (OIML R76-1 3.2, 4.2.3, Table
 * 3): 400 kg from a 6/15 kg scale, a net off the e of its partial range and one below Min are quarantined as
 * {@code IMPLAUSIBLE_WEIGHT}, nets the scale indicates are counted, and a per-piece sale's net (loss prevention only) is
 * not judged. A scale that never reported its ranges may not sell above 60 kg. A change of a scale's ranges is recorded
 * (old → new, when) and listed with the scale in {@code GET /api/scales}; a status with impossible ranges is refused and
 * changes nothing; a sale stored already is not judged again when it is re-sent. Enrolled scales over the real embedded
 * broker, a real SQLite database, the console's HTTP API.
 */
class ScaleRangesIngestTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant AT = Instant.now();
    static final List<WeighingRange> DEMO = List.of(new WeighingRange(6_000_000, 2_000), new WeighingRange(15_000_000, 5_000));
    static final List<WeighingRange> SINGLE = List.of(new WeighingRange(15_000_000, 5_000));

    @TempDir
    Path dir;

    /** A per-kg sale of bananas at 1.99 €/kg, as a scale prints it. */
    static Sale bananas(String scale, long number, long netMg, Instant soldAt, long version) throws Exception {
        long total = BigDecimal.valueOf(199L * netMg, 6).setScale(0, RoundingMode.HALF_UP).longValueExact();
        return new Sale(Sale.newId(), "s1", scale, number, "4011", SaleType.PER_KG, netMg, 0, 199, null, total, "EUR",
                BarcodeLayouts.EAN13_PRICE.encode("4011", total), soldAt, version, null, null, false, 1, false);
    }

    static ScaleStatus status(String scale, List<WeighingRange> ranges) {
        return new ScaleStatus(ScaleStatus.SCHEMA, "s1", scale, ScaleStatus.State.ONLINE, Instant.now(), "1.0", null, 1, null, 0,
                false, "ok", ranges);
    }

    @Test
    void aSaleIsJudgedByTheRangesItsScaleReported() throws Exception {
        try (ServerApp server = com.freshscale.server.LocalServer.start(dir, "ranges-ingest-test")) {
            server.accounts().add(new Account("hq", Role.HQ, Set.of()), "ranges-ingest-pw".toCharArray());
            server.prices().putStore("s1", "Market Street", "EUR", null);
            server.prices().putPlus("s1", List.of(
                    new Plu("4011", Map.of("en", "Bananas"), SaleType.PER_KG, 199, "EUR", 0, 5, "ean13-price", "default", List.of(), true),
                    new Plu("4225", Map.of("en", "Melons"), SaleType.PER_PIECE, 129, "EUR", 0, 5, "ean13-price", "default", List.of(), true)),
                    List.of(), "(test)");
            await().atMost(Duration.ofSeconds(30)).until(() -> server.publisher().latest("s1") != null && server.publisher().idle());
            long v = server.publisher().latest("s1").version();
            Http http = new Http(server);

            try (Scale a = new Scale(server, "a"); Scale b = new Scale(server, "b")) {
                // scale a reports 6 kg / 2 g + 15 kg / 5 g (Min 40 g); scale b (older firmware) reports none
                a.status(status("a", DEMO));
                b.status(status("b", null));
                await().atMost(Duration.ofSeconds(30)).until(() -> http.scale("a").hasNonNull("weighingRanges")
                        && http.scale("b").hasNonNull("status"));
                JsonNode sa = http.scale("a");
                assertThat(sa.get("rangesText").asText()).isEqualTo("Max 6 kg e 2 g, Max 15 kg e 5 g, Min 40 g");
                assertThat(sa.get("weighingRanges").toString()).isEqualTo("[{\"eMg\":2000,\"maxMg\":6000000},{\"eMg\":5000,\"maxMg\":15000000}]");
                assertThat(sa.get("rangeChanges")).hasSize(1);
                assertThat(sa.get("rangeChanges").get(0).get("from").isNull()).as("the first report").isTrue();
                // the fields the console had keep their place
                assertThat(sa.get("state").asText()).isEqualTo("ONLINE");
                assertThat(sa.get("status").get("printer").asText()).isEqualTo("ok");
                assertThat(http.scale("b").get("weighingRanges").isNull()).isTrue();

                Map<String, Sale> bad = new LinkedHashMap<>();
                bad.put("400 kg from a 15 kg scale", bananas("a", 1, 400_000_000, AT, v));
                bad.put("1.233 kg: not a multiple of e 2 g", bananas("a", 2, 1_233_000, AT, v));
                bad.put("6.002 kg: not a multiple of e 5 g", bananas("a", 3, 6_002_000, AT, v));
                bad.put("38 g: below Min 40 g", bananas("a", 4, 38_000, AT, v));
                bad.put("15.05 kg: above Max + 9 e", bananas("a", 5, 15_050_000, AT, v));
                bad.put("70 kg from a scale without ranges", bananas("b", 1, 70_000_000, AT, v));
                Map<String, Sale> good = new LinkedHashMap<>();
                good.put("40 g, Min", bananas("a", 11, 40_000, AT, v));
                good.put("1.234 kg", bananas("a", 12, 1_234_000, AT, v));
                good.put("6.005 kg", bananas("a", 13, 6_005_000, AT, v));
                good.put("15.045 kg, Max + 9 e", bananas("a", 14, 15_045_000, AT, v));
                good.put("a per-piece sale's net is not judged", new Sale(Sale.newId(), "s1", "a", 15, "4225", SaleType.PER_PIECE,
                        400_000_000, 1, 129, null, 129, "EUR", BarcodeLayouts.EAN13_PRICE.encode("4225", 129), AT, v, null, null, false, 1,
                        false));
                good.put("20 kg from a scale without ranges", bananas("b", 11, 20_000_000, AT, v));
                good.put("60 kg from a scale without ranges", bananas("b", 12, 60_000_000, AT, v));

                a.send(List.of(bad.get("400 kg from a 15 kg scale"), bad.get("1.233 kg: not a multiple of e 2 g"),
                        bad.get("6.002 kg: not a multiple of e 5 g"), bad.get("38 g: below Min 40 g"), bad.get("15.05 kg: above Max + 9 e"),
                        good.get("40 g, Min"), good.get("1.234 kg"), good.get("6.005 kg"), good.get("15.045 kg, Max + 9 e"),
                        good.get("a per-piece sale's net is not judged")));
                b.send(List.of(bad.get("70 kg from a scale without ranges"), good.get("20 kg from a scale without ranges"),
                        good.get("60 kg from a scale without ranges")));

                Map<String, JsonNode> quarantined = http.quarantine();
                for (Map.Entry<String, Sale> e : bad.entrySet()) {
                    JsonNode q = quarantined.get(e.getValue().saleId());
                    assertThat(q).as(e.getKey() + " is quarantined").isNotNull();
                    assertThat(q.get("reason").asText()).as(e.getKey()).isEqualTo("IMPLAUSIBLE_WEIGHT");
                }
                assertThat(quarantined).as("only the bad ones").hasSize(bad.size());
                assertThat(quarantined.get(bad.get("400 kg from a 15 kg scale").saleId()).get("detail").asText())
                        .isEqualTo("net 400 kg: above Max 15 kg (+ 9 e = 15.045 kg): scale a weighs Max 6 kg e 2 g, Max 15 kg e 5 g, "
                                + "Min 40 g (OIML R76-1 3.2, 4.2.3, Table 3)");
                assertThat(quarantined.get(bad.get("1.233 kg: not a multiple of e 2 g").saleId()).get("detail").asText())
                        .startsWith("net 1.233 kg: not a multiple of e 2 g of the range up to 6 kg: scale a weighs Max 6 kg e 2 g");
                assertThat(quarantined.get(bad.get("38 g: below Min 40 g").saleId()).get("detail").asText())
                        .startsWith("net 0.038 kg: below Min 40 g: scale a weighs");
                assertThat(quarantined.get(bad.get("70 kg from a scale without ranges").saleId()).get("detail").asText())
                        .isEqualTo("net 70 kg: above 60 kg, the heaviest Max of any FreshScale scale (scale b has not reported its "
                                + "weighing ranges)");
                assertThat(http.get("/api/sales/count?store=s1").get("count").asLong()).isEqualTo(good.size());
                assertThat(server.ingest().stored()).isEqualTo(good.size());

                // a re-configured scale: its change is recorded, old -> new
                a.status(status("a", SINGLE));
                await().atMost(Duration.ofSeconds(30)).until(() -> http.scale("a").get("rangeChanges").size() == 2);
                sa = http.scale("a");
                assertThat(sa.get("rangesText").asText()).isEqualTo("Max 15 kg e 5 g, Min 100 g");
                JsonNode change = sa.get("rangeChanges").get(0);
                assertThat(change.get("fromText").asText()).isEqualTo("Max 6 kg e 2 g, Max 15 kg e 5 g, Min 40 g");
                assertThat(change.get("toText").asText()).isEqualTo("Max 15 kg e 5 g, Min 100 g");
                assertThat(change.get("changedMs").asLong()).isEqualTo(sa.get("rangesChangedMs").asLong())
                        .isGreaterThanOrEqualTo(AT.toEpochMilli());
                // the same ranges again (every connect, every server start): no event
                a.status(status("a", SINGLE));
                // a status with ranges no scale has is refused and changes nothing
                long invalid = server.rejections().count(Rejection.Reason.INVALID);
                String impossible = new String(MessageCodec.encode(status("a", SINGLE)), StandardCharsets.UTF_8)
                        .replace("\"eMg\":5000", "\"eMg\":3000").replace("\"printer\":\"ok\"", "\"printer\":\"paper-low\"");
                a.publish(Topics.status("s1", "a"), impossible.getBytes(StandardCharsets.UTF_8));
                await().atMost(Duration.ofSeconds(30)).until(() -> server.rejections().count(Rejection.Reason.INVALID) == invalid + 1);
                sa = http.scale("a");
                assertThat(sa.get("status").get("printer").asText()).as("the refused status is not recorded").isEqualTo("ok");
                assertThat(sa.get("rangesText").asText()).isEqualTo("Max 15 kg e 5 g, Min 100 g");
                assertThat(sa.get("rangeChanges")).as("no event for the same ranges, none for refused ones").hasSize(2);
                // a status without ranges (the Last Will, a downgrade) keeps them
                a.status(status("a", null));
                await().atMost(Duration.ofSeconds(30)).until(() -> http.scale("a").get("status").get("weighingRanges") == null);
                sa = http.scale("a");
                assertThat(sa.get("rangesText").asText()).isEqualTo("Max 15 kg e 5 g, Min 100 g");
                assertThat(sa.get("rangeChanges")).hasSize(2);

                // judged by the new ranges; one sold before the change may fit the ranges before it
                Sale offE = bananas("a", 21, 1_233_000, Instant.now(), v);
                Sale weighedBefore = bananas("a", 22, 1_236_000, AT, v);          // 2 g steps, not 5 g
                a.send(List.of(offE, weighedBefore));
                quarantined = http.quarantine();
                assertThat(quarantined.get(offE.saleId()).get("detail").asText())
                        .isEqualTo("net 1.233 kg: not a multiple of e 5 g of the range up to 15 kg: scale a weighs Max 15 kg e 5 g, "
                                + "Min 100 g (OIML R76-1 3.2, 4.2.3, Table 3)");
                assertThat(quarantined).doesNotContainKey(weighedBefore.saleId());

                // scale b now reports a 15 kg range: its stored 20 kg sale, re-sent, is not judged again (a duplicate)
                b.status(status("b", SINGLE));
                await().atMost(Duration.ofSeconds(30)).until(() -> http.scale("b").hasNonNull("weighingRanges"));
                long duplicates = server.ingest().duplicates();
                b.send(List.of(good.get("20 kg from a scale without ranges")));
                await().atMost(Duration.ofSeconds(30)).until(() -> server.ingest().duplicates() == duplicates + 1);
                assertThat(http.quarantine()).doesNotContainKey(good.get("20 kg from a scale without ranges").saleId());
                // but a new one of 20 kg is refused by its ranges now
                Sale heavy = bananas("b", 31, 20_000_000, Instant.now(), v);
                b.send(List.of(heavy));
                assertThat(http.quarantine().get(heavy.saleId()).get("detail").asText()).startsWith("net 20 kg: above Max 15 kg");
            }
        }
    }

    /** An enrolled scale over the embedded broker: its status, its sales, and the acks it gets. */
    static final class Scale implements AutoCloseable {
        final MqttLink link;
        final String id;
        final Set<String> acked = ConcurrentHashMap.newKeySet();

        Scale(ServerApp server, String id) throws Exception {
            this.id = id;
            link = new MqttLink(MqttLink.Options.defaults(server.embeddedBrokerUrl(), server.identities().issueScale("s1", id)));
            link.subscribe(Topics.acks("s1", id), 1, (t, p, r) -> acked.addAll(MessageCodec.decodeAck(t, p).saleIds()));
            link.start();
            assertThat(link.awaitReady(Duration.ofSeconds(30))).isTrue();
        }

        void status(ScaleStatus s) throws Exception {
            publish(Topics.status("s1", id), MessageCodec.encode(s));
        }

        void publish(String topic, byte[] payload) throws Exception {
            assertThat(link.publishAndWait(topic, payload, true, Duration.ofSeconds(10))).isTrue();
        }

        /** Sends the sales and waits for their acks (a quarantined sale is acknowledged too). */
        void send(List<Sale> sales) throws Exception {
            assertThat(link.publishAndWait(Topics.sales("s1", id), MessageCodec.encode(SalesBatch.of("s1", id, sales)), false,
                    Duration.ofSeconds(10))).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> acked.containsAll(sales.stream().map(Sale::saleId).toList()));
        }

        @Override
        public void close() {
            link.close();
        }
    }

    /** The console's HTTP API as HQ. */
    static final class Http {
        final ServerApp server;
        final HttpClient client = HttpClient.newHttpClient();

        Http(ServerApp server) {
            this.server = server;
        }

        JsonNode get(String path) {
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                        .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                                .encodeToString("hq:ranges-ingest-pw".getBytes(StandardCharsets.UTF_8))).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                return JSON.readTree(r.body());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        JsonNode scale(String id) {
            for (JsonNode s : get("/api/scales?store=s1")) if (s.get("scaleId").asText().equals(id)) return s;
            throw new AssertionError("no scale " + id);
        }

        Map<String, JsonNode> quarantine() {
            Map<String, JsonNode> out = new LinkedHashMap<>();
            get("/api/quarantine?store=s1").forEach(q -> out.put(q.get("saleId").asText(), q));
            return out;
        }
    }
}
