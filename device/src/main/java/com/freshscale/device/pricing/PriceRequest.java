package com.freshscale.device.pricing;

import com.freshscale.device.weighing.WeightReading;
import java.time.Instant;
import java.util.Objects;

/**
 * What the shopper asked to price.
 *
 * @param pluCode the PLU picked
 * @param reading the scale's reading when the shopper confirmed (needed for items sold by weight)
 * @param count   pieces for an item sold per piece; 0 when not given
 * @param at      moment of sale: selects scheduled prices and promotions, and the packed date
 */
public record PriceRequest(String pluCode, WeightReading reading, int count, Instant at) {
    public PriceRequest {
        Objects.requireNonNull(pluCode, "pluCode");
        Objects.requireNonNull(at, "at");
    }

    public static PriceRequest byWeight(String pluCode, WeightReading reading, Instant at) {
        return new PriceRequest(pluCode, reading, 0, at);
    }

    public static PriceRequest byCount(String pluCode, int count, Instant at) {
        return new PriceRequest(pluCode, null, count, at);
    }
}
