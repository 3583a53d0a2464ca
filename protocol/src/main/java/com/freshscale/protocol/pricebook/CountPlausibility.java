package com.freshscale.protocol.pricebook;


/**
 * Whether a shopper's piece count fits the load on the platter, for a per-piece item with a typical piece weight
 * (loss prevention). The sale is never refused for it: an implausible count is sent to HQ flagged
 * ({@code Sale.countImplausible}), where the honesty report lists it.
 *
 * <p>The band is on the mean piece weight (net ÷ count): plausible from {@value #LOW_PERMILLE}‰ to
 * {@value #HIGH_PERMILLE}‰ of the typical piece weight. Why those bounds: loose produce is not graded for
 * uniformity on the shelf (the size codes of Regulation (EU) No 543/2011 Annex I Part B span a factor of about
 * two in weight for citrus, and the uniformity rules apply to packages, not to what a shopper picks from a crate),
 * so one piece may well be half or one and a half times the typical weight. A band that wide still flags what
 * matters: a count that covers fewer than 5 of every 8 pieces on the platter (3 kiwis entered for 5 on it, 1 lemon
 * for 2), and a count far too high for the load (twice as many pieces as lie there: a count typed wrongly). A count one off on many pieces is within
 * the natural spread and not flagged: flags HQ must follow up should be rare and meaningful.
 */
public final class CountPlausibility {
    /** Lowest plausible mean piece weight, per mille of the typical weight. */
    public static final long LOW_PERMILLE = 500;
    /** Highest plausible mean piece weight, per mille of the typical weight. */
    public static final long HIGH_PERMILLE = 1600;

    private CountPlausibility() {
    }

    /**
     * The judgement for a sale of {@code count} pieces of {@code plu} on {@code netMg}: null when it is not judged
     * (not per piece, no typical piece weight), else whether the count is implausible.
     */
    public static Boolean implausible(Plu plu, int count, long netMg) {
        if (plu.saleType() != SaleType.PER_PIECE || plu.typicalPieceMg() == null) return null;
        return !plausible(count, netMg, plu.typicalPieceMg());
    }

    /**
     * The fewest pieces of {@code typicalMg} that {@link #plausible} accepts for {@code netMg} (at least 1): the count
     * an honest shopper could have entered for that load without a flag, so a load valued at it is never overvalued.
     */
    public static int fewestPieces(long netMg, long typicalMg) {
        if (typicalMg < 1) throw new IllegalArgumentException("typical piece weight must be positive, got " + typicalMg);
        if (netMg < 0) throw new IllegalArgumentException("net weight must not be negative, got " + netMg);
        // the smallest n with netMg × 1000 ≤ n × typical × HIGH: a ceiling division
        long perPiece = typicalMg * HIGH_PERMILLE;
        long n = (netMg * 1000 + perPiece - 1) / perPiece;
        return (int) Math.max(1, Math.min(n, Integer.MAX_VALUE));
    }

    /** Whether {@code netMg ÷ count} lies within the band around {@code typicalMg} (integer arithmetic, bounds included). */
    public static boolean plausible(int count, long netMg, long typicalMg) {
        if (count < 1) throw new IllegalArgumentException("count must be at least 1, got " + count);
        if (typicalMg < 1) throw new IllegalArgumentException("typical piece weight must be positive, got " + typicalMg);
        if (netMg < 0) throw new IllegalArgumentException("net weight must not be negative, got " + netMg);
        // net / count within [LOW, HIGH] × typical / 1000, multiplied out: at most 30 kg × 1000 × 999, far inside a long
        long scaledNet = netMg * 1000;
        long expected = (long) count * typicalMg;
        return scaledNet >= expected * LOW_PERMILLE && scaledNet <= expected * HIGH_PERMILLE;
    }
}
