package com.freshscale.server.prices;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ±50 % confirmation cannot be bypassed with scheduled prices (the probe: 2.49, 3.70 from T1, then 1.25 from T2 taken
 * without a confirmation, −66 % at T2; both deleted without one, 1.25 → 2.49 at the scales): each scheduled price is judged
 * against the price in force just before it, and deleting one as the change it makes at the scales. Real server, HTTP, SQLite.
 */
class ScheduleChainGuardHttpTest extends PriceHttpTestBase {
    private static final Instant T1 = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    private static final Instant T2 = T1.plus(1, ChronoUnit.DAYS);

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        startServer(dir, "schedule-chain");
        assertThat(send("POST", "/api/stores/s1/changes", changes("\"createPlus\":[" + PromotionGuardHttpTest.item("4030", "Kiwis", 249)
                + "," + PromotionGuardHttpTest.item("4031", "Figs", 249) + "," + PromotionGuardHttpTest.item("4032", "Dates", 100) + "]"))
                .statusCode()).isEqualTo(200);
    }

    String id(String plu, Instant from) {
        return server.prices().scheduledPrices("s1").stream()
                .filter(s -> s.change().pluCode().equals(plu) && s.change().effectiveFrom().equals(from)).findFirst().orElseThrow().id();
    }

    @Test
    void aScheduledPriceIsJudgedAgainstTheOneBeforeIt() throws Exception {
        assertThat(send("POST", "/api/stores/s1/scheduled-prices", StartedSchedulePriceHttpTest.scheduled("4030", 370, T1)).statusCode())
                .as("+49 % from 2.49").isEqualTo(201);
        long before = revision();
        String at125 = StartedSchedulePriceHttpTest.scheduled("4030", 125, T2);
        String refused = error(send("POST", "/api/stores/s1/scheduled-prices", at125));
        assertThat(refused).isEqualTo("PLU 4030 Kiwis: from " + T2 + ": 3.70 EUR → 1.25 EUR is a change of −66 %, beyond ±50 %: "
                + "confirm it to publish it");
        JsonNode dry = JSON.readTree(send("POST", "/api/stores/s1/changes?dryRun=true", changes("\"addScheduledPrices\":[" + at125 + "]")).body());
        JsonNode confirmation = dry.get("confirmations").get(0).get("confirmation");
        assertThat(confirmation.get("fromMinor").asLong()).isEqualTo(370);
        assertThat(confirmation.get("toMinor").asLong()).isEqualTo(125);
        assertThat(revision()).as("nothing changed").isEqualTo(before);
        assertThat(send("POST", "/api/stores/s1/scheduled-prices?confirm=4030:370:125", at125).statusCode()).isEqualTo(201);
        // a second price from the same instant: which one the scales charge would depend on the order of the list
        assertThat(error(send("POST", "/api/stores/s1/scheduled-prices", StartedSchedulePriceHttpTest.scheduled("4030", 300, T1))))
                .isEqualTo("PLU 4030 Kiwis: there is already a scheduled price from " + T1 + " (3.70 EUR): delete it first, or schedule "
                        + "this one at another time");
        // ... checked against a far one in the same change set without a server error
        String far = StartedSchedulePriceHttpTest.scheduled("4030", 300, T2).replace(T2.toString(), "+999999999-12-31T23:59:59Z");
        assertThat(error(send("POST", "/api/stores/s1/changes", changes("\"addScheduledPrices\":["
                + StartedSchedulePriceHttpTest.scheduled("4030", 300, T2.plusSeconds(60)) + "," + far + "]"))))
                .startsWith("effectiveFrom must be a time in the years 0001 to 9999");
        // the history says what the scales go from at T2
        JsonNode history = JSON.readTree(send("GET", "/api/reports/price-history?store=s1&plu=4030", null).body());
        assertThat(history.get(0).get("field").asText()).isEqualTo("price from " + T2);
        assertThat(history.get(0).get("oldValue").asText()).isEqualTo("370");
    }

    @Test
    void deletingStartedScheduledPricesIsJudgedAsTheChangeAtTheScales() throws Exception {
        Instant a = Instant.now().minusSeconds(30);
        Instant b = Instant.now().minusSeconds(20);
        assertThat(send("POST", "/api/stores/s1/scheduled-prices", StartedSchedulePriceHttpTest.scheduled("4031", 370, a)).statusCode())
                .isEqualTo(201);
        assertThat(error(send("POST", "/api/stores/s1/scheduled-prices", StartedSchedulePriceHttpTest.scheduled("4031", 125, b))))
                .contains("3.70 EUR → 1.25 EUR is a change of −66 %");
        assertThat(send("POST", "/api/stores/s1/scheduled-prices?confirm=4031:370:125", StartedSchedulePriceHttpTest.scheduled("4031", 125, b))
                .statusCode()).isEqualTo(201);
        Instant stored = server.prices().scheduledPrices("s1").stream().filter(s -> s.change().pluCode().equals("4031"))
                .map(s -> s.change().effectiveFrom()).filter(t -> t.toEpochMilli() == a.toEpochMilli()).findFirst().orElseThrow();
        Instant storedB = server.prices().scheduledPrices("s1").stream().filter(s -> s.change().pluCode().equals("4031"))
                .map(s -> s.change().effectiveFrom()).filter(t -> t.toEpochMilli() == b.toEpochMilli()).findFirst().orElseThrow();
        String both = changes("\"deleteScheduledPrices\":[\"" + id("4031", stored) + "\",\"" + id("4031", storedB) + "\"]");
        long before = revision();
        String refused = error(send("POST", "/api/stores/s1/changes", both));
        assertThat(refused).isEqualTo("PLU 4031 Figs: now: 1.25 EUR → 2.49 EUR is a change of +99 %, beyond ±50 %: confirm it to publish it");
        // one alone, the later: back to 3.70 (+196 %); by the route too
        assertThat(error(send("DELETE", "/api/stores/s1/scheduled-prices/" + id("4031", storedB), null)))
                .contains("now: 1.25 EUR → 3.70 EUR is a change of +196 %");
        assertThat(revision()).as("nothing changed").isEqualTo(before);
        assertThat(send("POST", "/api/stores/s1/changes", both.replace("}", ",\"confirmPriceChanges\":[{\"pluCode\":\"4031\","
                + "\"fromMinor\":125,\"toMinor\":249}]}")).statusCode()).isEqualTo(200);
        assertThat(server.prices().scheduledPrices("s1")).noneMatch(s -> s.change().pluCode().equals("4031"));
    }

    @Test
    void deletingAScheduledPriceToComeJudgesTheNextOneAgainstThePriceBeforeIt() throws Exception {
        assertThat(send("POST", "/api/stores/s1/scheduled-prices", StartedSchedulePriceHttpTest.scheduled("4032", 149, T1)).statusCode())
                .isEqualTo(201);
        assertThat(send("POST", "/api/stores/s1/scheduled-prices", StartedSchedulePriceHttpTest.scheduled("4032", 220, T2)).statusCode())
                .as("+48 % from 1.49").isEqualTo(201);
        // without the 1.49 from T1, T2 goes from 1.00 to 2.20
        String refused = error(send("DELETE", "/api/stores/s1/scheduled-prices/" + id("4032", T1), null));
        assertThat(refused).isEqualTo("PLU 4032 Dates: from " + T2 + ": 1.00 EUR → 2.20 EUR is a change of +120 %, beyond ±50 %: "
                + "confirm it to publish it");
        assertThat(send("DELETE", "/api/stores/s1/scheduled-prices/" + id("4032", T1) + "?confirm=4032:100:220", null).statusCode())
                .isEqualTo(204);
    }
}
