package com.freshscale.protocol.pricebook;

import java.time.Instant;
import java.util.Objects;

/** A price change of one PLU that takes effect at {@code effectiveFrom} (and stays until a later one). */
public record ScheduledPrice(String pluCode, long unitPriceMinor, Instant effectiveFrom) {
    public ScheduledPrice {
        Objects.requireNonNull(pluCode, "pluCode");
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        if (unitPriceMinor < 0) throw new IllegalArgumentException("scheduled price of " + pluCode + " is negative");
    }
}
