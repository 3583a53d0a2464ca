package com.freshscale.device.pricing;

import com.freshscale.protocol.barcode.BarcodeLayouts;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;

/**
 * Config section {@code pricing}.
 *
 * <pre>
 * pricing:
 *   storeName: "FreshMart Main Street"   # printed at the top of every label
 *   language: de                          # PLU names and promotion texts on the label
 *   timeZone: Europe/Berlin               # packed and sell-by dates are local dates
 *   rounding: HALF_UP                     # HALF_UP or HALF_EVEN
 *   roundingIncrementMinor: 1             # 1 = to the cent; 5 = CHF 0.05
 *   barcodeLayouts: {}                    # extra layouts by name, e.g. uk-dept-123: "20 123 II V PPPP C"
 * </pre>
 */
public record PricingConfig(
        String storeName,
        String language,
        String timeZone,
        RoundingRule rounding,
        long roundingIncrementMinor,
        Map<String, String> barcodeLayouts) {

    public PricingConfig {
        Objects.requireNonNull(storeName, "storeName");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(rounding, "rounding");
        barcodeLayouts = Map.copyOf(Objects.requireNonNull(barcodeLayouts, "barcodeLayouts"));
        if (storeName.isBlank()) throw new IllegalArgumentException("storeName must not be blank");
        if (!language.matches("[a-z]{2,3}")) throw new IllegalArgumentException("language must be a language code like 'en', got '" + language + "'");
        try {
            ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("timeZone '" + timeZone + "' is not a time zone id like Europe/Berlin");
        }
        if (roundingIncrementMinor < 1) throw new IllegalArgumentException("roundingIncrementMinor must be at least 1");
        BarcodeLayouts.withCustom(barcodeLayouts); // validates every pattern now, not at the first sale
    }

    /** The settings of the demo scale: a German store, prices rounded half-up to the cent. */
    public static PricingConfig demo() {
        return new PricingConfig("FreshScale Demo Market", "en", "Europe/Berlin", RoundingRule.HALF_UP, 1, Map.of());
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    public Rounding totalRounding() {
        return new Rounding(rounding, roundingIncrementMinor);
    }

    public BarcodeLayouts layouts() {
        return BarcodeLayouts.withCustom(barcodeLayouts);
    }
}
