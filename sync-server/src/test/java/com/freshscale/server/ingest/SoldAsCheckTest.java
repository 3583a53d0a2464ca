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
 * What a scale says a sale was sold as must be what its book gave, and its texts printable. The probe's sale (a valid
 * 1.99 sale of bananas named "=1+1 Free bananas", regular price 999.99, discount 998.00, promotion text with a
 * right-to-left override) reached HQ's discount figures; each of its fields alone is quarantined now. What honest
 * scales send is counted: nothing (today's device), or the book's name in the scale's language, the regular price and,
 * with a promotion, its text and the discount as the scale rounds it.
 */
class SoldAsCheckTest {
    static final Instant AT = TillFixture.NOW.minus(Duration.ofHours(1));

    @TempDir
    Path dir;

    /** 1 kg of bananas at the -20 % promotion: 1.592 → 1.59 per kg, as the scale prices it. */
    static Sale promoted() throws Exception {
        return new Sale(Sale.newId(), "s1", "a", 2, "4011", SaleType.PER_KG, 1_000_000, 0, 159, "bananas-20", 159, "EUR",
                BarcodeLayouts.EAN13_PRICE.encode("4011", 159), AT, 1, null, null, false, 1, false);
    }

    @Test
    void theProbesSoldAsFieldsAreQuarantined() throws Exception {
        TillFixture f = new TillFixture(dir);
        Sale s = TillFixture.bananas(1_000_000, AT);
        assertThat(f.till.check(s.soldAs("=1+1 Free bananas", 99_999L, "\u202eevil", 99_800L)).reason())
                .isEqualTo(QuarantineReason.UNPRINTABLE_TEXT);
        assertThat(f.till.check(s.soldAs("=1+1 Free bananas", 199L, null, null)).reason()).isEqualTo(QuarantineReason.WRONG_SOLD_AS);
        assertThat(f.till.check(s.soldAs("Bananas", 99_999L, null, null)).reason()).isEqualTo(QuarantineReason.WRONG_SOLD_AS);
        assertThat(f.till.check(s.soldAs("Bananas", 199L, null, 99_800L)).reason()).isEqualTo(QuarantineReason.WRONG_SOLD_AS);
        assertThat(f.till.check(s.soldAs("Bananas", 199L, "Offer -20 %", null)).reason()).isEqualTo(QuarantineReason.WRONG_SOLD_AS);
        assertThat(f.till.check(promoted().soldAs("Bananas", 199L, "Offer -20 %", 99_800L)).reason())
                .isEqualTo(QuarantineReason.WRONG_SOLD_AS);
        assertThat(f.till.check(promoted().soldAs("Bananas", 199L, "1+1 free", 40L)).reason()).isEqualTo(QuarantineReason.WRONG_SOLD_AS);
        assertThat(f.till.check(s.soldAs("Bananas\tx", 199L, null, null)).reason()).isEqualTo(QuarantineReason.UNPRINTABLE_TEXT);
    }

    @Test
    void aVoidReasonWithControlCharactersIsQuarantined() throws Exception {
        TillFixture f = new TillFixture(dir);
        Sale s = TillFixture.bananas(1_000_000, AT);
        for (String reason : new String[] {"label not printed\t=cmd", "line\nbreak", "\u202ereversed"}) {
            TillCheck.Verdict v = f.till.check(s.voided(reason, AT.plusSeconds(30)));
            assertThat(v).as(reason).isNotNull();
            assertThat(v.reason()).isEqualTo(QuarantineReason.UNPRINTABLE_TEXT);
        }
    }

    @Test
    void whatHonestScalesSendIsCounted() throws Exception {
        TillFixture f = new TillFixture(dir);
        Sale s = TillFixture.bananas(1_000_000, AT);
        assertThat(f.till.check(s)).isNull();
        assertThat(f.till.check(s.soldAs("Bananas", 199L, null, null))).isNull();
        assertThat(f.till.check(s.soldAs("Bananen", 199L, null, null))).as("the scale's language").isNull();
        assertThat(f.till.check(promoted())).isNull();
        assertThat(f.till.check(promoted().soldAs("Bananas", 199L, "Offer -20 %", 40L))).isNull();
        assertThat(f.till.check(s.voided("label not printed (no-paper); the item was taken off", AT.plusSeconds(30)))).isNull();
        assertThat(f.till.check(s.paidAtScale(TillFixture.REFERENCE).voided(Sale.refundedReason(TillFixture.REFERENCE), AT.plusSeconds(60)))).isNotNull()
                .extracting(TillCheck.Verdict::reason).as("a 21 barcode paid: F8").isEqualTo(QuarantineReason.WRONG_BARCODE);
    }
}
