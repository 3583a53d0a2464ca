package com.freshscale.protocol.barcode;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.protocol.pricebook.BarcodePriceFields;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The server's price guard knows each standard layout's price field as the scale prints it (one table, two sides). */
class PriceFieldsInStepTest {
    @Test
    void theServersPriceFieldsAreTheScalesLayouts() {
        for (BarcodeLayout l : List.of(BarcodeLayouts.EAN13_PRICE, BarcodeLayouts.EAN13_PRICE_VERIFIER, BarcodeLayouts.UK_PRICE_VERIFIER,
                BarcodeLayouts.UPCA_PRICE_VERIFIER, BarcodeLayouts.EAN13_WEIGHT)) {
            assertThat(BarcodePriceFields.known(l.name())).as(l.name()).isTrue();
            long expected = l.embeds() == EmbeddedValue.PRICE ? l.maxValue() : -1;
            assertThat(BarcodePriceFields.maxTotalMinor(l.name())).as(l.name()).isEqualTo(expected);
        }
    }
}
