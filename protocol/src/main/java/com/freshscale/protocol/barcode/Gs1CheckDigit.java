package com.freshscale.protocol.barcode;

/**
 * The GS1 standard check digit (GS1 General Specifications 7.9): from the right, the digits are weighted
 * 3, 1, 3, 1, ...; the check digit brings the sum up to the next multiple of ten. The same rule serves
 * EAN-13 and UPC-A (GTIN-12).
 */
public final class Gs1CheckDigit {
    private Gs1CheckDigit() {
    }

    /** The check digit for {@code digits} (all digits before the check digit). */
    public static int of(CharSequence digits) {
        int sum = 0;
        int weight = 3;
        for (int i = digits.length() - 1; i >= 0; i--) {
            sum += digit(digits.charAt(i)) * weight;
            weight = 4 - weight;
        }
        return (10 - sum % 10) % 10;
    }

    /** True when the last digit of {@code code} is the check digit of the ones before it. */
    public static boolean isValid(CharSequence code) {
        if (code.length() < 2) return false;
        for (int i = 0; i < code.length(); i++) {
            if (code.charAt(i) < '0' || code.charAt(i) > '9') return false;
        }
        return of(code.subSequence(0, code.length() - 1)) == digit(code.charAt(code.length() - 1));
    }

    static int digit(char c) {
        if (c < '0' || c > '9') throw new IllegalArgumentException("not a digit: '" + c + "'");
        return c - '0';
    }
}
