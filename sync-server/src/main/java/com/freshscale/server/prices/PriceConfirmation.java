package com.freshscale.server.prices;

import com.freshscale.protocol.codec.OptionalField;

/**
 * A manager's explicit yes to a price change the guard would otherwise refuse (beyond ±50 %, to zero, from zero):
 * it names the old and the new price, so a confirmation given for one change does not let a different one through
 * (e.g. after someone else changed the price in between).
 *
 * @param fromMinor the price before, or null for a new item
 */
public record PriceConfirmation(String pluCode, @OptionalField Long fromMinor, long toMinor) {
    public PriceConfirmation {
        if (pluCode == null || pluCode.isBlank()) throw new IllegalArgumentException("a confirmation names its PLU");
    }

    /** A confirmation the change set needs, with the message that explains it. */
    public record Needed(PriceConfirmation confirmation, String message) {}
}
