package com.freshscale.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.protocol.barcode.BarcodeLayouts;
import com.freshscale.protocol.pricebook.Promotion;
import com.freshscale.protocol.pricebook.PromotionKind;
import com.freshscale.protocol.pricebook.SaleType;
import com.freshscale.protocol.pricebook.ScheduledPrice;
import com.freshscale.protocol.sales.Sale;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HQ judges a sale's price when the scale fixed it ({@link Sale#pricedAt}, the press), not when the sale was recorded
 * after the card payment ({@code soldAt}). The probe: promotion EDGE on bananas ended two seconds after the shopper pressed
 * Pay here by card; the card was charged the promotion's price, the PAID label printed, and HQ quarantined the sale
 * WRONG_PRICE ("promotion EDGE is not in force ... at" the time of sale): paid money in no report. A sale of an older scale
 * (no pricedAt) is judged at soldAt as before, and the time of sale still decides IMPLAUSIBLE_TIME.
 */
class PricedAtTest {
    /** When promotion EDGE ends and avocados go from 1.29 to 1.49 each. */
    static final Instant END = TillFixture.NOW.minus(Duration.ofHours(1));
    static final Instant PRESSED = END.minusSeconds(2);
    static final Instant SOLD = END.plusSeconds(12);

    @TempDir
    Path dir;

    TillFixture fixture() throws Exception {
        return new TillFixture(dir, List.of(new ScheduledPrice("4225", 149, END)),
                List.of(new Promotion("EDGE", "4011", PromotionKind.PERCENT_OFF, 2000, TillFixture.PUBLISHED, END,
                        Map.of("en", "Offer -20 %"))));
    }

    /** 1.5 kg of bananas at EDGE's 1.59 (1.99 − 20 %), paid by card at the scale. */
    static Sale edgeBananas(Instant soldAt) throws Exception {
        long total = 239; // 1.592 × 1.5 = 2.388
        return new Sale(Sale.newId(), "s1", "a", 1, "4011", SaleType.PER_KG, 1_500_000, 0, 159, "EDGE", total, "EUR",
                new com.freshscale.protocol.barcode.BarcodeLayout("paid", "29 IIIII PPPPP C").encode("4011", total), soldAt, 1, null, null, false, 1, false).paidAtScale(TillFixture.REFERENCE)
                .soldAs("Bananas", 199L, "Offer -20 %", 60L);
    }

    /** 2 avocados at 1.29 each, at the till. */
    static Sale avocados(Instant soldAt) throws Exception {
        return new Sale(Sale.newId(), "s1", "a", 2, "4225", SaleType.PER_PIECE, 410_000, 2, 129, null, 258, "EUR",
                BarcodeLayouts.EAN13_PRICE.encode("4225", 258), soldAt, 1, null, null, false, 1, false);
    }

    @Test
    void aPromotionThatEndedWhileTheShopperPaidIsJudgedWhenTheScalePricedTheSale() throws Exception {
        TillFixture f = fixture();
        Sale old = edgeBananas(SOLD);
        TillCheck.Verdict v = f.till.check(old);
        assertThat(v).as("an older scale's sale is judged at its time of sale").isNotNull();
        assertThat(v.reason()).isEqualTo(QuarantineReason.WRONG_PRICE);
        assertThat(v.detail()).contains("promotion EDGE is not in force").contains(SOLD.toString());

        Sale sale = old.priced(PRESSED);
        assertThat(f.till.check(sale)).as("priced 2 s before EDGE ended, sold 12 s after").isNull();
        assertThat(f.till.flagged(sale)).isEqualTo(sale);
        // priced after the end, it is not in force whenever it was sold
        TillCheck.Verdict late = f.till.check(edgeBananas(SOLD).priced(END));
        assertThat(late).isNotNull();
        assertThat(late.reason()).isEqualTo(QuarantineReason.WRONG_PRICE);
        assertThat(late.detail()).contains("at " + END + " (priced; sold at " + SOLD + ")");
    }

    @Test
    void aScheduledPriceThatStartedWhileTheShopperPaidIsJudgedWhenTheScalePricedTheSale() throws Exception {
        TillFixture f = fixture();
        TillCheck.Verdict v = f.till.check(avocados(SOLD));
        assertThat(v).isNotNull();
        assertThat(v.reason()).isEqualTo(QuarantineReason.WRONG_PRICE);
        assertThat(v.detail()).contains("gives 149");
        assertThat(f.till.check(avocados(SOLD).priced(PRESSED))).isNull();
        // the regular price it was sold as is judged at the same time
        assertThat(f.till.check(avocados(SOLD).priced(PRESSED).soldAs("Avocados", 129L, null, null))).isNull();
        TillCheck.Verdict soldAs = f.till.check(avocados(SOLD).priced(PRESSED).soldAs("Avocados", 149L, null, null));
        assertThat(soldAs).isNotNull();
        assertThat(soldAs.reason()).isEqualTo(QuarantineReason.WRONG_SOLD_AS);
    }

    @Test
    void theTimeOfSaleStillDecidesWhetherItIsPlausible() throws Exception {
        TillFixture f = fixture();
        Instant future = TillFixture.NOW.plus(TillCheck.FUTURE).plusSeconds(30);
        TillCheck.Verdict v = f.till.check(avocados(future).priced(future.minusSeconds(30)));
        assertThat(v).isNotNull();
        assertThat(v.reason()).isEqualTo(QuarantineReason.IMPLAUSIBLE_TIME);
    }

    /**
     * HQ's mismatch flag compares with the recognised item's price when the sale was priced, as the scale did: garlic on
     * offer at 1.50 until END was not dearer than bananas at 1.99 then, so no flag, though it was after END.
     */
    @Test
    void theMismatchIsJudgedAtThePricesOfThePress() throws Exception {
        TillFixture f = new TillFixture(dir, List.of(), List.of(new Promotion("garlic-deal", "4608", PromotionKind.NEW_PRICE, 150,
                TillFixture.PUBLISHED, END, Map.of("en", "Garlic 1.50"))));
        Sale bananas = TillFixture.bananas(1_000_000, SOLD);
        Sale seen = LossFlagsTest.recognised(bananas, "4608", 0.99);
        assertThat(f.till.check(seen)).isNull();
        assertThat(f.till.flagged(seen).mismatch()).as("judged at the time of sale: garlic 9.99").isTrue();
        Sale priced = seen.priced(PRESSED);
        assertThat(f.till.flagged(priced).mismatch()).as("garlic was 1.50 at the press").isFalse();
    }
}
