package com.freshscale.server.console;

import com.freshscale.protocol.pricebook.CountPlausibility;
import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.PriceBook;
import com.freshscale.protocol.pricebook.SaleType;
import com.freshscale.server.prices.BookVersions;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Optional;

/**
 * The money at stake in a sale the scale flagged: what the load on the platter would have cost, less what was paid
 * (never negative), at the book prices that priced the sale. Two flags, the larger counts:
 * <ul>
 *   <li>a mismatch (a cheaper item picked than the one the scale saw): the load valued as the recognised item, as the
 *       scale's {@code pricing.LoadValue} does it — by weight, or the fewest pieces plausible for the load, or one label;</li>
 *   <li>an implausible count (fewer pieces entered than lie on the platter): the fewest pieces plausible for the load
 *       ({@link CountPlausibility#fewestPieces}) at the unit price charged.</li>
 * </ul>
 * The load is the sale's {@code netMg}: a per-piece or fixed sale carries the net weighed when it was priced (scales
 * from before that send 0, and then only a like-for-like valuation is possible). Rounded half up to the minor unit:
 * a report figure, not a price.
 */
final class AtStake {
    /** The flagged sale, as stored. */
    record Flagged(String storeId, String pluCode, String recognisedPlu, boolean mismatch, boolean countImplausible,
                   SaleType saleType, long netMg, long count, long unitPriceMinor, long totalMinor, long priceBookVersion,
                   Instant soldAt) {}

    private final BookVersions books;

    AtStake(BookVersions books) {
        this.books = books;
    }

    long of(Flagged s) {
        if (!s.mismatch() && !s.countImplausible()) return 0;
        Optional<PriceBook> book;
        try {
            book = books.bookOf(s.storeId(), s.priceBookVersion(), s.soldAt());
        } catch (RuntimeException e) {
            return 0;
        }
        if (book.isEmpty()) return 0;
        long would = 0;
        if (s.mismatch() && s.recognisedPlu() != null) {
            would = book.get().plu(s.recognisedPlu()).map(seen -> recognisedValue(book.get(), seen, s)).orElse(0L);
        }
        if (s.countImplausible() && s.saleType() == SaleType.PER_PIECE && s.netMg() > 0) {
            Long typical = book.get().plu(s.pluCode()).map(Plu::typicalPieceMg).orElse(null);
            if (typical != null && typical > 0) {
                would = Math.max(would, round(SaleType.PER_PIECE.exactTotal(s.unitPriceMinor(), 0,
                        CountPlausibility.fewestPieces(s.netMg(), typical))));
            }
        }
        return Math.max(0, would - s.totalMinor());
    }

    /** The load valued as the recognised item; 0 when the sale does not tell enough (another unit and no load). */
    private static long recognisedValue(PriceBook book, Plu seen, Flagged s) {
        // like for like the sale's own pieces; a per-piece item seen on a load sold otherwise: the fewest it plausibly holds
        long pieces = seen.saleType() != SaleType.PER_PIECE ? 0
                : s.saleType() == SaleType.PER_PIECE ? s.count()
                : s.netMg() > 0 && seen.typicalPieceMg() != null ? CountPlausibility.fewestPieces(s.netMg(), seen.typicalPieceMg()) : 0;
        return round(seen.saleType().exactTotal(book.unitPriceAt(seen, s.soldAt()), Math.max(0, s.netMg()), pieces));
    }

    private static long round(BigDecimal v) {
        return v.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
