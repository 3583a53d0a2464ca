package com.freshscale.protocol.barcode;

import java.util.Objects;

/**
 * A GS1 restricted circulation number layout with an embedded price or weight (GS1 General
 * Specifications 2.1.11 and 7.9), written as a pattern of 12 (UPC-A) or 13 (EAN-13) characters:
 * <ul>
 *   <li>{@code 0-9} a fixed digit: the prefix (20–29 for EAN-13, number system 2 for UPC-A) and any
 *       digits the retailer fixes, e.g. a department</li>
 *   <li>{@code I} the item reference: the PLU code, right-aligned with leading zeros</li>
 *   <li>{@code P} the total price in minor units, or {@code W} the net weight in grams</li>
 *   <li>{@code V} the price verifier over the P field (4 or 5 digits only, GS1 General Specifications 7.9)</li>
 *   <li>{@code C} the check digit, last</li>
 * </ul>
 * Spaces and dashes may separate groups for readability: {@code "21 IIIII PPPPP C"}.
 */
public final class BarcodeLayout {
    private final String name;
    private final String pattern;
    private final String compact;
    private final int itemStart;
    private final int itemLength;
    private final int valueStart;
    private final int valueLength;
    private final EmbeddedValue kind;
    private final int verifierAt;

    public BarcodeLayout(String name, String pattern) {
        this.name = Objects.requireNonNull(name, "name");
        this.pattern = Objects.requireNonNull(pattern, "pattern");
        this.compact = pattern.replace(" ", "").replace("-", "");
        String where = "barcode layout '" + name + "' (" + pattern + "): ";
        if (compact.length() != 12 && compact.length() != 13) {
            throw new IllegalArgumentException(where + "must have 12 (UPC-A) or 13 (EAN-13) positions, has " + compact.length());
        }
        if (!compact.matches("[0-9IPWVC]+")) {
            throw new IllegalArgumentException(where + "only digits and I, P, W, V, C are allowed");
        }
        if (compact.charAt(0) != '2') {
            // EAN-13 prefixes 20-29 and UPC-A number system 2 are the restricted circulation ranges for
            // variable-measure items within a company (GS1 General Specifications, restricted circulation numbers); any other prefix is a real GTIN.
            throw new IllegalArgumentException(where + "must start with the restricted circulation digit 2");
        }
        if (compact.indexOf('C') != compact.length() - 1 || count('C') != 1) {
            throw new IllegalArgumentException(where + "needs exactly one check digit C, in the last position");
        }
        int[] item = run('I', where);
        if (item == null) throw new IllegalArgumentException(where + "has no item field I");
        int[] price = run('P', where);
        int[] weight = run('W', where);
        if ((price == null) == (weight == null)) {
            throw new IllegalArgumentException(where + "needs exactly one value field: P (price) or W (weight)");
        }
        int[] value = price != null ? price : weight;
        this.kind = price != null ? EmbeddedValue.PRICE : EmbeddedValue.WEIGHT_G;
        int verifiers = count('V');
        if (verifiers > 1) throw new IllegalArgumentException(where + "has more than one verifier V");
        if (verifiers == 1 && (price == null || (price[1] != 4 && price[1] != 5))) {
            throw new IllegalArgumentException(where + "a price verifier V needs a 4- or 5-digit price field P");
        }
        this.itemStart = item[0];
        this.itemLength = item[1];
        this.valueStart = value[0];
        this.valueLength = value[1];
        this.verifierAt = compact.indexOf('V');
    }

    private int count(char c) {
        return (int) compact.chars().filter(x -> x == c).count();
    }

    /** {start, length} of the one contiguous run of {@code c}, or null if absent. */
    private int[] run(char c, String where) {
        int start = compact.indexOf(c);
        if (start < 0) return null;
        int end = compact.lastIndexOf(c) + 1;
        for (int i = start; i < end; i++) {
            if (compact.charAt(i) != c) throw new IllegalArgumentException(where + "field " + c + " must be contiguous");
        }
        return new int[] {start, end - start};
    }

    public String name() {
        return name;
    }

    public String pattern() {
        return pattern;
    }

    public Symbology symbology() {
        return compact.length() == 13 ? Symbology.EAN_13 : Symbology.UPC_A;
    }

    public EmbeddedValue embeds() {
        return kind;
    }

    public int itemDigits() {
        return itemLength;
    }

    /** The largest value the P or W field can carry (99999 for five digits). */
    public long maxValue() {
        long max = 1;
        for (int i = 0; i < valueLength; i++) max *= 10;
        return max - 1;
    }

    /** The barcode digits for {@code itemCode} and {@code value} (price in minor units or weight in g). */
    public String encode(String itemCode, long value) throws BarcodeFieldException {
        if (!itemCode.matches("[0-9]+")) throw new BarcodeFieldException("item code '" + itemCode + "' is not numeric");
        String item = itemCode.replaceFirst("^0+(?=.)", "");
        if (item.length() > itemLength) {
            throw new BarcodeFieldException("item code " + itemCode + " does not fit the " + itemLength
                    + "-digit item field of barcode layout " + name);
        }
        if (value < 0 || value > maxValue()) {
            throw new BarcodeFieldException((kind == EmbeddedValue.PRICE ? "price " : "weight ") + value
                    + " does not fit the " + valueLength + "-digit field of barcode layout " + name
                    + " (max " + maxValue() + ")");
        }
        String itemField = pad(item, itemLength);
        String valueField = pad(Long.toString(value), valueLength);
        StringBuilder out = new StringBuilder(compact.length());
        for (int i = 0; i < compact.length() - 1; i++) {
            char c = compact.charAt(i);
            if (c == 'I') out.append(itemField.charAt(i - itemStart));
            else if (c == 'P' || c == 'W') out.append(valueField.charAt(i - valueStart));
            else if (c == 'V') out.append(PriceVerifier.of(valueField));
            else out.append(c);
        }
        out.append(Gs1CheckDigit.of(out));
        return out.toString();
    }

    /** Reads scanned {@code digits} back: checks length, fixed digits, check digit and price verifier. */
    public DecodedBarcode decode(String digits) throws BarcodeFieldException {
        if (digits.length() != compact.length() || !digits.matches("[0-9]+")) {
            throw new BarcodeFieldException("'" + digits + "' is not a " + compact.length() + "-digit code of layout " + name);
        }
        if (!Gs1CheckDigit.isValid(digits)) throw new BarcodeFieldException("check digit of " + digits + " is wrong");
        for (int i = 0; i < compact.length(); i++) {
            char c = compact.charAt(i);
            if (c >= '0' && c <= '9' && digits.charAt(i) != c) {
                throw new BarcodeFieldException(digits + " does not have the fixed digit " + c + " of layout " + name + " at " + i);
            }
        }
        String valueField = digits.substring(valueStart, valueStart + valueLength);
        if (verifierAt >= 0 && PriceVerifier.of(valueField) != digits.charAt(verifierAt) - '0') {
            throw new BarcodeFieldException("price verifier of " + digits + " is wrong");
        }
        return new DecodedBarcode(digits, digits.substring(itemStart, itemStart + itemLength), kind,
                Long.parseLong(valueField));
    }

    private static String pad(String s, int width) {
        return "0".repeat(width - s.length()) + s;
    }

    @Override
    public String toString() {
        return name + " (" + pattern + ")";
    }
}
