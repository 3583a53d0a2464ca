package com.freshscale.protocol.pricebook;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A price look-up item of a store's price book.
 *
 * @param code          PLU code, 1–5 digits (IFPS codes such as 4011 for bananas where they exist); it is also
 *                      the item reference embedded in the price barcode, so it must fit the layout's item field
 * @param names         display name by BCP 47 language tag ("en", "de", ...); at least one
 * @param saleType      per kg, per piece, or fixed
 * @param unitPriceMinor base unit price in minor units of {@code currency} (per kg, per piece, or per label);
 *                      scheduled changes and promotions of the price book may override it at a moment
 * @param currency      ISO 4217 code
 * @param presetTareMg  preset tare (container, tray) in milligrams, 0 for none
 * @param shelfLifeDays days from packing to sell-by, 0 for none printed
 * @param barcodeLayout name of the GS1 restricted-circulation barcode layout to print
 *                      (e.g. "ean13-price"; the scale knows the layouts by name)
 * @param labelLayout   name of the label layout to print; carried for scales with several layouts: today's scale
 *                      has one (58 × 40 mm, {@code device/.../label/LabelComposer}) and prints it whatever the name
 * @param modelLabels   recogniser model labels this PLU matches (e.g. "Banana"); one label may map to several PLUs
 * @param active        inactive PLUs are neither offered nor priced
 * @param originCountry country of origin, ISO 3166-1 alpha-2 ("ES"), or null if not given. Commission Implementing
 *                      Regulation (EU) No 543/2011 Art. 6 and 7 (marketing standards for fruit and vegetables) require it
 *                      wherever the produce is offered for sale, so the scale shows it on the pick screen and the label
 * @param qualityClass  class under the specific marketing standard of 543/2011 Annex I Part B ("Extra", "I", "II"),
 *                      or null for produce under the general standard only
 * @param variety       variety or commercial type ("Gala", "Cherry"), or null; the specific standards require it
 *                      for e.g. apples, pears, table grapes and citrus
 * @param typicalPieceMg what one piece of a per-piece item typically weighs, in milligrams, or null if not given: the
 *                      scale judges a shopper's count against the load with it (loss prevention, never shown to shoppers);
 *                      only a per-piece item has one
 */
public record Plu(
        String code,
        Map<String, String> names,
        SaleType saleType,
        long unitPriceMinor,
        String currency,
        long presetTareMg,
        int shelfLifeDays,
        String barcodeLayout,
        String labelLayout,
        List<String> modelLabels,
        boolean active,
        @com.freshscale.protocol.codec.OptionalField String originCountry,
        @com.freshscale.protocol.codec.OptionalField String qualityClass,
        @com.freshscale.protocol.codec.OptionalField String variety,
        @com.freshscale.protocol.codec.OptionalField Long typicalPieceMg) {

    /** The classes of the specific marketing standards (543/2011 Annex I Part B: "Extra" Class, Class I, Class II). */
    public static final java.util.Set<String> CLASSES = java.util.Set.of("Extra", "I", "II");
    /** Longest variety name: what fits one line of the 58 mm label beside "Variety". */
    public static final int MAX_VARIETY = 40;
    /** Heaviest typical piece: far above any single fruit or vegetable sold by the piece (a large pumpkin, 30 kg). */
    public static final long MAX_TYPICAL_PIECE_MG = 30_000_000L;


    /** A name fits a label line and a kiosk tile several times over; a 4 MB "name" is an attack, not a name. */
    public static final int MAX_NAME = 100;
    /** Languages per PLU (names by BCP 47 tag, itself at most {@link #MAX_TAG} characters). */
    public static final int MAX_LANGUAGES = 16;
    public static final int MAX_TAG = 35;
    /** Layout names and model labels: identifiers, not prose. */
    public static final int MAX_KEY = 64;
    public static final int MAX_MODEL_LABELS = 32;

    public Plu {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(saleType, "saleType");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(barcodeLayout, "barcodeLayout");
        Objects.requireNonNull(labelLayout, "labelLayout");
        Objects.requireNonNull(names, "names");
        // Map.copyOf and List.copyOf refuse a null with a NullPointerException without a message: say which field
        for (Map.Entry<String, String> n : names.entrySet()) {
            if (n.getKey() == null || n.getValue() == null) {
                throw new IllegalArgumentException("PLU " + code + ": the name (" + n.getKey() + ") is null");
            }
        }
        if (modelLabels != null) {
            for (String l : modelLabels) { // not contains(null): List.of(...) throws on that
                if (l == null) throw new IllegalArgumentException("PLU " + code + ": a model label is null");
            }
        }
        names = Map.copyOf(names);
        modelLabels = List.copyOf(modelLabels == null ? List.of() : modelLabels);
        // plain loops, not regular expressions or streams: every scale constructs every PLU of every book it receives
        if (code.isEmpty() || code.length() > 5 || !all(code, '0', '9')) {
            throw new IllegalArgumentException("PLU code must be 1 to 5 digits, got '" + code + "'");
        }
        if (currency.length() != 3 || !all(currency, 'A', 'Z')) {
            throw new IllegalArgumentException("PLU " + code + ": currency must be an ISO 4217 code, got '" + currency + "'");
        }
        if (names.size() > MAX_LANGUAGES) throw new IllegalArgumentException("PLU " + code + ": at most " + MAX_LANGUAGES + " names");
        for (Map.Entry<String, String> n : names.entrySet()) {
            text("PLU " + code + ": language tag", n.getKey(), MAX_TAG);
            text("PLU " + code + ": name", n.getValue(), MAX_NAME);
        }
        text("PLU " + code + ": barcodeLayout", barcodeLayout, MAX_KEY);
        text("PLU " + code + ": labelLayout", labelLayout, MAX_KEY);
        if (modelLabels.size() > MAX_MODEL_LABELS) throw new IllegalArgumentException("PLU " + code + ": at most " + MAX_MODEL_LABELS + " model labels");
        for (String l : modelLabels) text("PLU " + code + ": model label", l, MAX_KEY);
        if (unitPriceMinor < 0) throw new IllegalArgumentException("PLU " + code + ": negative unit price");
        if (presetTareMg < 0) throw new IllegalArgumentException("PLU " + code + ": negative preset tare");
        if (shelfLifeDays < 0) throw new IllegalArgumentException("PLU " + code + ": negative shelf life");
        if (originCountry != null && (originCountry.length() != 2 || !all(originCountry, 'A', 'Z'))) {
            throw new IllegalArgumentException("PLU " + code + ": origin must be an ISO 3166-1 alpha-2 country code, got '" + originCountry + "'");
        }
        if (qualityClass != null && !CLASSES.contains(qualityClass)) {
            throw new IllegalArgumentException("PLU " + code + ": class must be one of Extra, I, II, got '" + qualityClass + "'");
        }
        if (variety != null && (variety.isBlank() || variety.length() > MAX_VARIETY)) {
            throw new IllegalArgumentException("PLU " + code + ": variety must be 1-" + MAX_VARIETY + " characters");
        }
        if (typicalPieceMg != null) {
            if (saleType != SaleType.PER_PIECE) {
                throw new IllegalArgumentException("PLU " + code + ": only an item sold per piece has a typical piece weight");
            }
            if (typicalPieceMg <= 0 || typicalPieceMg > MAX_TYPICAL_PIECE_MG) {
                throw new IllegalArgumentException("PLU " + code + ": typical piece weight must be above 0 and at most "
                        + MAX_TYPICAL_PIECE_MG / 1_000_000 + " kg");
            }
        }
    }

    /** An item without a typical piece weight (as books before that field was added). */
    public Plu(String code, Map<String, String> names, SaleType saleType, long unitPriceMinor, String currency,
               long presetTareMg, int shelfLifeDays, String barcodeLayout, String labelLayout, List<String> modelLabels,
               boolean active, String originCountry, String qualityClass, String variety) {
        this(code, names, saleType, unitPriceMinor, currency, presetTareMg, shelfLifeDays, barcodeLayout, labelLayout,
                modelLabels, active, originCountry, qualityClass, variety, null);
    }

    /** This item with {@code mg} as its typical piece weight (null: none). */
    public Plu withTypicalPieceMg(Long mg) {
        return new Plu(code, names, saleType, unitPriceMinor, currency, presetTareMg, shelfLifeDays, barcodeLayout, labelLayout,
                modelLabels, active, originCountry, qualityClass, variety, mg);
    }

    /** An item without origin, class or variety (as books before those fields were added). */
    public Plu(String code, Map<String, String> names, SaleType saleType, long unitPriceMinor, String currency,
               long presetTareMg, int shelfLifeDays, String barcodeLayout, String labelLayout, List<String> modelLabels,
               boolean active) {
        this(code, names, saleType, unitPriceMinor, currency, presetTareMg, shelfLifeDays, barcodeLayout, labelLayout,
                modelLabels, active, null, null, null, null);
    }

    /** True if the item carries any of the marketing-standard fields (origin, class, variety). */
    public boolean hasMarketingDetails() {
        return originCountry != null || qualityClass != null || variety != null;
    }

    /** {@code value} has 1 to {@code max} characters, else an exception naming {@code what} and the limit. */
    static void text(String what, String value, int max) {
        if (value == null || value.isEmpty()) throw new IllegalArgumentException(what + " is empty");
        if (value.length() > max) {
            throw new IllegalArgumentException(what + " has " + value.length() + " characters, at most " + max + " are allowed");
        }
    }

    private static boolean all(String s, char from, char to) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < from || c > to) return false;
        }
        return true;
    }

    /** The name in {@code language}, else English, else any name the PLU has. */
    public String name(String language) {
        String n = names.get(language);
        if (n == null) n = names.get("en");
        if (n == null) n = names.values().stream().sorted().findFirst().orElse(code);
        return n;
    }
}
