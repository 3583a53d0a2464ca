package com.freshscale.protocol.barcode;

/**
 * The price verifier digit of price-embedded restricted circulation numbers (GS1 General Specifications
 * 7.9, check digit calculation for price/weight fields). It guards the price field on its own, so a
 * misread price is caught even if the overall check digit happens to match.
 *
 * <p>Each price digit is transformed by a weighting factor (tables of 7.9):
 * <ul>
 *   <li>2-: the product by 2; a two-digit product has its tens subtracted from its units (mod 10)</li>
 *   <li>3: the units of the product by 3</li>
 *   <li>5+: the product by 5, tens added to units</li>
 *   <li>5-: the product by 5, tens subtracted from units (mod 10)</li>
 * </ul>
 * Four-digit prices use weights 2-, 2-, 3, 5-; the verifier is the units digit of 3 × the sum.
 * Five-digit prices use 5+, 2-, 5-, 5+, 2-; the sum is subtracted from the next multiple of ten and the
 * verifier is the digit whose 5- product equals that difference.
 */
public final class PriceVerifier {
    private static final int[] TWO_MINUS = {0, 2, 4, 6, 8, 9, 1, 3, 5, 7};
    private static final int[] THREE = {0, 3, 6, 9, 2, 5, 8, 1, 4, 7};
    private static final int[] FIVE_PLUS = {0, 5, 1, 6, 2, 7, 3, 8, 4, 9};
    private static final int[] FIVE_MINUS = {0, 5, 9, 4, 8, 3, 7, 2, 6, 1};

    private PriceVerifier() {
    }

    /** The verifier digit of a 4- or 5-digit price field (leading zeros included). */
    public static int of(String priceField) {
        return switch (priceField.length()) {
            case 4 -> fourDigit(priceField);
            case 5 -> fiveDigit(priceField);
            default -> throw new IllegalArgumentException(
                    "a price verifier needs a 4- or 5-digit price field, got " + priceField.length() + " digits");
        };
    }

    private static int fourDigit(String p) {
        int sum = TWO_MINUS[d(p, 0)] + TWO_MINUS[d(p, 1)] + THREE[d(p, 2)] + FIVE_MINUS[d(p, 3)];
        return (sum * 3) % 10;
    }

    private static int fiveDigit(String p) {
        int sum = FIVE_PLUS[d(p, 0)] + TWO_MINUS[d(p, 1)] + FIVE_MINUS[d(p, 2)] + FIVE_PLUS[d(p, 3)] + TWO_MINUS[d(p, 4)];
        int difference = (10 - sum % 10) % 10;
        for (int v = 0; v < 10; v++) {
            if (FIVE_MINUS[v] == difference) return v;
        }
        throw new AssertionError("the 5- table is a permutation of 0..9");
    }

    private static int d(String s, int i) {
        return Gs1CheckDigit.digit(s.charAt(i));
    }
}
