package com.freshscale.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.freshscale.protocol.codec.MessageCodec;
import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.Promotion;
import com.freshscale.protocol.pricebook.PromotionKind;
import com.freshscale.protocol.pricebook.SaleType;
import com.freshscale.protocol.pricebook.ScheduledPrice;
import com.freshscale.protocol.signing.Ed25519Keys;
import com.freshscale.protocol.signing.PriceBookVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP API a store manager's console uses: complete, JSON, clear 4xx errors that change nothing. */
class HttpApiTest {
    @TempDir
    static Path dir;
    static TestServer server;
    static String api;

    @BeforeAll
    static void start() throws Exception {
        // the chain's business day is kept in UTC+14 here: the test scale's 10:00 UTC sales belong to 27 November
        server = TestServer.embedded(dir, java.time.ZoneId.of("Pacific/Kiritimati"));
        api = server.http() + "/api";
        assertThat(Http.send("PUT", api + "/stores/s1", Map.of("name", "Market Street", "currency", "EUR")).status()).isEqualTo(200);
    }

    @Test
    void withoutLoginTheApiAnswers401AndChangesNothing() throws Exception {
        Http.Response r = Http.send("PUT", api + "/stores/s9", Map.of("name", "Nope", "currency", "EUR"), null);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.body().get("error").asText()).contains("log in");
        assertThat(Http.send("PUT", api + "/stores/s9", Map.of("name", "Nope", "currency", "EUR"), Http.basic(TestServer.HQ_USER, "wrong-password")).status())
                .isEqualTo(401);
        assertThat(Http.send("GET", api + "/stores/s9", null).status()).isEqualTo(404);
        assertThat(Http.send("GET", api + "/health", null, null).status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Plu plu(String code, long price) {
        return new Plu(code, Map.of("en", "Item " + code), SaleType.PER_KG, price, "EUR", 0, 2, "ean13", "std", List.of(), true);
    }

    @Test
    void pricesScheduledChangesAndPromotionsEndUpInTheSignedBook() throws Exception {
        assertThat(Http.send("PUT", api + "/stores/s1/plus/4011", plu("4011", 199)).status()).isEqualTo(200);
        assertThat(Http.send("POST", api + "/stores/s1/plus", List.of(plu("4225", 349), plu("4046", 99))).status()).isEqualTo(200);
        Http.Response sched = Http.send("POST", api + "/stores/s1/scheduled-prices",
                new ScheduledPrice("4011", 179, Instant.parse("2030-01-01T06:00:00Z")));
        assertThat(sched.status()).isEqualTo(201);
        Promotion promo = new Promotion("wk48", "4225", PromotionKind.PERCENT_OFF, 2500, Instant.parse("2026-11-23T00:00:00Z"),
                Instant.parse("2026-11-30T00:00:00Z"), Map.of("en", "-25 %"));
        assertThat(Http.send("PUT", api + "/stores/s1/promotions/wk48", promo).status()).isEqualTo(200);

        assertThat(Http.send("GET", api + "/stores/s1/plus", null).body()).hasSize(3);
        PriceBookVerifier verifier = new PriceBookVerifier(List.of(Ed25519Keys.readPublic(server.publicKey())));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode book = Http.send("GET", api + "/stores/s1/pricebook", null).body();
            byte[] signed = com.freshscale.protocol.codec.MessageCodec.encode(book.get("signed"));
            var verified = verifier.verify("s1", signed);
            assertThat(verified.plus()).hasSize(3);
            assertThat(verified.scheduledPrices()).hasSize(1);
            assertThat(verified.promotions()).extracting(Promotion::id).containsExactly("wk48");
        });

        String id = sched.body().get("id").asText();
        assertThat(Http.send("DELETE", api + "/stores/s1/scheduled-prices/" + id, null).status()).isEqualTo(204);
        assertThat(Http.send("DELETE", api + "/stores/s1/scheduled-prices/" + id, null).status()).isEqualTo(404);
    }

    @Test
    void badRequestsAreClearErrorsAndChangeNothing() throws Exception {
        assertThat(Http.send("PUT", api + "/stores/s1/plus/4011", plu("4011", 199)).status()).isEqualTo(200);
        long revision = Http.send("GET", api + "/stores/s1", null).body().get("revision").asLong();

        Http.Response r = Http.send("PUT", api + "/stores/s1/plus/4011", "{\"code\":\"4011\"");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("error").asText()).contains("bad PLU JSON");
        assertThat(Http.send("PUT", api + "/stores/s1/plus/4011", plu("4012", 1)).status()).isEqualTo(400);   // code differs
        String negative = "{\"code\":\"4011\",\"names\":{\"en\":\"x\"},\"saleType\":\"PER_KG\",\"unitPriceMinor\":-1,"
                + "\"currency\":\"EUR\",\"presetTareMg\":0,\"shelfLifeDays\":0,\"barcodeLayout\":\"ean13\","
                + "\"labelLayout\":\"std\",\"modelLabels\":[],\"active\":true}";
        assertThat(Http.send("PUT", api + "/stores/s1/plus/4011", negative).status()).isEqualTo(400);          // negative price
        Plu dollars = new Plu("4011", Map.of("en", "x"), SaleType.PER_KG, 1, "USD", 0, 0, "e", "s", List.of(), true);
        assertThat(Http.send("PUT", api + "/stores/s1/plus/4011", dollars).status()).isEqualTo(400);
        assertThat(Http.send("PUT", api + "/stores/s1/plus/4011", "{\"unknown\":1}").status()).isEqualTo(400);
        // a bulk import with one bad PLU imports none
        String good = new String(MessageCodec.encode(plu("5001", 1)), StandardCharsets.UTF_8);
        String badCode = new String(MessageCodec.encode(plu("5002", 1)), StandardCharsets.UTF_8).replace("\"5002\"", "\"abc\"");
        assertThat(Http.send("POST", api + "/stores/s1/plus", "[" + good + "," + badCode + "]").status()).isEqualTo(400);
        assertThat(Http.send("GET", api + "/stores/s1/plus/5001", null).status()).isEqualTo(404);
        assertThat(Http.send("POST", api + "/stores/s1/scheduled-prices",
                new ScheduledPrice("9999", 1, Instant.now())).status()).isEqualTo(400);                         // unknown PLU
        assertThat(Http.send("PUT", api + "/stores/bad%2Fid", Map.of("name", "x", "currency", "EUR")).status()).isIn(400, 404);
        assertThat(Http.send("PUT", api + "/stores/s2", Map.of("name", "x", "currency", "euro")).status()).isEqualTo(400);
        assertThat(Http.send("GET", api + "/stores/nope/plus", null).status()).isEqualTo(404);
        assertThat(Http.send("GET", api + "/sales?day=yesterday", null).status()).isEqualTo(400);
        assertThat(Http.send("GET", api + "/sales?limit=100000", null).status()).isEqualTo(400);
        assertThat(Http.send("GET", api + "/nothing", null).status()).isEqualTo(404);

        assertThat(Http.send("GET", api + "/stores/s1", null).body().get("revision").asLong()).isEqualTo(revision);
        assertThat(Http.send("GET", api + "/stores/s1/plus/4011", null).body().get("unitPriceMinor").asLong()).isEqualTo(199);
        assertThat(Http.send("GET", api + "/stores", null).body()).extracting(n -> n.get("storeId").asText()).doesNotContain("s2");
    }

    @Test
    void salesQueriesAnswerHq() throws Exception {
        server.bananas("s1");
        var scale = Scale.start(dir.resolve("q.db"), Scale.config(server, dir, "s1", "q", 1000));
        try {
            Scale.sell(scale, "s1", "q", 30);
            await().atMost(Duration.ofSeconds(30)).until(() -> scale.outbox().depth() == 0);
        } finally {
            scale.close();
        }
        JsonNode page = Http.send("GET", api + "/sales?store=s1&scale=q&plu=4011&day=" + Scale.day(1) + "&limit=10&offset=20", null).body();
        assertThat(page).hasSize(10);
        assertThat(page.get(9).get("saleNumber").asLong()).isEqualTo(30);
        JsonNode totals = Http.send("GET", api + "/sales/totals?store=s1&scale=q&day=" + Scale.day(1) + "", null).body();
        assertThat(totals).hasSize(1);
        assertThat(totals.get(0).get("sales").asLong()).isEqualTo(30);
        assertThat(totals.get(0).get("firstTile").asLong()).isEqualTo(30);
        assertThat(Http.send("GET", api + "/sales/count?store=s1&day=" + Scale.day(0) + "", null).body().get("count").asLong()).isZero();
    }

    @Test
    void aStoreInItsOwnTimeZoneCountsItsSalesOnItsOwnDay() throws Exception {
        // bad zones are refused and change nothing: a made-up name, and a fixed offset (no daylight saving)
        for (String bad : List.of("Mars/Olympus_Mons", "+01:00")) {
            Http.Response r = Http.send("PUT", api + "/stores/west", Map.of("name", "West", "currency", "EUR", "timeZone", bad));
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.body().get("error").asText()).contains("time zone");
        }
        assertThat(Http.send("PUT", api + "/stores/west", Map.of("name", "West", "currency", "EUR", "zone", "UTC")).status())
                .isEqualTo(400);
        assertThat(Http.send("GET", api + "/stores/west", null).status()).isEqualTo(404);
        // the chain keeps its day in UTC+14; this store's clock is 8 hours behind UTC
        JsonNode west = Http.send("PUT", api + "/stores/west", Map.of("name", "West", "currency", "EUR",
                "timeZone", "America/Los_Angeles")).body();
        assertThat(west.get("timeZone").asText()).isEqualTo("America/Los_Angeles");
        server.bananas("west");
        var scale = Scale.start(dir.resolve("west.db"), Scale.config(server, dir, "west", "w1", 1000));
        try {
            Scale.sell(scale, "west", "w1", 3); // 10:00 UTC yesterday: 02:00 in the store, 00:00 of today in the chain's zone
            await().atMost(Duration.ofSeconds(30)).until(() -> scale.outbox().depth() == 0);
        } finally {
            scale.close();
        }
        assertThat(Http.send("GET", api + "/sales/count?store=west&day=" + Scale.day(0) + "", null).body().get("count").asLong()).isEqualTo(3);
        assertThat(Http.send("GET", api + "/sales/count?store=west&day=" + Scale.day(1) + "", null).body().get("count").asLong()).isZero();
        // without its own zone again (timeZone absent), the store's next sales count in the chain's zone
        assertThat(Http.send("PUT", api + "/stores/west", Map.of("name", "West", "currency", "EUR")).body().get("timeZone").isNull())
                .isTrue();
    }

    /** A change set: every list present, as the API requires; the given ones filled in. */
    static Map<String, Object> changes(Map<String, Object> some) {
        Map<String, Object> all = new java.util.LinkedHashMap<>();
        for (String k : List.of("putPlus", "putPromotions", "addScheduledPrices", "deletePromotions", "deleteScheduledPrices", "deletePlus")) {
            all.put(k, some.getOrDefault(k, List.of()));
        }
        return all;
    }

    @Test
    void aManagersEditsArePublishedTogetherAsOneBookOrNotAtAll() throws Exception {
        assertThat(Http.send("PUT", api + "/stores/harbour-road", Map.of("name", "Harbour Road", "currency", "EUR")).status()).isEqualTo(200);
        assertThat(Http.send("PUT", api + "/stores/harbour-road/plus/4011", plu("4011", 199)).status()).isEqualTo(200);
        PriceBookVerifier verifier = new PriceBookVerifier(List.of(Ed25519Keys.readPublic(server.publicKey())));
        long[] published = new long[1];
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode book = Http.send("GET", api + "/stores/harbour-road/pricebook", null).body();
            var verified = verifier.verify("harbour-road", MessageCodec.encode(book.get("signed")));
            assertThat(verified.plus()).hasSize(1);
            published[0] = verified.version();
        });
        long revision = Http.send("GET", api + "/stores/harbour-road", null).body().get("revision").asLong();

        // one bad entry (a promotion for a PLU the store does not have): the whole set is refused, nothing changes
        Promotion orphan = new Promotion("x1", "9999", PromotionKind.NEW_PRICE, 99, Instant.parse("2026-11-23T00:00:00Z"),
                Instant.parse("2030-11-30T00:00:00Z"), Map.of("en", "cheap"));
        Http.Response bad = Http.send("POST", api + "/stores/harbour-road/changes", changes(Map.of("putPlus", List.of(plu("4011", 149), plu("4225", 349)),
                "putPromotions", List.of(orphan))));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("error").asText()).contains("9999");
        assertThat(Http.send("GET", api + "/stores/harbour-road/plus/4011", null).body().get("unitPriceMinor").asLong()).isEqualTo(199);
        assertThat(Http.send("GET", api + "/stores/harbour-road", null).body().get("revision").asLong()).isEqualTo(revision);
        assertThat(Http.send("POST", api + "/stores/harbour-road/changes", changes(Map.of())).body().get("error").asText()).contains("nothing to publish");
        assertThat(Http.send("POST", api + "/stores/harbour-road/changes", Map.of("putPlus", List.of())).status()).isEqualTo(400);

        // a price, a new PLU with its promotion and a scheduled change: one new version with all of them
        Promotion promo = new Promotion("wk48", "4225", PromotionKind.PERCENT_OFF, 2500, Instant.parse("2026-11-23T00:00:00Z"),
                Instant.parse("2030-11-30T00:00:00Z"), Map.of("en", "-25 %"));
        Http.Response ok = Http.send("POST", api + "/stores/harbour-road/changes", changes(Map.of("putPlus", List.of(plu("4011", 149), plu("4225", 349)),
                "putPromotions", List.of(promo), "addScheduledPrices", List.of(new ScheduledPrice("4011", 129, Instant.parse("2030-01-01T06:00:00Z"))))));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body().get("revision").asLong()).isEqualTo(revision + 1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode book = Http.send("GET", api + "/stores/harbour-road/pricebook", null).body();
            var verified = verifier.verify("harbour-road", MessageCodec.encode(book.get("signed")));
            assertThat(verified.version()).isEqualTo(published[0] + 1);
            assertThat(verified.plus()).extracting(Plu::unitPriceMinor).containsExactly(149L, 349L);
            assertThat(verified.promotions()).extracting(Promotion::id).containsExactly("wk48");
            assertThat(verified.scheduledPrices()).hasSize(1);
        });
    }
}
