package com.freshscale.server.ingest;

import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.PriceBook;
import com.freshscale.protocol.sales.Sale;
import com.freshscale.server.prices.BookVersions;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * What a sale was sold as: its name, regular unit price, promotion text and discount, so that reports show the sale
 * as it was and not today's item. A scale sends them; for a sale of an older scale that does not, they are taken from
 * the book version that priced it ({@link BookVersions}). The discount is then recomputed from the regular price, with
 * half-up rounding to the minor unit (the demo scale's rounding; a store rounding otherwise may differ by a cent).
 */
final class SoldAs {
    /** The names of older scales' sales: the language the console and reports are in. */
    static final String LANGUAGE = "en";

    /** A sale and where its sold-as fields come from: "scale", "book", or null (unknown: reports use today's name). */
    record Filled(Sale sale, String source) {}

    private final BookVersions books;
    /**
     * Store/version → the book found for it, so that a batch of 500 sales of an older scale costs one look-up, not 500.
     * A miss is remembered for {@link #MISS_MS} only: the version may be signed a moment later.
     */
    private final java.util.Map<String, Optional<PriceBook>> found = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, Long> missedAt = new java.util.concurrent.ConcurrentHashMap<>();
    static final long MISS_MS = 5_000;

    SoldAs(BookVersions books) {
        this.books = books;
    }

    private Optional<PriceBook> book(Sale s) {
        String key = s.storeId() + "/" + s.priceBookVersion();
        Optional<PriceBook> hit = found.get(key);
        if (hit != null) return hit;
        Long missed = missedAt.get(key);
        if (missed != null && System.currentTimeMillis() - missed < MISS_MS) return Optional.empty();
        Optional<PriceBook> b = books.bookOf(s.storeId(), s.priceBookVersion(), s.soldAt());
        if (b.isPresent() && b.get().version() == s.priceBookVersion()) {
            if (found.size() > 1000) found.clear();
            found.put(key, b);
        } else if (b.isEmpty()) {
            if (missedAt.size() > 1000) missedAt.clear();
            missedAt.put(key, System.currentTimeMillis());
        }
        return b;
    }

    Filled fill(Sale s) {
        if (s.itemName() != null) return new Filled(s, "scale");
        Optional<PriceBook> book;
        try {
            book = book(s);
        } catch (RuntimeException e) {
            return new Filled(s, null); // stored all the same: a sale is never lost for want of its name
        }
        Optional<Plu> plu = book.flatMap(b -> b.plu(s.pluCode()));
        if (plu.isEmpty()) return new Filled(s, null);
        PriceBook b = book.get();
        long regular = b.unitPriceAt(plu.get(), s.pricedTime());
        String promotionText = null;
        Long discount = null;
        if (s.promotionId() != null) {
            promotionText = b.promotions().stream().filter(p -> p.id().equals(s.promotionId())).findFirst()
                    .map(p -> p.text(LANGUAGE)).orElse(null);
            discount = Math.max(0, total(s, regular) - s.totalMinor());
        }
        return new Filled(s.soldAs(plu.get().name(LANGUAGE), regular, promotionText, discount), "book");
    }

    private static long total(Sale s, long unit) {
        return s.saleType().exactTotal(unit, s.netMg(), s.count()).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
