package com.freshscale.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.protocol.barcode.BarcodeLayouts;
import com.freshscale.protocol.pricebook.SaleType;
import com.freshscale.protocol.sales.Sale;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HQ judges the loss-prevention flags again from the sale and its book, and only adds flags. The probe's sale (garlic,
 * 9.99 per kg, recognised at 0.99 and sold as bananas at 1.99 with {@code mismatch=false}) is flagged; a pick that is not
 * cheaper, or a recognition below the scales' threshold, is not. A per-piece count implausible for the load the sale
 * carries is flagged as the scale's own rule would.
 */
class LossFlagsTest {
    static final Instant AT = TillFixture.NOW.minus(Duration.ofHours(1));

    @TempDir
    Path dir;

    static Sale recognised(Sale s, String plu, double confidence) {
        return new Sale(s.saleId(), s.storeId(), s.scaleId(), s.saleNumber(), s.pluCode(), s.saleType(), s.netMg(), s.count(),
                s.unitPriceMinor(), s.promotionId(), s.totalMinor(), s.currency(), s.barcode(), s.soldAt(), s.priceBookVersion(), plu,
                confidence, false, 1, false);
    }

    @Test
    void aCheaperPickThanAConfidentRecognitionIsFlaggedWhateverTheScaleSaid() throws Exception {
        TillFixture f = new TillFixture(dir);
        Sale probe = recognised(TillFixture.bananas(1_000_000, AT), "4608", 0.99);
        assertThat(f.till.check(probe)).isNull();
        assertThat(f.till.flagged(probe).mismatch()).isTrue();
        // a flag added to a voided sale keeps when the scale voided it (a late void is judged by that time)
        Sale voided = probe.voided("label not printed", AT.plusSeconds(20));
        assertThat(f.till.flagged(voided).mismatch()).isTrue();
        assertThat(f.till.flagged(voided).voidedAt()).isEqualTo(AT.plusSeconds(20));
        // avocados (per piece) recognised, 1 kg sold as bananas at 1.99: 1 kg holds at least 4 avocados of 200 g (5.16)
        assertThat(f.till.flagged(recognised(TillFixture.bananas(1_000_000, AT), "4225", 0.9)).mismatch()).isTrue();
    }

    @Test
    void anHonestUnflaggedSaleStaysUnflagged() throws Exception {
        TillFixture f = new TillFixture(dir);
        Sale bananas = TillFixture.bananas(1_000_000, AT);
        assertThat(f.till.flagged(bananas)).isEqualTo(bananas);
        assertThat(f.till.flagged(recognised(bananas, "4011", 0.99)).mismatch()).isFalse();
        assertThat(f.till.flagged(recognised(bananas, "4608", 0.5)).mismatch()).as("below the threshold").isFalse();
        Sale garlic = new Sale(Sale.newId(), "s1", "a", 3, "4608", SaleType.PER_KG, 100_000, 0, 999, null, 100, "EUR",
                BarcodeLayouts.EAN13_PRICE.encode("4608", 100), AT, 1, "4011", 0.99, false, 1, false);
        assertThat(f.till.check(garlic)).isNull();
        assertThat(f.till.flagged(garlic).mismatch()).as("dearer than what was recognised").isFalse();
    }

    @Test
    void aCountImplausibleForTheLoadIsFlagged() throws Exception {
        TillFixture f = new TillFixture(dir);
        // 1 avocado entered for 1 kg on the platter (typical piece 200 g), the scale said the count was fine
        Sale one = new Sale(Sale.newId(), "s1", "a", 4, "4225", SaleType.PER_PIECE, 1_000_000, 1, 129, null, 129, "EUR",
                BarcodeLayouts.EAN13_PRICE.encode("4225", 129), AT, 1, null, null, false, 1, false).countJudged(false);
        assertThat(f.till.check(one)).isNull();
        assertThat(f.till.flagged(one).countImplausible()).isTrue();
        Sale five = new Sale(Sale.newId(), "s1", "a", 5, "4225", SaleType.PER_PIECE, 1_000_000, 5, 129, null, 645, "EUR",
                BarcodeLayouts.EAN13_PRICE.encode("4225", 645), AT, 1, null, null, false, 1, false).countJudged(false);
        assertThat(f.till.flagged(five)).isEqualTo(five);
        Sale noLoad = new Sale(Sale.newId(), "s1", "a", 6, "4225", SaleType.PER_PIECE, 0, 1, 129, null, 129, "EUR",
                BarcodeLayouts.EAN13_PRICE.encode("4225", 129), AT, 1, null, null, false, 1, false);
        assertThat(f.till.flagged(noLoad)).as("an older scale: no load, not judged").isEqualTo(noLoad);
    }
}
