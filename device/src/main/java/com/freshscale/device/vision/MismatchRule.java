package com.freshscale.device.vision;

import com.freshscale.protocol.pricebook.Plu;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Loss prevention: the shopper picked a PLU cheaper than the one the scale recognised with confidence. Between PLUs
 * of the same sale type the unit prices are compared. Between sale types (garlic on the platter, one melon charged)
 * unit prices say nothing about each other, so the total charged is set against what the same load would have cost
 * as the recognised item ({@link Charged}); without that value (per piece, no typical piece weight) nothing is
 * flagged. The sale carries the {@link Mismatch} for HQ; the shopper is not stopped — the scale can be wrong, and a
 * false accusation at the till costs more than the difference.
 *
 * @param minConfidence top-1 confidence from which a cheaper pick is flagged
 */
public record MismatchRule(double minConfidence) {

    /** What the two amounts of a {@link Mismatch} are. */
    public enum Basis {
        /** Same sale type: the unit prices in force of the picked and the recognised PLU. */
        UNIT_PRICE,
        /** Another sale type: the total charged, and what the load would have cost as the recognised PLU. */
        LOAD_TOTAL
    }

    /** The flag a sale carries: the picked amount is below the recognised one, compared on {@code basis}. */
    public record Mismatch(String pickedPlu, long pickedMinor, String recognisedPlu, long recognisedMinor, double confidence,
                           Basis basis) {
    }

    /**
     * What the sale charged, and what the load on the platter would have cost sold as another PLU ({@code loadAs}:
     * empty when that cannot be told).
     */
    public record Charged(long totalMinor, Function<Plu, OptionalLong> loadAs) {
    }

    public MismatchRule {
        if (!(minConfidence > 0 && minConfidence <= 1)) throw new IllegalArgumentException("minConfidence must be in (0, 1]");
    }

    /** As {@link #check(Plu, Candidates, ToLongFunction)} with each PLU's base unit price. */
    public Optional<Mismatch> check(Plu picked, Candidates recognised) {
        return check(picked, recognised, Plu::unitPriceMinor);
    }

    /** As {@link #check(Plu, Candidates, ToLongFunction, Charged)} for the same sale type only. */
    public Optional<Mismatch> check(Plu picked, Candidates recognised, ToLongFunction<Plu> unitPrice) {
        return check(picked, recognised, unitPrice, null);
    }

    /**
     * @param unitPrice the unit price in force now (the price book's schedule and promotions applied)
     * @param charged   the sale's total and the load's value as another PLU; null: PLUs of another sale type are not compared
     */
    public Optional<Mismatch> check(Plu picked, Candidates recognised, ToLongFunction<Plu> unitPrice, Charged charged) {
        if (recognised.outcome() != Candidates.Outcome.RECOGNISED) return Optional.empty();
        Optional<Candidates.Candidate> top = recognised.top();
        if (top.isEmpty()) return Optional.empty();
        Plu best = top.get().plu();
        double confidence = top.get().confidence();
        if (confidence < minConfidence || best.code().equals(picked.code())) return Optional.empty();
        if (!best.currency().equals(picked.currency())) return Optional.empty();
        if (best.saleType() == picked.saleType()) {
            long pickedPrice = unitPrice.applyAsLong(picked);
            long bestPrice = unitPrice.applyAsLong(best);
            if (pickedPrice >= bestPrice) return Optional.empty();
            return Optional.of(new Mismatch(picked.code(), pickedPrice, best.code(), bestPrice, confidence, Basis.UNIT_PRICE));
        }
        if (charged == null) return Optional.empty();
        OptionalLong would = charged.loadAs().apply(best);
        if (would.isEmpty() || charged.totalMinor() >= would.getAsLong()) return Optional.empty();
        return Optional.of(new Mismatch(picked.code(), charged.totalMinor(), best.code(), would.getAsLong(), confidence,
                Basis.LOAD_TOTAL));
    }
}
