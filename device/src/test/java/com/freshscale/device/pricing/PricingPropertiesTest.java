package com.freshscale.device.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.protocol.barcode.BarcodeLayouts;
import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.PriceBook;
import com.freshscale.protocol.pricebook.SaleType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class PricingPropertiesTest {

    /**
     * For any unit price and any weight from Min to Max: the total is the exact product rounded to the cent
     * (off by at most half a cent), and the barcode carries exactly that total, or the scale refuses because
     * it does not fit.
     */
    @Property(tries = 200)
    void totalIsTheRoundedProductAndTheBarcodeCarriesIt(@ForAll @LongRange(min = 0, max = 99_999) long unitPrice,
            @ForAll @IntRange(min = 20, max = 3_000) int weightInIntervals) throws Exception {
        Plu p = new Plu("4011", Map.of("en", "Bananas"), SaleType.PER_KG, unitPrice, "EUR", 0, 0, "ean13-price",
                "default", null, true);
        PriceBook book = new PriceBook("s", 1, PriceCalculatorTest.T0, "EUR", List.of(p), null, null);
        long netMg = weightInIntervals * PriceCalculatorTest.E;
        BigDecimal exact = BigDecimal.valueOf(unitPrice).multiply(BigDecimal.valueOf(netMg)).movePointLeft(6);
        try {
            PricedItem item = new PriceCalculator(PricingConfig.demo()).price(book,
                    PriceRequest.byWeight("4011", PriceCalculatorTest.stable(netMg), PriceCalculatorTest.NOON));
            assertThat(exact.subtract(BigDecimal.valueOf(item.totalMinor())).abs()).isLessThanOrEqualTo(new BigDecimal("0.5"));
            assertThat(BarcodeLayouts.EAN13_PRICE.decode(item.barcode()).value()).isEqualTo(item.totalMinor());
        } catch (PricingRefusedException e) {
            assertThat(e.reason()).isEqualTo(RefusalReason.TOTAL_TOO_LARGE);
            assertThat(exact).isGreaterThan(new BigDecimal("99999.4"));
        }
    }
}
