package com.freshscale.server.ingest;

import com.freshscale.protocol.pricebook.CountPlausibility;
import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.PriceBook;
import com.freshscale.protocol.pricebook.Promotion;
import com.freshscale.protocol.pricebook.SaleType;
import com.freshscale.protocol.sales.Sale;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * The loss-prevention flags of a sale judged again at HQ from what the sale carries and the book that priced it, so that
 * a scale that sends {@code mismatch=false} or {@code countImplausible=false} for a sale its own rules flag does not
 * take the sale out of HQ's mismatch list (the probe: garlic recognised at 0.99, sold as bananas, not listed). A flag is
 * only ever added: the scale knows more (its confidence threshold, its rounding), so one it set stays.
 *
 * <p>The mismatch is the scale's rule ({@code MismatchRule}): a PLU picked cheaper than a confidently recognised one,
 * by unit price for the same sale type, else the total charged against the load valued as the recognised item. HQ
 * judges from {@link #CONFIDENCE}, the scales' default threshold (a store that raised it on its scales sees more flags
 * at HQ than on the scale, never fewer), and only where the pick is cheaper under any rounding a scale may apply, so
 * no honest sale the scale did not flag is flagged for a cent of rounding. The count is {@link CountPlausibility} on
 * the load the sale carries, the scale's own rule on the same numbers; a sale without a load (older scales send 0) is
 * not judged.
 */
final class LossFlags {
    /** The scales' default {@code recognition.mismatchConfidence} (device RecognitionConfig). */
    static final double CONFIDENCE = 0.70;

    private LossFlags() {}

    /** {@code s} with the flags HQ's judgement adds; {@code s} itself when it adds none. */
    static Sale judge(Sale s, PriceBook book) {
        Optional<Plu> sold = book.plu(s.pluCode());
        if (sold.isEmpty()) return s;
        boolean mismatch = !s.mismatch() && cheaperThanRecognised(s, sold.get(), book);
        Boolean implausible = s.countImplausible();
        if (s.saleType() == SaleType.PER_PIECE && s.netMg() > 0 && !Boolean.TRUE.equals(implausible)) {
            Boolean judged = CountPlausibility.implausible(sold.get(), s.count(), s.netMg());
            if (judged != null) implausible = judged;
        }
        if (!mismatch && java.util.Objects.equals(implausible, s.countImplausible())) return s;
        return new Sale(s.saleId(), s.storeId(), s.scaleId(), s.saleNumber(), s.pluCode(), s.saleType(), s.netMg(), s.count(),
                s.unitPriceMinor(), s.promotionId(), s.totalMinor(), s.currency(), s.barcode(), s.soldAt(), s.priceBookVersion(),
                s.recognisedPlu(), s.recognitionConfidence(), s.autoPicked(), s.chosenRank(), s.mismatch() || mismatch,
                s.paymentReference(), s.voidReason(), implausible, s.itemName(), s.regularUnitPriceMinor(), s.promotionText(),
                s.discountMinor(), s.voidedAt(), s.pricedAt());
    }

    private static boolean cheaperThanRecognised(Sale s, Plu sold, PriceBook book) {
        if (s.recognisedPlu() == null || s.recognisedPlu().equals(s.pluCode())) return false;
        if (s.recognitionConfidence() == null || s.recognitionConfidence() < CONFIDENCE) return false;
        Optional<Plu> seen = book.plu(s.recognisedPlu());
        if (seen.isEmpty()) return false;
        BigDecimal seenUnit = lowestUnitPrice(book, seen.get(), s);
        if (seen.get().saleType() == s.saleType()) {
            // the scale compares the unit prices each rounded by its rule: below the recognised one's floor is below it
            return s.unitPriceMinor() < seenUnit.setScale(0, RoundingMode.FLOOR).longValueExact();
        }
        // the load on the platter: a per-kg sale's net is after its own preset tare, the others carry the load itself
        long loadMg = s.netMg() + (s.saleType() == SaleType.PER_KG ? sold.presetTareMg() : 0);
        long netMg = loadMg - seen.get().presetTareMg();
        if (s.netMg() <= 0 || netMg <= 0) return false;
        long pieces = 0;
        if (seen.get().saleType() == SaleType.PER_PIECE) {
            if (seen.get().typicalPieceMg() == null) return false;
            pieces = CountPlausibility.fewestPieces(netMg, seen.get().typicalPieceMg());
        }
        BigDecimal value = exact(seen.get().saleType(), seenUnit, netMg, pieces);
        // the scale rounds the load's value by its rule, less than ROUNDING_MINOR from the exact value
        return BigDecimal.valueOf(s.totalMinor() + TillCheck.ROUNDING_MINOR).compareTo(value) <= 0;
    }

    private static BigDecimal exact(SaleType type, BigDecimal unit, long netMg, long pieces) {
        return switch (type) {
            case PER_KG -> unit.multiply(BigDecimal.valueOf(netMg)).divide(BigDecimal.valueOf(1_000_000));
            case PER_PIECE -> unit.multiply(BigDecimal.valueOf(pieces));
            case FIXED -> unit;
        };
    }

    /**
     * The lowest unit price the recognised item had when the sale was priced ({@link Sale#pricedTime}, as the scale
     * compared them): its price in force, or a promotion's, exact.
     */
    private static BigDecimal lowestUnitPrice(PriceBook book, Plu plu, Sale s) {
        long regular = book.unitPriceAt(plu, s.pricedTime());
        BigDecimal lowest = BigDecimal.valueOf(regular);
        for (Promotion p : book.promotionsAt(plu.code(), s.pricedTime())) {
            BigDecimal promoted = p.unitPrice(regular);
            if (promoted.compareTo(lowest) < 0) lowest = promoted;
        }
        return lowest;
    }
}
