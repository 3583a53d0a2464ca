package com.freshscale.server.prices;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A promotion lowers the price: one that is not cheaper than the item's regular price while it runs is refused (the
 * probe: "now 9.99" labelled "Offer" on a 2.49 item, which the scale ignores, charging the cheaper regular price); its
 * validity is a time in the years 0001 to 9999, as a scheduled price's is. Real server, HTTP, SQLite.
 */
class PromotionCheaperHttpTest extends PriceHttpTestBase {
    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        startServer(dir, "promotion-cheaper");
        assertThat(send("POST", "/api/stores/s1/changes", changes("\"createPlus\":[" + PromotionGuardHttpTest.item("4040", "Cherries", 249)
                + "," + PromotionGuardHttpTest.item("4041", "Grapes", 249) + "]")).statusCode()).isEqualTo(200);
    }

    /** Refused by the route, the change set and its dry run with the same message, and nothing changed. */
    String refusedEverywhere(String id, String promotion) throws Exception {
        long before = revision();
        String viaPut = error(send("PUT", "/api/stores/s1/promotions/" + id, promotion));
        String changeSet = PromotionGuardHttpTest.withPromotion(promotion, null);
        assertThat(error(send("POST", "/api/stores/s1/changes", changeSet))).isEqualTo(viaPut);
        assertThat(error(send("POST", "/api/stores/s1/changes?dryRun=true", changeSet))).isEqualTo(viaPut);
        assertThat(revision()).as("nothing changed").isEqualTo(before);
        assertThat(server.prices().promotions("s1")).noneMatch(p -> p.id().equals(id));
        return viaPut;
    }

    @Test
    void aPromotionThatRaisesThePriceIsRefused() throws Exception {
        assertThat(refusedEverywhere("up1", PromotionGuardHttpTest.promotion("up1", "4040", "NEW_PRICE", "999")))
                .isEqualTo("PLU 4040 Cherries: promotion up1 (now 9.99 EUR) is not cheaper than the regular price of 2.49 EUR: a promotion "
                        + "must lower the price (to raise it, change the item's price or schedule a price)");
        assertThat(refusedEverywhere("up2", PromotionGuardHttpTest.promotion("up2", "4040", "NEW_PRICE", "249")))
                .contains("not cheaper than the regular price of 2.49 EUR");
        assertThat(refusedEverywhere("up3", PromotionGuardHttpTest.promotion("up3", "4040", "FIXED_OFF", "0")))
                .contains("promotion up3 (0.00 EUR off) is not cheaper");
        assertThat(send("PUT", "/api/stores/s1/promotions/ok1", PromotionGuardHttpTest.promotion("ok1", "4040", "NEW_PRICE", "199"))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void aPromotionIsJudgedAgainstTheRegularPriceWhileItRuns() throws Exception {
        Instant t1 = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        assertThat(send("POST", "/api/stores/s1/scheduled-prices", StartedSchedulePriceHttpTest.scheduled("4041", 199, t1)).statusCode())
                .isEqualTo(201);
        // cheaper than 2.49 today, dearer than the 1.99 from t1 while it still runs
        assertThat(refusedEverywhere("up4", PromotionGuardHttpTest.promotion("up4", "4041", "NEW_PRICE", "219")))
                .contains("promotion up4 (now 2.19 EUR) is not cheaper than the regular price of 1.99 EUR from " + t1);
    }

    @Test
    void aPromotionValidBeyondTheYear9999IsRefused() throws Exception {
        String forever = PromotionGuardHttpTest.promotion("far1", "4040", "PERCENT_OFF", "1000")
                .replace("2036-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z");
        assertThat(refusedEverywhere("far1", forever)).isEqualTo("promotion far1: validFrom and validUntil must be times in the years "
                + "0001 to 9999, not +999999999-12-31T23:59:59Z");
    }
}
