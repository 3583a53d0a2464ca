package com.freshscale.device.pricing;

import com.freshscale.device.weighing.WeightReading;
import com.freshscale.protocol.pricebook.CountPlausibility;
import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.PriceBook;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * What the load on the platter would have cost sold as a PLU the shopper did not pick: loss prevention's yardstick
 * when the pick and the item the camera recognised are sold differently (per kg against per piece), where their unit
 * prices say nothing about each other. The mismatch rule sets it against the total actually charged.
 *
 * <p>It never overvalues the load, for a flag must hold up when HQ follows it: per kg, the net the item would be
 * priced on ({@link PriceCalculator#netAfterPresetTare}, its own preset tare taken off); per piece, the fewest pieces the load plausibly holds
 * ({@link CountPlausibility#fewestPieces}), and nothing at all without a typical piece weight (a count cannot be told
 * from the weight); a fixed price, one label. Prices are those in force, rounded as the scale rounds a total.
 */
public final class LoadValue {
    private final PriceCalculator calculator;

    public LoadValue(PriceCalculator calculator) {
        this.calculator = calculator;
    }

    /** The value of the load weighed as {@code reading} sold as {@code plu} at {@code at}; empty when it cannot be told. */
    public OptionalLong of(PriceBook book, Plu plu, WeightReading reading, Instant at) {
        if (reading == null) return OptionalLong.empty();
        long netMg = PriceCalculator.netAfterPresetTare(reading, plu);
        if (netMg <= 0) return OptionalLong.empty();
        return switch (plu.saleType()) {
            case PER_KG -> OptionalLong.of(calculator.totalAt(book, plu, at, netMg, 0));
            case PER_PIECE -> plu.typicalPieceMg() == null ? OptionalLong.empty()
                    : OptionalLong.of(calculator.totalAt(book, plu, at, 0, CountPlausibility.fewestPieces(netMg, plu.typicalPieceMg())));
            case FIXED -> OptionalLong.of(calculator.totalAt(book, plu, at, 0, 1));
        };
    }
}
