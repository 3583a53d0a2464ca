package com.freshscale.protocol.barcode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The barcode layouts a scale knows by name: the common ones below, plus any the store configures
 * (section {@code pricing.barcodeLayouts}), e.g. a UK retailer's {@code "20 123 II V PPPP C"} with its
 * own fixed digits. A PLU names its layout in the price book.
 */
public final class BarcodeLayouts {
    /** EAN-13, prefix 21, 5-digit item, 5-digit price: {@code 2N IIIII PPPPP C}. */
    public static final BarcodeLayout EAN13_PRICE = new BarcodeLayout("ean13-price", "21 IIIII PPPPP C");
    /** EAN-13, prefix 23, 4-digit item, price verifier, 5-digit price: {@code 2N IIII V PPPPP C}. */
    public static final BarcodeLayout EAN13_PRICE_VERIFIER = new BarcodeLayout("ean13-price-verifier", "23 IIII V PPPPP C");
    /** UK layout {@code 20XXX RR V PPPP C}: 5-digit item reference, verifier, 4-digit price. */
    public static final BarcodeLayout UK_PRICE_VERIFIER = new BarcodeLayout("uk-price-verifier", "20 IIIII V PPPP C");
    /** UPC-A number system 2: {@code 2 IIIII V PPPP C}. */
    public static final BarcodeLayout UPCA_PRICE_VERIFIER = new BarcodeLayout("upca-price-verifier", "2 IIIII V PPPP C");
    /** EAN-13, prefix 28, 5-digit item, net weight in grams (max 99.999 kg): {@code 28 IIIII WWWWW C}. */
    public static final BarcodeLayout EAN13_WEIGHT = new BarcodeLayout("ean13-weight", "28 IIIII WWWWW C");

    private static final List<BarcodeLayout> STANDARD =
            List.of(EAN13_PRICE, EAN13_PRICE_VERIFIER, UK_PRICE_VERIFIER, UPCA_PRICE_VERIFIER, EAN13_WEIGHT);

    private final Map<String, BarcodeLayout> byName;

    private BarcodeLayouts(Map<String, BarcodeLayout> byName) {
        this.byName = byName;
    }

    /** The standard layouts only. */
    public static BarcodeLayouts standard() {
        return withCustom(Map.of());
    }

    /** The standard layouts plus {@code custom} name → pattern; a custom name may not shadow a standard one. */
    public static BarcodeLayouts withCustom(Map<String, String> custom) {
        Map<String, BarcodeLayout> all = new LinkedHashMap<>();
        STANDARD.forEach(l -> all.put(l.name(), l));
        custom.forEach((name, pattern) -> {
            if (all.containsKey(name)) throw new IllegalArgumentException("barcode layout '" + name + "' is a standard layout");
            all.put(name, new BarcodeLayout(name, pattern));
        });
        return new BarcodeLayouts(Map.copyOf(all));
    }

    public Optional<BarcodeLayout> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}
