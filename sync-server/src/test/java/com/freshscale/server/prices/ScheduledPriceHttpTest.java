package com.freshscale.server.prices;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scheduled price is a change to come: one that starts in the past (beyond a minute's leeway for clocks and the time a
 * draft takes to publish) is refused on the route and in a change set, with a message that says to change the price
 * now instead. Real server, HTTP, SQLite.
 */
class ScheduledPriceHttpTest extends PriceHttpTestBase {
    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        startServer(dir, "scheduled-price");
        assertThat(send("POST", "/api/stores/s1/changes", changes("\"createPlus\":[" + PriceRulesHttpTest.bananas("Bananas", 229) + "]"))
                .statusCode()).isEqualTo(200);
    }

    static String scheduled(long price, Instant from) {
        return "{\"pluCode\":\"4011\",\"unitPriceMinor\":" + price + ",\"effectiveFrom\":\"" + from + "\"}";
    }

    @Test
    void aScheduledPriceThatStartsInThePastIsRefusedEverywhere() throws Exception {
        long before = revision();
        int count = server.prices().scheduledPrices("s1").size();
        // the probe's value
        String past = scheduled(219, Instant.parse("2020-01-01T00:00:00Z"));
        String viaRoute = error(send("POST", "/api/stores/s1/scheduled-prices", past));
        assertThat(viaRoute).isEqualTo("PLU 4011 Bananas: a scheduled price from 2020-01-01T00:00:00Z starts in the past: "
                + "change the item's price now instead (a scheduled price is for a change to come)");
        assertThat(error(send("POST", "/api/stores/s1/changes", changes("\"addScheduledPrices\":[" + past + "]")))).isEqualTo(viaRoute);
        assertThat(error(send("POST", "/api/stores/s1/changes?dryRun=true", changes("\"addScheduledPrices\":[" + past + "]"))))
                .isEqualTo(viaRoute);
        assertThat(error(send("POST", "/api/stores/s1/scheduled-prices", scheduled(219, Instant.now().minus(2, ChronoUnit.MINUTES)))))
                .contains("starts in the past");
        assertThat(revision()).as("nothing changed").isEqualTo(before);
        assertThat(server.prices().scheduledPrices("s1")).hasSize(count);
    }

    @Test
    void aScheduledPriceForNowOrLaterIsTaken() throws Exception {
        // "now" as a console whose clock is a little behind sends it, and the change to come
        assertThat(send("POST", "/api/stores/s1/scheduled-prices", scheduled(219, Instant.now().minusSeconds(20))).statusCode()).isEqualTo(201);
        assertThat(send("POST", "/api/stores/s1/scheduled-prices", scheduled(209, Instant.parse("2030-01-01T06:00:00Z"))).statusCode())
                .isEqualTo(201);
    }
}
