package com.freshscale.device.app;

import com.freshscale.device.pricing.PriceCalculator;
import com.freshscale.device.pricing.PriceRequest;
import com.freshscale.device.pricing.PricedItem;
import com.freshscale.device.pricing.PricingRefusedException;
import com.freshscale.device.weighing.WeightReading;
import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.PriceBook;
import com.freshscale.protocol.pricebook.SaleType;
import java.time.Clock;

/**
 * Prices the shopper's pick at the scale's clock's time: for the screen, and again at the press, for a scheduled price
 * or a promotion may have started or ended while the item lay there (the book's schedule, PriceBook.unitPriceAt and its
 * promotions, decides the price in force at each moment; only a new book used to make the scale look again).
 */
final class PickPricing {
    private final PriceCalculator calculator;
    private final Clock clock;

    PickPricing(PriceCalculator calculator, Clock clock) {
        this.calculator = calculator;
        this.clock = clock;
    }

    /** {@code plu} priced now: by weight on {@code reading}, per piece for {@code count}, or at its fixed price. */
    PricedItem price(PriceBook book, Plu plu, WeightReading reading, int count) throws PricingRefusedException {
        PriceRequest request = plu.saleType() == SaleType.PER_KG
                ? PriceRequest.byWeight(plu.code(), reading, clock.instant())
                : new PriceRequest(plu.code(), null, plu.saleType() == SaleType.PER_PIECE ? count : 0, clock.instant());
        return calculator.price(book, request);
    }
}
