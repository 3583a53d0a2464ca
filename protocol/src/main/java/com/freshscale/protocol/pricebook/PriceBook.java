package com.freshscale.protocol.pricebook;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An immutable, versioned snapshot of one store's prices. The server signs it and publishes it retained;
 * a scale applies it only if the signature verifies and {@code version} is newer than the one it has.
 *
 * @param storeId        the store it is for
 * @param version        strictly increasing per store
 * @param effectiveFrom  when the book as a whole becomes valid
 * @param currency       ISO 4217 code of every price in the book
 * @param plus           the items
 * @param scheduledPrices price changes that take effect later
 * @param promotions     promotions with their validity windows
 */
public record PriceBook(
        String storeId,
        long version,
        Instant effectiveFrom,
        String currency,
        List<Plu> plus,
        List<ScheduledPrice> scheduledPrices,
        List<Promotion> promotions) {

    public PriceBook {
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        Objects.requireNonNull(currency, "currency");
        plus = List.copyOf(plus == null ? List.of() : plus);
        scheduledPrices = List.copyOf(scheduledPrices == null ? List.of() : scheduledPrices);
        promotions = List.copyOf(promotions == null ? List.of() : promotions);
    }
}
