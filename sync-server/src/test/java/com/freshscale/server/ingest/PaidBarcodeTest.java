package com.freshscale.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.protocol.barcode.BarcodeLayout;
import com.freshscale.protocol.barcode.BarcodeLayouts;
import com.freshscale.protocol.sales.Sale;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sale paid at the scale carries the PAID label's barcode, one the till does not charge (device
 * {@code PaymentConfig.paidBarcode}, "29 IIIII PPPPP C" by default, or any layout with the value 0): the symmetric case of
 * an unpaid sale, whose barcode must be the PLU's chargeable layout. The probe's sale, a payment reference on an ordinary
 * chargeable 21-prefix barcode, would be charged again at the till and is quarantined as {@code WRONG_BARCODE}.
 */
class PaidBarcodeTest {
    @TempDir
    Path dir;

    @Test
    void aPaidSaleWithABarcodeATillChargesIsQuarantined() throws Exception {
        TillFixture f = new TillFixture(dir);
        Sale unpaid = TillFixture.bananas(1_000_000, TillFixture.NOW.minus(Duration.ofHours(1)));
        assertThat(f.till.check(unpaid)).isNull();

        TillCheck.Verdict v = f.till.check(unpaid.paidAtScale(TillFixture.REFERENCE));
        assertThat(v).isNotNull();
        assertThat(v.reason()).isEqualTo(QuarantineReason.WRONG_BARCODE);
        assertThat(v.detail()).contains("ean13-price").contains("199");
    }

    @Test
    void thePaidLabelsOwnBarcodesAreCounted() throws Exception {
        TillFixture f = new TillFixture(dir);
        Sale s = TillFixture.bananas(1_000_000, TillFixture.NOW.minus(Duration.ofHours(1)));
        BarcodeLayout paid = new BarcodeLayout("paid", "29 IIIII PPPPP C");
        for (String barcode : new String[] {paid.encode("4011", 199), paid.encode("4011", 0),
                // paidBarcodeValue ZERO: a till layout with the value 0 charges nothing
                BarcodeLayouts.EAN13_PRICE.encode("4011", 0)}) {
            Sale p = new Sale(s.saleId(), "s1", "a", 1, "4011", s.saleType(), s.netMg(), 0, 199, null, 199, "EUR", barcode, s.soldAt(),
                    1, null, null, false, 1, false, TillFixture.REFERENCE);
            assertThat(f.till.check(p)).as(barcode).isNull();
        }
    }
}
