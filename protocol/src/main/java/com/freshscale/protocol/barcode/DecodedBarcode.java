package com.freshscale.protocol.barcode;

/**
 * A price- or weight-embedded barcode read back through its layout.
 *
 * @param item  the item reference field, as printed (with leading zeros)
 * @param kind  what {@code value} is
 * @param value total price in minor units, or net weight in grams
 */
public record DecodedBarcode(String digits, String item, EmbeddedValue kind, long value) {
}
