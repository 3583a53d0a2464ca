package com.freshscale.server.ingest;

/** Why a sale was quarantined instead of counted (table {@code quarantined_sale}). */
public enum QuarantineReason {
    /** The store is not one the server knows. */
    UNKNOWN_STORE,
    /** Not the store's currency. */
    FOREIGN_CURRENCY,
    /**
     * Sold too far in the future or the past of the server's clock, or before the price-book version that priced it was
     * published (beyond the clock skew a scale may have).
     */
    IMPLAUSIBLE_TIME,
    /**
     * A per-kg net weight the scale that weighed it does not indicate: for a scale that reported its weighing ranges, below
     * its Min (20 e1), above its Max (+ 9 e), or not a multiple of the e of the partial range that holds it (OIML R76-1 3.2,
     * 4.2.3, Table 3); for one that did not, not a multiple of 0.1 g (the smallest e of class III), below 2 g (20 × that e),
     * or above 60 kg (the heaviest Max of any FreshScale scale).
     */
    IMPLAUSIBLE_WEIGHT,
    /** Priced by a price-book version the store never published. */
    UNKNOWN_BOOK_VERSION,
    /** A PLU that is not in that price book (or sold by another sale type). */
    UNKNOWN_PLU,
    /** A unit price or promotion that book does not give at that time. */
    WRONG_PRICE,
    /** A total that is not unit price × quantity. */
    WRONG_TOTAL,
    /**
     * A barcode a till would not charge the sale's total for: its GS1 check digit is wrong, or, for a PLU with one of
     * the standard layouts, it does not read back through that layout as the PLU with the total (or the net weight) sold.
     */
    WRONG_BARCODE,
    /**
     * What the scale says the sale was sold as (item name, regular unit price, promotion text, discount) is not what the
     * price-book version that priced it gives: reports would show, and HQ's discount figures add up, what the scale made up.
     */
    WRONG_SOLD_AS,
    /** Text from the scale (void reason, item name, promotion text) with control characters or bidirectional overrides. */
    UNPRINTABLE_TEXT,
    /** The sale id was stored before for another scale. */
    SALE_ID_OF_ANOTHER_SCALE,
    /**
     * The scale's own sale id sent again with other fields than the stored sale: a sale is never rewritten by
     * re-sending it. Only a newly set void reason is taken, and only {@code Sale.refundedReason} of the stored sale's
     * payment reference (a card payment reversed at the scale, issue 13), and only within the scale's reversal window
     * ({@link #LATE_VOID_OUTSIDE_WINDOW} otherwise); any other late void is quarantined so.
     */
    SALE_CHANGED_ON_RESEND,
    /**
     * The late void of a stored sale as its card payment reversed at the scale ({@code Sale.refundedReason}, otherwise as
     * stored), but not shown to be one the scale could make: it carries no time of the void ({@code Sale.voidedAt}: a
     * scale of an older build), or that time is later than the scale's reversal window after the sale
     * ({@code Sale.REVERSAL_WINDOW} plus the clock skew {@code TillCheck.FUTURE}), or later than the void arrived (plus
     * that skew). Kept for review; the stored sale stays counted.
     */
    LATE_VOID_OUTSIDE_WINDOW;

    /**
     * Whether HQ may release a sale quarantined for this reason into the takings after checking it: not for a store the
     * server does not know or another currency (it would be counted where it is no money of the store's), and not for an
     * id stored already (a re-send, a late void, another scale's id: releasing would double or rewrite a counted sale).
     */
    public boolean releasable() {
        return switch (this) {
            case UNKNOWN_STORE, FOREIGN_CURRENCY, SALE_ID_OF_ANOTHER_SCALE, SALE_CHANGED_ON_RESEND, LATE_VOID_OUTSIDE_WINDOW -> false;
            default -> true;
        };
    }
}
