package com.freshscale.device.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.protocol.pricebook.DemoPriceBook;
import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.PriceBook;
import com.freshscale.protocol.pricebook.SaleType;
import org.junit.jupiter.api.Test;

class DemoBookPricingTest {
    @Test
    void everyDemoItemCanBePricedWithItsPromotions() throws Exception {
        PriceBook book = DemoPriceBook.load();
        PriceCalculator calculator = new PriceCalculator(PricingConfig.demo());
        PricedItem gala = calculator.price(book, PriceRequest.byWeight("4173", PriceCalculatorTest.stable(1_000_000),
                PriceCalculatorTest.NOON));
        assertThat(gala.promotion().id()).isEqualTo("DEMO-GALA-20");
        assertThat(gala.totalMinor()).isEqualTo(212); // 2.65 x 0.8 = 2.12
        for (Plu p : book.plus()) {
            PriceRequest r = p.saleType() == SaleType.PER_KG
                    ? PriceRequest.byWeight(p.code(), PriceCalculatorTest.stable(750_000), PriceCalculatorTest.NOON)
                    : PriceRequest.byCount(p.code(), 2, PriceCalculatorTest.NOON);
            assertThat(calculator.price(book, r).barcode()).as(p.code()).hasSize(13);
        }
    }
}
