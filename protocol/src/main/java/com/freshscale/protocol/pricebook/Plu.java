package com.freshscale.protocol.pricebook;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A price look-up item of a store's price book.
 *
 * @param code          PLU code, 1–5 digits (IFPS codes such as 4011 for bananas where they exist)
 * @param names         display name by BCP 47 language tag ("en", "de", ...); at least one
 * @param saleType      per kg, per piece, or fixed
 * @param unitPriceMinor base unit price in minor units of {@code currency} (per kg, per piece, or per label);
 *                      scheduled changes and promotions of the price book may override it at a moment
 * @param currency      ISO 4217 code
 * @param presetTareMg  preset tare (container, tray) in milligrams, 0 for none
 * @param shelfLifeDays days from packing to sell-by, 0 for none printed
 * @param barcodeLayout name of the GS1 restricted-circulation barcode layout to print
 * @param labelLayout   name of the label layout to print
 * @param modelLabels   recogniser model labels this PLU matches (e.g. "Banana"); one label may map to several PLUs
 * @param active        inactive PLUs are neither offered nor priced
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
        boolean active) {

    public Plu {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(saleType, "saleType");
        Objects.requireNonNull(currency, "currency");
        names = Map.copyOf(Objects.requireNonNull(names, "names"));
        modelLabels = List.copyOf(modelLabels == null ? List.of() : modelLabels);
    }

    /** The name in {@code language}, else English, else any name the PLU has. */
    public String name(String language) {
        String n = names.get(language);
        if (n == null) n = names.get("en");
        if (n == null) n = names.values().stream().findFirst().orElse(code);
        return n;
    }
}
