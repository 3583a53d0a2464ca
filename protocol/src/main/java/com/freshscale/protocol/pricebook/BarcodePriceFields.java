package com.freshscale.protocol.pricebook;

import java.util.Map;
import java.util.Set;

/**
 * How many digits the price field of a PLU's barcode layout has, for the server's price guard: a unit price whose
 * label total cannot be written into that field can never be sold. The layouts are the standard ones the scale knows
 * by name ({@link com.freshscale.protocol.barcode.BarcodeLayouts}, a test keeps the two in step): GS1 restricted
 * circulation numbers with an embedded price (GS1 General Specifications 2.1.11, price verifier 7.9), e.g. EAN-13
 * {@code 21 IIIII PPPPP C}: five price digits, so at most 999.99 in a two-decimal currency.
 */
public final class BarcodePriceFields {
    /** Price digits of the standard layouts that embed a price. */
    private static final Map<String, Integer> PRICE_DIGITS = Map.of(
            "ean13-price", 5,            // 21 IIIII PPPPP C
            "ean13-price-verifier", 5,   // 23 IIII V PPPPP C
            "uk-price-verifier", 4,      // 20 IIIII V PPPP C
            "upca-price-verifier", 4);   // 2 IIIII V PPPP C
    /** Standard layouts that embed the net weight, not a price (the till prices from its own file). */
    private static final Set<String> WEIGHT_LAYOUTS = Set.of("ean13-weight"); // 28 IIIII WWWWW C
    /**
     * A layout the server does not know (a scale may configure its own): assumed to have the five price digits of
     * EAN-13 {@code 2N IIIII PPPPP C}, the widest price field of the standard layouts. The scale still refuses, at the
     * label, a total its own layout cannot carry.
     */
    public static final int DEFAULT_PRICE_DIGITS = 5;

    private BarcodePriceFields() {
    }

    /** Digits of the price field of {@code layout}; 0 if it embeds a weight instead of a price. */
    public static int priceDigits(String layout) {
        if (WEIGHT_LAYOUTS.contains(layout)) return 0;
        return PRICE_DIGITS.getOrDefault(layout, DEFAULT_PRICE_DIGITS);
    }

    /** True if the server knows {@code layout} as one of the standard layouts. */
    public static boolean known(String layout) {
        return PRICE_DIGITS.containsKey(layout) || WEIGHT_LAYOUTS.contains(layout);
    }

    /** The largest total (minor units) the price field of {@code layout} can carry, or -1 for a weight layout. */
    public static long maxTotalMinor(String layout) {
        int digits = priceDigits(layout);
        if (digits == 0) return -1;
        long max = 1;
        for (int i = 0; i < digits; i++) max *= 10;
        return max - 1;
    }
}
