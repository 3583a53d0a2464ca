package com.freshscale.server.prices;

import com.freshscale.protocol.pricebook.BarcodePriceFields;
import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.Promotion;
import com.freshscale.protocol.pricebook.PromotionKind;
import com.freshscale.protocol.pricebook.SaleType;
import com.freshscale.protocol.sales.Sale;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * The limits a manager's price must keep, as retail price-management systems set them: a hard ceiling per sale type
 * that no label could carry, and a change beyond ±50 % (or to zero) that is published only with an explicit
 * confirmation naming the old and the new price. The messages here are the ones the console shows: the console asks
 * the server (a dry run of the change set) instead of repeating the rules in JavaScript.
 */
public final class PriceGuard {
    /**
     * The largest net a scale of the chain prices: the demo scale's Max of 15 kg (device {@code demo/scale.yaml},
     * ranges 6 kg / 2 g and 15 kg / 5 g) plus 9 e, as its indication is blanked only above Max + 9 e (OIML R76-1
     * 4.2.3), so 15.045 kg is the heaviest load that can get a label.
     */
    public static final long DEFAULT_LARGEST_NET_MG = 15_045_000L;
    /**
     * The heaviest preset tare an item sold by weight may have: 500 g, the tare limit of the chain's scales (device
     * {@code demo/scale.yaml}, {@code tare_max_g}). A scale refuses to price a per-kg item whose preset tare is above its
     * own limit ({@code SaleSession}, {@code refused_TARE_LIMIT}), so such an item could be sold on no scale; the server
     * does not learn each scale's limit (a scale's status does not carry it), so it keeps the chain's, as it keeps
     * {@link #DEFAULT_LARGEST_NET_MG}.
     */
    public static final long MAX_PRESET_TARE_MG = 500_000L;
    /** A change of more than this share of the old price (either way) needs a confirmation. */
    public static final BigDecimal CONFIRM_BEYOND = new BigDecimal("0.50");
    private static final BigDecimal MG_PER_KG = BigDecimal.valueOf(1_000_000);

    private final long largestNetMg;

    public PriceGuard(long largestNetMg) {
        if (largestNetMg <= 0) throw new IllegalArgumentException("largest net must be positive");
        this.largestNetMg = largestNetMg;
    }

    public static PriceGuard standard() {
        return new PriceGuard(DEFAULT_LARGEST_NET_MG);
    }

    /** The largest total a label of {@code layout} can carry (weight layouts: what a sale record may carry). */
    static long maxTotal(String layout) {
        long max = BarcodePriceFields.maxTotalMinor(layout);
        return max < 0 ? Sale.MAX_TOTAL_MINOR : max;
    }

    /** The highest unit price a PLU of {@code type} with barcode {@code layout} may have. */
    public long ceiling(SaleType type, String layout) {
        long maxTotal = maxTotal(layout);
        if (type != SaleType.PER_KG) return maxTotal; // one piece, one fixed-price label: the total is the unit price
        // round(unit × largest) ≤ maxTotal for every unit up to this one
        return BigDecimal.valueOf(maxTotal).multiply(MG_PER_KG).divide(BigDecimal.valueOf(largestNetMg), 0, RoundingMode.FLOOR)
                .longValueExact();
    }

    /** Refuses (IllegalArgumentException) a unit price above the ceiling of {@code plu}'s sale type and layout. */
    public void checkCeiling(Plu plu, long unitPriceMinor, String currency) {
        long ceiling = ceiling(plu.saleType(), plu.barcodeLayout());
        if (unitPriceMinor <= ceiling) return;
        long maxTotal = maxTotal(plu.barcodeLayout());
        int digits = BarcodePriceFields.priceDigits(plu.barcodeLayout());
        String field = digits == 0 ? "what one sale may total" : "the " + digits + "-digit price field of its barcode ("
                + plu.barcodeLayout() + ") can carry";
        String who = "PLU " + plu.code() + " " + plu.name("en") + ": ";
        if (plu.saleType() == SaleType.PER_KG) {
            // a BigDecimal: an absurd unit price (up to Long.MAX_VALUE) times the largest load does not fit in a long
            BigDecimal total = BigDecimal.valueOf(unitPriceMinor).multiply(BigDecimal.valueOf(largestNetMg))
                    .divide(MG_PER_KG, 0, RoundingMode.HALF_UP);
            throw new IllegalArgumentException(who + money(unitPriceMinor, currency) + " per kg would make the largest load a scale weighs ("
                    + kg(largestNetMg) + ") cost " + money(total, currency) + ", more than the " + money(maxTotal, currency) + " "
                    + field + ": at most " + money(ceiling, currency) + " per kg");
        }
        throw new IllegalArgumentException(who + money(unitPriceMinor, currency) + (plu.saleType() == SaleType.PER_PIECE ? " per piece" : " a label")
                + " is more than the " + money(maxTotal, currency) + " " + field);
    }

    /**
     * Refuses (IllegalArgumentException) a preset tare the scales cannot use: above {@link #MAX_PRESET_TARE_MG} for an
     * item sold by weight (the scales' own check; by the piece or label the tare is not used).
     */
    public void checkTare(Plu plu) {
        if (plu.saleType() != SaleType.PER_KG || plu.presetTareMg() <= MAX_PRESET_TARE_MG) return;
        throw new IllegalArgumentException("PLU " + plu.code() + " " + plu.name("en") + ": a preset tare of " + grams(plu.presetTareMg())
                + " is more than the scales' tare limit of " + grams(MAX_PRESET_TARE_MG) + ": no scale would sell it");
    }

    /**
     * The confirmations a change of an item from {@code old} to {@code now} needs besides its price's: a change of sale
     * type (1.99 per kg → 1.99 per piece) or of preset tare (0 → 400 g taken off every load) changes what every label
     * of it charges as much as a big price change, and goes out only confirmed the same way. Each names the item's old
     * and new price and the change ({@link PriceConfirmation#change}).
     */
    public java.util.List<PriceConfirmation.Needed> itemConfirmations(Plu old, Plu now, String currency) {
        java.util.List<PriceConfirmation.Needed> out = new java.util.ArrayList<>();
        String who = "PLU " + now.code() + " " + now.name("en") + ": ";
        if (old.saleType() != now.saleType()) {
            out.add(new PriceConfirmation.Needed(new PriceConfirmation(now.code(), old.unitPriceMinor(), now.unitPriceMinor(),
                    "saleType:" + old.saleType() + ":" + now.saleType()), who + "sold " + unit(old.saleType()) + " at "
                    + money(old.unitPriceMinor(), currency) + " → " + unit(now.saleType()) + " at " + money(now.unitPriceMinor(), currency)
                    + ": another sale type changes what every label of it charges: confirm it to publish it"));
        }
        if (old.presetTareMg() != now.presetTareMg()) {
            out.add(new PriceConfirmation.Needed(new PriceConfirmation(now.code(), old.unitPriceMinor(), now.unitPriceMinor(),
                    "presetTareMg:" + old.presetTareMg() + ":" + now.presetTareMg()), who + "preset tare " + grams(old.presetTareMg())
                    + " → " + grams(now.presetTareMg()) + " changes the net weight every label of it charges for: confirm it to publish it"));
        }
        return out;
    }

    private static String unit(SaleType type) {
        return switch (type) {
            case PER_KG -> "per kg";
            case PER_PIECE -> "per piece";
            case FIXED -> "per label";
        };
    }

    private static String grams(long mg) {
        return BigDecimal.valueOf(mg, 3).stripTrailingZeros().toPlainString() + " g";
    }

    /**
     * The confirmation a change of {@code plu}'s price from {@code from} (null: a new item) to {@code to} needs, with
     * the message saying why, or empty if it needs none.
     */
    public Optional<PriceConfirmation.Needed> confirmation(Plu plu, Long from, long to, String currency, String what) {
        String who = "PLU " + plu.code() + " " + plu.name("en") + ": ";
        if (to == 0 && (from == null || from != 0)) {
            return Optional.of(new PriceConfirmation.Needed(new PriceConfirmation(plu.code(), from, to), who + what
                    + (from == null ? "" : money(from, currency) + " → ") + money(0, currency)
                    + " gives it away: confirm that the price is zero"));
        }
        if (from == null || from.longValue() == to) return Optional.empty();
        if (from == 0) {
            return Optional.of(new PriceConfirmation.Needed(new PriceConfirmation(plu.code(), from, to), who + what
                    + money(from, currency) + " → " + money(to, currency) + " ends a zero price: confirm the new price"));
        }
        BigDecimal change = BigDecimal.valueOf(to - from).divide(BigDecimal.valueOf(from), 4, RoundingMode.HALF_UP);
        if (change.abs().compareTo(CONFIRM_BEYOND) <= 0) return Optional.empty();
        String percent = (change.signum() > 0 ? "+" : "−") + change.abs().movePointRight(2).setScale(0, RoundingMode.HALF_UP).toPlainString() + " %";
        return Optional.of(new PriceConfirmation.Needed(new PriceConfirmation(plu.code(), from, to), who + what
                + money(from, currency) + " → " + money(to, currency) + " is a change of " + percent
                + ", beyond ±50 %: confirm it to publish it"));
    }

    /**
     * The unit price {@code promotion} gives an item whose regular unit price is {@code regular}: the lowest a scale
     * charges under it (a percentage off rounded half to even, the lower of the scales' two rounding rules).
     */
    public static long promotedUnitPrice(Promotion promotion, long regular) {
        return promotion.unitPrice(regular).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }

    /**
     * A promotion judged as the price change it makes on the shelf: the regular unit price of {@code plu} → the price
     * the promotion gives. An amount off larger than the price is refused (IllegalArgumentException: it would give the
     * item away by accident); a promotion to zero or a cut beyond ±50 % needs the same confirmation as that price
     * change ({@link #confirmation}, old = the regular price, new = the promotional one). A promotion that does not
     * lower the price (a scale charges the lower of the two) needs none.
     */
    public Optional<PriceConfirmation.Needed> promotionConfirmation(Plu plu, Promotion promotion, String currency, String what) {
        return promotionConfirmation(plu, plu.unitPriceMinor(), promotion, currency, what);
    }

    /** As above with the item at {@code regular} (a scheduled price in force while the promotion runs). */
    public Optional<PriceConfirmation.Needed> promotionConfirmation(Plu plu, long regular, Promotion promotion, String currency,
                                                                  String what) {
        if (promotion.kind() == PromotionKind.FIXED_OFF && promotion.value() > regular) {
            throw new IllegalArgumentException("PLU " + plu.code() + " " + plu.name("en") + ": " + what + "the amount off is more than the price of "
                    + money(regular, currency) + ": at most " + money(regular, currency) + " off (a promotion that makes the item free is "
                    + "a new price of 0, confirmed)");
        }
        long promoted = promotedUnitPrice(promotion, regular);
        if (promoted >= regular) return Optional.empty();
        return confirmation(plu, regular, promoted, currency, what);
    }

    /** "2.29 EUR": the ISO code and the currency's own decimals, the same in every language of the console. */
    public static String money(long minor, String currency) {
        return money(BigDecimal.valueOf(minor), currency);
    }

    private static String money(BigDecimal minor, String currency) {
        int digits = 2;
        try {
            digits = Math.max(0, java.util.Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            // not an ISO 4217 code the JDK knows: two decimals
        }
        return minor.movePointLeft(digits).toPlainString() + " " + currency;
    }

    private static String kg(long mg) {
        return BigDecimal.valueOf(mg, 6).stripTrailingZeros().toPlainString() + " kg";
    }
}
