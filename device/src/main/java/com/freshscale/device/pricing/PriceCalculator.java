package com.freshscale.device.pricing;

import com.freshscale.protocol.barcode.BarcodeFieldException;
import com.freshscale.protocol.barcode.BarcodeLayout;
import com.freshscale.protocol.barcode.BarcodeLayouts;
import com.freshscale.protocol.barcode.EmbeddedValue;
import com.freshscale.device.weighing.WeightReading;
import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.PriceBook;
import com.freshscale.protocol.pricebook.Promotion;
import com.freshscale.protocol.pricebook.SaleType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Prices one item from a price book: unit price at the moment of sale (scheduled changes, then the best
 * promotion for the shopper), total rounded by the configured rule, and the price-embedded barcode.
 * All money is integer minor units or exact {@link BigDecimal}; nothing passes through a double.
 */
public final class PriceCalculator {
    /** Milligrams per kilogram: unit prices of weighed items are per kg, masses are in mg. */
    /** Largest count accepted for a per-piece item; a keying error beyond that is likelier than a sale. */
    static final int MAX_COUNT = 999;

    private final Rounding totalRounding;
    private final Rounding unitPriceRounding;
    private final BarcodeLayouts layouts;
    private final ZoneId zone;
    private final String language;

    public PriceCalculator(PricingConfig config) {
        this.totalRounding = config.totalRounding();
        // a discounted unit price is shown on the label, so it is a whole minor unit under the same rule
        this.unitPriceRounding = Rounding.toMinorUnit(config.rounding());
        this.layouts = config.layouts();
        this.zone = config.zone();
        this.language = config.language();
    }

    public PricedItem price(PriceBook book, PriceRequest request) throws PricingRefusedException {
        if (request.at().isBefore(book.effectiveFrom())) {
            throw refuse(RefusalReason.BOOK_NOT_IN_FORCE, "price book version " + book.version()
                    + " is only in force from " + book.effectiveFrom());
        }
        Plu plu = book.plu(request.pluCode()).orElseThrow(() ->
                refuse(RefusalReason.UNKNOWN_PLU, "PLU " + request.pluCode() + " is not in the price book"));
        if (!plu.active()) {
            throw refuse(RefusalReason.INACTIVE_PLU, "PLU " + plu.code() + " (" + plu.name(language) + ") is not on sale");
        }
        BarcodeLayout layout = layouts.find(plu.barcodeLayout()).orElseThrow(() -> refuse(RefusalReason.BARCODE_LAYOUT,
                "PLU " + plu.code() + " names barcode layout '" + plu.barcodeLayout() + "', which this scale does not know"));

        long netMg = 0;
        long tareMg = 0;
        int count = 1;
        if (plu.saleType() == SaleType.PER_KG) {
            if (request.count() > 1) throw refuse(RefusalReason.BAD_COUNT, "PLU " + plu.code() + " is sold by weight; a count does not apply");
            WeightReading r = checkWeighable(request.reading());
            tareMg = Math.max(r.tareMg(), plu.presetTareMg());
            netMg = netAfterPresetTare(r, plu);
            // Min = 20 e for class III (R76-1 T.3.1.1); the preset tare may take the net below it
            if (netMg < 20 * r.intervalMg()) {
                throw refuse(RefusalReason.BELOW_MIN, "net weight after the preset tare of " + grams(plu.presetTareMg())
                        + " g is below the minimum of " + grams(20 * r.intervalMg()) + " g");
            }
        } else if (plu.saleType() == SaleType.PER_PIECE) {
            if (request.count() < 1 || request.count() > MAX_COUNT) {
                throw refuse(RefusalReason.BAD_COUNT, "PLU " + plu.code() + " is sold per piece: enter a count from 1 to " + MAX_COUNT);
            }
            count = request.count();
        } else if (request.count() > 1) {
            throw refuse(RefusalReason.BAD_COUNT, "PLU " + plu.code() + " has a fixed price per label; a count does not apply");
        }

        long regularUnit = book.unitPriceAt(plu, request.at());
        Offer offer = bestOffer(book, plu, request.at(), regularUnit);
        long unit = offer.unitPriceMinor();
        Promotion best = offer.promotion();
        long total = total(plu.saleType(), unit, netMg, count);
        AppliedPromotion applied = best == null ? null
                : new AppliedPromotion(best.id(), best.text(language), total(plu.saleType(), regularUnit, netMg, count) - total);

        String barcode = barcode(plu, layout, total, netMg);
        LocalDate packedOn = LocalDate.ofInstant(request.at(), zone);
        LocalDate sellBy = plu.shelfLifeDays() > 0 ? packedOn.plusDays(plu.shelfLifeDays()) : null;
        return new PricedItem(plu.code(), plu.name(language), plu.saleType(), netMg, tareMg, count, regularUnit, unit,
                applied, total, book.currency(), barcode, layout.name(), request.at(), packedOn, sellBy, book.version(),
                plu.originCountry(), plu.qualityClass(), plu.variety());
    }

    /**
     * The unit price the shopper pays for {@code plu} at {@code at}: the scheduled price in force, then the
     * best promotion. What loss prevention compares (a cheaper pick than what lies on the platter).
     */
    public long unitPriceAt(PriceBook book, Plu plu, Instant at) {
        return bestOffer(book, plu, at, book.unitPriceAt(plu, at)).unitPriceMinor();
    }

    /**
     * What {@code netMg} (per kg) or {@code count} pieces (per piece; one label for a fixed price) of {@code plu}
     * cost at {@code at}: {@link #unitPriceAt} times the quantity, rounded as a label's total is. No checks and no
     * barcode: loss prevention values a load as an item it was not sold as ({@link LoadValue}).
     */
    public long totalAt(PriceBook book, Plu plu, Instant at, long netMg, int count) {
        return total(plu.saleType(), unitPriceAt(book, plu, at), netMg, count);
    }

    /**
     * The unit price charged for {@code plu} at {@code at} and the promotion that gives it (null: none), as a
     * tile shows it before the item is weighed: the same rule as {@link #price}.
     */
    public Offer offerAt(PriceBook book, Plu plu, Instant at) {
        return bestOffer(book, plu, at, book.unitPriceAt(plu, at));
    }

    /** The lowest unit price the promotions in force give, and the promotion that gives it (null: none). */
    public record Offer(long unitPriceMinor, Promotion promotion) {}

    private Offer bestOffer(PriceBook book, Plu plu, Instant at, long regularUnit) {
        Promotion best = null;
        long unit = regularUnit;
        for (Promotion p : book.promotionsAt(plu.code(), at)) {
            long promoted = promotedUnitPrice(p, regularUnit);
            if (promoted < unit) {
                unit = promoted;
                best = p;
            }
        }
        return new Offer(unit, best);
    }

    private static WeightReading checkWeighable(WeightReading r) throws PricingRefusedException {
        if (r == null) throw refuse(RefusalReason.NO_WEIGHT, "no weight: put the item on the scale");
        switch (r.status()) {
            case FAULT, NOT_ZEROED -> throw refuse(RefusalReason.SCALE_FAULT, "the scale is out of order (" + r.status() + ")");
            case OVERLOAD -> throw refuse(RefusalReason.OVERLOAD, "too heavy for the scale: remove some of the load");
            case UNDERLOAD -> throw refuse(RefusalReason.NEGATIVE, "the weight is negative: empty the scale and zero it");
            case BELOW_MIN -> throw refuse(RefusalReason.BELOW_MIN, "the weight is below the scale's minimum");
            case OK -> { }
        }
        if (!r.stable()) throw refuse(RefusalReason.UNSTABLE, "the weight is not stable: wait until it settles");
        if (r.netMg() <= 0) throw refuse(RefusalReason.NEGATIVE, "the net weight is not positive");
        if (!r.priceable()) throw refuse(RefusalReason.SCALE_FAULT, "the weight may not be priced");
        return r;
    }

    private long promotedUnitPrice(Promotion p, long regular) {
        return unitPriceRounding.round(p.unitPrice(regular));
    }

    private long total(SaleType type, long unit, long netMg, int count) {
        return totalRounding.round(type.exactTotal(unit, netMg, count));
    }

    private static String barcode(Plu plu, BarcodeLayout layout, long total, long netMg) throws PricingRefusedException {
        long value;
        if (layout.embeds() == EmbeddedValue.WEIGHT_G) {
            if (plu.saleType() != SaleType.PER_KG) {
                throw refuse(RefusalReason.BARCODE_LAYOUT, "PLU " + plu.code() + " is not sold by weight but its barcode layout "
                        + layout.name() + " carries a weight");
            }
            value = BigDecimal.valueOf(netMg).divide(BigDecimal.valueOf(1000), 0, RoundingMode.HALF_UP).longValueExact();
        } else {
            value = total;
        }
        if (value > layout.maxValue()) {
            throw refuse(RefusalReason.TOTAL_TOO_LARGE, (layout.embeds() == EmbeddedValue.PRICE ? "the total " : "the weight ")
                    + value + " does not fit the barcode (at most " + layout.maxValue() + "): split the item into smaller parts");
        }
        if (plu.code().replaceFirst("^0+(?=.)", "").length() > layout.itemDigits()) {
            throw refuse(RefusalReason.BARCODE_LAYOUT, "PLU " + plu.code() + " does not fit the " + layout.itemDigits()
                    + "-digit item field of barcode layout " + layout.name());
        }
        try {
            return layout.encode(plu.code(), value);
        } catch (BarcodeFieldException e) {
            throw new IllegalStateException("checked above: " + e.getMessage(), e);
        }
    }

    /**
     * The net weight {@code plu} is priced on from {@code r}: after the tare in force or the item's preset tare (its
     * tray), whichever is larger, rounded to the scale interval when the preset tare is the one taken off.
     */
    static long netAfterPresetTare(WeightReading r, Plu plu) {
        long tareMg = Math.max(r.tareMg(), plu.presetTareMg());
        return tareMg == r.tareMg() ? r.netMg() : roundToInterval(r.grossMg() - tareMg, r.intervalMg());
    }

    private static long roundToInterval(long mg, long intervalMg) {
        if (intervalMg <= 0) return mg;
        return BigDecimal.valueOf(mg).divide(BigDecimal.valueOf(intervalMg), 0, RoundingMode.HALF_UP)
                .multiply(BigDecimal.valueOf(intervalMg)).longValueExact();
    }

    private static String grams(long mg) {
        return BigDecimal.valueOf(mg, 3).stripTrailingZeros().toPlainString();
    }

    private static PricingRefusedException refuse(RefusalReason reason, String message) {
        return new PricingRefusedException(reason, message);
    }
}
