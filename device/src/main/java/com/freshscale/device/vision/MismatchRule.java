package com.freshscale.device.vision;

import com.freshscale.protocol.pricebook.Plu;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * Loss prevention: the shopper picked a PLU cheaper than the one the scale recognised with confidence.
 * Compared on unit price and only between PLUs of the same sale type (a price per kg and a price per
 * piece are not comparable without a count). The sale carries the {@link Mismatch} for HQ; the shopper is
 * not stopped — the scale can be wrong, and a false accusation at the till costs more than the difference.
 *
 * @param minConfidence top-1 confidence from which a cheaper pick is flagged
 */
public record MismatchRule(double minConfidence) {

    /** The flag a sale carries. */
    public record Mismatch(String pickedPlu, long pickedUnitPriceMinor, String recognisedPlu,
                           long recognisedUnitPriceMinor, double confidence) {
    }

    public MismatchRule {
        if (!(minConfidence > 0 && minConfidence <= 1)) throw new IllegalArgumentException("minConfidence must be in (0, 1]");
    }

    /** As {@link #check(Plu, Candidates, ToLongFunction)} with each PLU's base unit price. */
    public Optional<Mismatch> check(Plu picked, Candidates recognised) {
        return check(picked, recognised, Plu::unitPriceMinor);
    }

    /**
     * @param unitPrice the unit price in force now (the price book's schedule and promotions applied)
     */
    public Optional<Mismatch> check(Plu picked, Candidates recognised, ToLongFunction<Plu> unitPrice) {
        if (recognised.outcome() != Candidates.Outcome.RECOGNISED) return Optional.empty();
        Optional<Candidates.Candidate> top = recognised.top();
        if (top.isEmpty()) return Optional.empty();
        Plu best = top.get().plu();
        double confidence = top.get().confidence();
        if (confidence < minConfidence || best.code().equals(picked.code())) return Optional.empty();
        if (best.saleType() != picked.saleType() || !best.currency().equals(picked.currency())) return Optional.empty();
        long pickedPrice = unitPrice.applyAsLong(picked);
        long bestPrice = unitPrice.applyAsLong(best);
        if (pickedPrice >= bestPrice) return Optional.empty();
        return Optional.of(new Mismatch(picked.code(), pickedPrice, best.code(), bestPrice, confidence));
    }
}
