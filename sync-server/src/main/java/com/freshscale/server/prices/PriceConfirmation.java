package com.freshscale.server.prices;

import com.freshscale.protocol.codec.OptionalField;

/**
 * A manager's explicit yes to a price change the guard would otherwise refuse (beyond ±50 %, to zero, from zero), or to
 * a change of an item's sale type or preset tare (each changes what every label of it charges): it names the old and
 * the new price, and the other change with its old and new value, so a confirmation given for one change does not let a
 * different one through (e.g. after someone else changed the item in between).
 *
 * @param fromMinor the price before, or null for a new item
 * @param change    null for the price change itself; else the other change confirmed at those prices, as
 *                  {@code FIELD:OLD:NEW}: {@code saleType:PER_KG:PER_PIECE} or {@code presetTareMg:0:400000}
 */
public record PriceConfirmation(String pluCode, @OptionalField Long fromMinor, long toMinor, @OptionalField String change) {
    private static final java.util.regex.Pattern CHANGE = java.util.regex.Pattern.compile("(saleType|presetTareMg):[A-Z0-9_]{1,20}:[A-Z0-9_]{1,20}");

    public PriceConfirmation {
        if (pluCode == null || pluCode.isBlank()) throw new IllegalArgumentException("a confirmation names its PLU");
        if (change != null && !CHANGE.matcher(change).matches()) {
            throw new IllegalArgumentException("a confirmation's change is saleType:OLD:NEW or presetTareMg:OLD:NEW, not '" + change + "'");
        }
    }

    /** A confirmation of the price change itself. */
    public PriceConfirmation(String pluCode, Long fromMinor, long toMinor) {
        this(pluCode, fromMinor, toMinor, null);
    }

    /** A confirmation the change set needs, with the message that explains it. */
    public record Needed(PriceConfirmation confirmation, String message) {}
}
