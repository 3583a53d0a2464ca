package com.freshscale.server.ingest;

import com.freshscale.protocol.barcode.BarcodeFieldException;
import com.freshscale.protocol.barcode.BarcodeLayout;
import com.freshscale.protocol.barcode.BarcodeLayouts;
import com.freshscale.protocol.barcode.DecodedBarcode;
import com.freshscale.protocol.barcode.EmbeddedValue;
import com.freshscale.protocol.barcode.Gs1CheckDigit;
import com.freshscale.protocol.codec.MessageRejectedException;
import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.PriceBook;
import com.freshscale.protocol.pricebook.Promotion;
import com.freshscale.protocol.pricebook.SaleType;
import com.freshscale.protocol.sales.Sale;
import com.freshscale.protocol.signing.PriceBookVerifier;
import com.freshscale.protocol.status.WeighingRange;
import com.freshscale.server.scales.ScaleRanges;
import com.freshscale.server.store.ServerDatabase;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a sale as a till checks an item before taking money for it: the store exists and the sale is in its
 * currency; it was sold at a plausible time by the server's clock; the price-book version that priced it was
 * published for that store; the PLU is in that book with that sale type; the unit price is the one that book
 * gives at the time the scale fixed it ({@link Sale#pricedTime}: the press, before a card payment; the time of sale
 * for older scales), regular, scheduled or the promotion named; and the total is unit price × quantity
 * (within the rounding a scale may apply); and the barcode is one a till would charge that total for (its check digit,
 * and for a PLU of a standard layout the PLU and the total, or the net weight, it carries). A sale that fails is
 * quarantined with the reason, never counted.
 * Thread-safe: the decoders call it in parallel; stores and books are cached.
 */
final class TillCheck {
    /** A scale's clock may run ahead of the server's by this much (NTP lost for a while). */
    static final Duration FUTURE = Duration.ofMinutes(10);
    /**
     * A sale may arrive this late: a scale sells offline and its outbox holds 100,000 sales (weeks of a busy
     * scale's trade); older than that is a wrong clock or a replay.
     */
    static final Duration PAST = Duration.ofDays(31);
    /**
     * A total may differ from the exact unit price × quantity by less than this: the scale rounds to its
     * configured increment (cash rounding to 5 minor units is the widest in use, e.g. Finland, the Netherlands,
     * Switzerland), up, down or to nearest.
     */
    static final long ROUNDING_MINOR = 5;
    /** The smallest scale interval of a class III scale, 0.1 g (OIML R76-1 Table 3). */
    static final long SMALLEST_E_MG = 100;
    /** The heaviest net of a scale that does not report its ranges: no FreshScale configuration has a Max above 60 kg. */
    static final long UNKNOWN_SCALE_MAX_MG = WeighingRange.MAX_MG;
    private static final long STORE_REFRESH_MS = 2_000;
    /** The layouts every scale knows by name; a scale's own ones ({@code pricing.barcodeLayouts}) the server does not see. */
    private static final BarcodeLayouts LAYOUTS = BarcodeLayouts.standard();
    /** The layouts a till charges by (price or weight embedded): a PAID label must not read as one of them. */
    private static final java.util.List<BarcodeLayout> TILL_LAYOUTS = java.util.List.of(BarcodeLayouts.EAN13_PRICE,
            BarcodeLayouts.EAN13_PRICE_VERIFIER, BarcodeLayouts.UK_PRICE_VERIFIER, BarcodeLayouts.UPCA_PRICE_VERIFIER,
            BarcodeLayouts.EAN13_WEIGHT);

    /** A failed check. */
    record Verdict(QuarantineReason reason, String detail) {}

    private record StoreFacts(String currency, long publishedVersion) {}

    /** A book version and when the server published it (a scale has it from then on, not before). */
    private record Published(PriceBook book, Instant at) {}

    private final ServerDatabase database;
    private final PriceBookVerifier verifier;
    private final Clock clock;
    private final ScaleRanges ranges;
    private volatile Map<String, StoreFacts> stores = Map.of();
    private volatile long storesLoadedMs;
    private final Map<String, Published> books = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Published> e) {
            return size() > 64;
        }
    };

    TillCheck(ServerDatabase database, PriceBookVerifier verifier, Clock clock) {
        this(database, verifier, clock, new ScaleRanges(database));
    }

    /** With {@code ranges}, the weighing ranges the scales reported (kept up to date by the {@code ScaleTracker}). */
    TillCheck(ServerDatabase database, PriceBookVerifier verifier, Clock clock, ScaleRanges ranges) {
        this.ranges = ranges;
        this.database = database;
        this.verifier = verifier;
        this.clock = clock;
    }

    /** Null if the sale is fine, else why not. */
    Verdict check(Sale s) {
        StoreFacts store = store(s.storeId());
        if (store == null) return new Verdict(QuarantineReason.UNKNOWN_STORE, "no store " + s.storeId());
        if (!s.currency().equals(store.currency())) {
            return new Verdict(QuarantineReason.FOREIGN_CURRENCY, s.currency() + " in a " + store.currency() + " store");
        }
        Verdict text = ScaleText.check(s);
        if (text != null) return text;
        Instant now = clock.instant();
        if (s.soldAt().isAfter(now.plus(FUTURE)) || s.soldAt().isBefore(now.minus(PAST))) {
            return new Verdict(QuarantineReason.IMPLAUSIBLE_TIME, "sold at " + s.soldAt() + ", server time " + now);
        }
        if (s.priceBookVersion() > store.publishedVersion()) {
            reloadStores(clock.millis()); // published a moment ago, maybe by another instance
            store = stores.getOrDefault(s.storeId(), store);
        }
        Published published = s.priceBookVersion() < 1 || s.priceBookVersion() > store.publishedVersion() ? null
                : book(s.storeId(), s.priceBookVersion());
        if (published == null) {
            return new Verdict(QuarantineReason.UNKNOWN_BOOK_VERSION, "price book version " + s.priceBookVersion()
                    + " was not published for store " + s.storeId() + " (latest " + store.publishedVersion() + ")");
        }
        // a scale prices by a version only once it has it: a sale dated before then is back-dated (into a closed
        // business day), or its scale's clock is further behind than FUTURE allows it to be ahead
        if (s.soldAt().isBefore(published.at().minus(FUTURE))) {
            return new Verdict(QuarantineReason.IMPLAUSIBLE_TIME, "sold at " + s.soldAt() + ", before price book version "
                    + s.priceBookVersion() + " that priced it was published (" + published.at() + ")");
        }
        PriceBook book = published.book();
        Optional<Plu> found = book.plu(s.pluCode());
        if (found.isEmpty()) {
            return new Verdict(QuarantineReason.UNKNOWN_PLU, "PLU " + s.pluCode() + " is not in price book version " + book.version());
        }
        Plu plu = found.get();
        if (plu.saleType() != s.saleType()) {
            return new Verdict(QuarantineReason.UNKNOWN_PLU, "PLU " + s.pluCode() + " is sold " + plu.saleType() + ", not " + s.saleType());
        }
        // the price as the scale fixed it, at the press (pricedAt), not when the sale was recorded after a card payment:
        // a promotion that ended while the shopper paid was in force when the scale charged it
        Instant pricedAt = s.pricedTime();
        long regular = book.unitPriceAt(plu, pricedAt);
        long expected = regular;
        Promotion p = null;
        if (s.promotionId() != null) {
            p = book.promotions().stream().filter(x -> x.id().equals(s.promotionId()) && x.pluCode().equals(plu.code()))
                    .findFirst().orElse(null);
            if (p == null || !p.validAt(pricedAt)) {
                return new Verdict(QuarantineReason.WRONG_PRICE, "promotion " + s.promotionId() + " is not in force for PLU "
                        + plu.code() + " at " + pricedAt + pricedWhen(s) + " in price book version " + book.version());
            }
            expected = p.unitPrice(regular).setScale(0, RoundingMode.HALF_UP).longValueExact();
        }
        // a percentage off is rounded to a whole minor unit by the scale's own rule (up, down or nearest)
        long unitTolerance = s.promotionId() != null ? 1 : 0;
        if (Math.abs(s.unitPriceMinor() - expected) > unitTolerance) {
            return new Verdict(QuarantineReason.WRONG_PRICE, "unit price " + s.unitPriceMinor() + ", price book version "
                    + book.version() + " gives " + expected + " at " + pricedAt + pricedWhen(s));
        }
        BigDecimal exact = s.saleType().exactTotal(s.unitPriceMinor(), s.netMg(), s.count());
        if (exact.subtract(BigDecimal.valueOf(s.totalMinor())).abs().compareTo(BigDecimal.valueOf(ROUNDING_MINOR)) >= 0) {
            return new Verdict(QuarantineReason.WRONG_TOTAL, "total " + s.totalMinor() + " but " + s.unitPriceMinor() + " × "
                    + quantity(s) + " = " + exact.setScale(2, RoundingMode.HALF_UP).toPlainString());
        }
        Verdict weight = weight(s);
        if (weight != null) return weight;
        Verdict soldAs = SoldAsCheck.check(s, plu, regular, p);
        return soldAs != null ? soldAs : barcode(s, plu);
    }

    /**
     * {@code s}, which passed {@link #check}, with the loss-prevention flags HQ adds from the book that priced it
     * ({@link LossFlags}). The same sale gives the same flags every time (a book version never changes), so a re-sent sale
     * compares equal to the stored one.
     */
    Sale flagged(Sale s) {
        Published published = book(s.storeId(), s.priceBookVersion());
        return published == null ? s : LossFlags.judge(s, published.book());
    }

    /**
     * A per-kg net weight as the scale that weighed it indicates it (a per-piece or fixed sale's net is the load seen, for
     * loss prevention, not charged: not judged).
     *
     * <p>A scale that reported its weighing ranges in its status ({@link ScaleRanges}): Min ≤ net ≤ Max + 9 e of the top
     * range, and net a multiple of the e of the partial range that holds it ({@link WeighingRange#judge}: OIML R76-1 3.2,
     * 4.2.3 and Table 3, Min = 20 e1). A sale sold before the scale's latest change of ranges (by the server's clock, with
     * the skew a scale's clock may have) may also fit the ranges before that change: a re-configured scale's outbox still
     * holds sales it weighed with its old ones.
     *
     * <p>A scale that never reported its ranges (older firmware): every approved class III scale has e = 1, 2 or 5 × 10^k
     * g with e ≥ 0.1 g (R76-1 3.4.2 and Table 3), so a net that is not a whole multiple of 0.1 g, or below 2 g (20 × 0.1
     * g), was weighed by no scale; nor one above 60 kg, the heaviest Max of any FreshScale configuration.
     *
     * <p>A sale stored already is not judged again here: a resend is compared with the stored sale ({@link Resent}).
     */
    private Verdict weight(Sale s) {
        if (s.saleType() != SaleType.PER_KG) return null;
        Optional<ScaleRanges.Known> known = ranges.known(s.storeId(), s.scaleId());
        String why;
        if (known.isEmpty()) {
            why = s.netMg() % SMALLEST_E_MG != 0 || s.netMg() < 20 * SMALLEST_E_MG
                    ? "no class III scale indicates it (a multiple of its e, at least 0.1 g, and at least Min = 20 e)"
                    : s.netMg() > UNKNOWN_SCALE_MAX_MG
                    ? "above " + WeighingRange.grams(UNKNOWN_SCALE_MAX_MG) + ", the heaviest Max of any FreshScale scale (scale "
                            + s.scaleId() + " has not reported its weighing ranges)"
                    : null;
        } else {
            ScaleRanges.Known k = known.get();
            String judged = WeighingRange.judge(k.ranges(), s.netMg());
            if (judged != null && k.previous() != null && s.soldAt().isBefore(Instant.ofEpochMilli(k.sinceMs()).plus(FUTURE))
                    && WeighingRange.judge(k.previous(), s.netMg()) == null) {
                judged = null;
            }
            why = judged == null ? null : judged + ": scale " + s.scaleId() + " weighs " + WeighingRange.describe(k.ranges())
                    + " (OIML R76-1 3.2, 4.2.3, Table 3)";
        }
        if (why == null || stored(s.saleId())) return null;
        return new Verdict(QuarantineReason.IMPLAUSIBLE_WEIGHT, "net " + quantity(s) + ": " + why);
    }

    /** Whether a sale with this id is stored (counted) already. */
    private boolean stored(String saleId) {
        return database.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM sale WHERE sale_id = ?")) {
                p.setString(1, saleId);
                try (ResultSet r = p.executeQuery()) {
                    return r.next();
                }
            }
        });
    }

    /**
     * The barcode as a till reads it. Every layout ends in the GS1 check digit. A label paid at the scale carries the
     * scale's own PAID barcode (device {@code PaymentConfig.paidBarcode}: a prefix the till does not charge, the total or
     * zero), which must not read as a till layout charging it ({@link #paidBarcode}); a layout the scale configures itself is
     * unknown here: for it the check digit is all there is to check.
     * Otherwise the barcode must read back through the PLU's layout (fixed digits, price verifier) as that PLU with the
     * total charged (a price layout) or the net weight in grams the scale rounds it to (a weight layout).
     */
    private static Verdict barcode(Sale s, Plu plu) {
        String b = s.barcode();
        int last = b.length() - 1;
        int check = Gs1CheckDigit.of(b.substring(0, last));
        if (check != b.charAt(last) - '0') {
            return new Verdict(QuarantineReason.WRONG_BARCODE, "barcode " + b + ": the check digit is " + b.charAt(last)
                    + ", not " + check + " (GS1 mod 10): no till reads it");
        }
        if (s.paymentReference() != null) return paidBarcode(s);
        BarcodeLayout layout = LAYOUTS.find(plu.barcodeLayout()).orElse(null);
        if (layout == null) return null;
        DecodedBarcode d;
        try {
            d = layout.decode(b);
        } catch (BarcodeFieldException e) {
            return new Verdict(QuarantineReason.WRONG_BARCODE, "barcode " + b + " is not one of PLU " + plu.code() + "'s layout "
                    + layout + ": " + e.getMessage());
        }
        if (Long.parseLong(d.item()) != Long.parseLong(plu.code())) {
            return new Verdict(QuarantineReason.WRONG_BARCODE, "barcode " + b + " carries item " + d.item() + ", not PLU " + plu.code());
        }
        if (d.kind() == EmbeddedValue.PRICE && d.value() != s.totalMinor()) {
            return new Verdict(QuarantineReason.WRONG_BARCODE, "barcode " + b + " carries the price " + d.value()
                    + " but the sale's total is " + s.totalMinor() + ": a till would charge " + d.value());
        }
        if (d.kind() == EmbeddedValue.WEIGHT_G) {
            long grams = BigDecimal.valueOf(s.netMg()).divide(BigDecimal.valueOf(1000), 0, RoundingMode.HALF_UP).longValueExact();
            if (d.value() != grams) {
                return new Verdict(QuarantineReason.WRONG_BARCODE, "barcode " + b + " carries " + d.value() + " g but the sale's net is "
                        + quantity(s));
            }
        }
        return null;
    }

    /**
     * A PAID label's barcode must be one the till does not charge, the mirror of the unpaid case: the scale refuses a
     * {@code paidBarcode} that starts like a till layout of its length unless it carries the value 0
     * (device {@code PaymentConfig.checkAgainst}), so a paid sale whose barcode reads through a standard till layout with
     * a value other than 0 is charged a second time at the till: a scale lying about the payment, or misconfigured.
     * A scale's own till layouts ({@code pricing.barcodeLayouts}) the server does not know: only the standard ones are judged.
     */
    private static Verdict paidBarcode(Sale s) {
        for (BarcodeLayout till : TILL_LAYOUTS) {
            DecodedBarcode d;
            try {
                d = till.decode(s.barcode());
            } catch (BarcodeFieldException e) {
                continue; // not this layout (length, fixed digits or verifier)
            }
            if (d.value() != 0) {
                return new Verdict(QuarantineReason.WRONG_BARCODE, "barcode " + s.barcode() + " of a sale paid at the scale ("
                        + s.paymentReference() + ") reads as till layout " + till.name() + " with " + d.value() + " ("
                        + d.kind() + "): the till would charge the paid label again");
            }
        }
        return null;
    }

    /** What the time a price is judged at is: the press for a scale that sends it, else the time of sale. */
    private static String pricedWhen(Sale s) {
        return s.pricedAt() != null ? " (priced; sold at " + s.soldAt() + ")" : " (sold)";
    }

    private static String quantity(Sale s) {
        return switch (s.saleType()) {
            case PER_KG -> BigDecimal.valueOf(s.netMg(), 6).stripTrailingZeros().toPlainString() + " kg";
            case PER_PIECE -> s.count() + " pieces";
            case FIXED -> "1";
        };
    }

    private StoreFacts store(String storeId) {
        StoreFacts f = stores.get(storeId);
        long now = clock.millis();
        // a store not known yet (just created) or a version newer than the one cached (just published): read again
        if (f == null || now - storesLoadedMs > STORE_REFRESH_MS) {
            reloadStores(now);
            f = stores.get(storeId);
        }
        return f;
    }

    /** A newer book than the cached facts know about: read the stores again at once. */
    private synchronized void reloadStores(long now) {
        if (now - storesLoadedMs <= 50 && !stores.isEmpty()) return; // another decoder just did
        Map<String, StoreFacts> m = database.read(c -> {
            Map<String, StoreFacts> out = new java.util.HashMap<>();
            try (PreparedStatement p = c.prepareStatement("SELECT store_id, currency, published_version FROM store");
                 ResultSet r = p.executeQuery()) {
                while (r.next()) out.put(r.getString(1), new StoreFacts(r.getString(2), r.getLong(3)));
            }
            return out;
        });
        stores = Map.copyOf(m);
        storesLoadedMs = now;
    }

    private Published book(String storeId, long version) {
        String key = storeId + "\u0000" + version;
        synchronized (books) {
            Published b = books.get(key);
            if (b != null) return b;
        }
        Object[] row = database.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT payload, published_ms FROM published_book_version WHERE store_id = ? "
                    + "AND version = ?")) {
                p.setString(1, storeId);
                p.setLong(2, version);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? new Object[] {r.getString(1), r.getLong(2)} : null;
                }
            }
        });
        if (row == null) return null;
        Published b;
        try {
            b = new Published(verifier.verify(storeId, ((String) row[0]).getBytes(StandardCharsets.UTF_8)),
                    Instant.ofEpochMilli((Long) row[1]));
        } catch (MessageRejectedException e) {
            return null; // signed by a key no longer trusted (rotated): treated as not published
        }
        synchronized (books) {
            books.put(key, b);
        }
        return b;
    }
}
