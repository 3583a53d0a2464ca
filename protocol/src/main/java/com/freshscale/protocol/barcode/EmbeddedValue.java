package com.freshscale.protocol.barcode;

/** What the variable field of a restricted circulation number carries. */
public enum EmbeddedValue {
    /** The total price in minor units of the currency. */
    PRICE,
    /** The net weight in grams. */
    WEIGHT_G
}
