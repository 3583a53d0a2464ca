package com.freshscale.server.ingest;

import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.PriceBook;
import com.freshscale.protocol.pricebook.Promotion;
import com.freshscale.protocol.pricebook.PromotionKind;
import com.freshscale.protocol.pricebook.SaleType;
import com.freshscale.protocol.sales.Sale;
import com.freshscale.protocol.signing.Ed25519Keys;
import com.freshscale.protocol.signing.PriceBookSigner;
import com.freshscale.protocol.signing.PriceBookVerifier;
import com.freshscale.server.store.ServerDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * A till check over a real database without a broker: store s1 (EUR) with one signed book, published at
 * {@link #PUBLISHED}, and a server clock at {@link #NOW}. Sales are made as the device's SaleSession makes them.
 */
final class TillFixture {
    static final Instant NOW = Instant.parse("2025-03-10T12:00:00Z");
    static final Instant PUBLISHED = NOW.minus(Duration.ofDays(2));
    static final String REFERENCE = "52500038/000117/000042";

    final ServerDatabase db;
    final TillCheck till;
    final PriceBook book;

    TillFixture(Path dir) throws Exception {
        this(dir, List.of(), List.of(new Promotion("bananas-20", "4011", PromotionKind.PERCENT_OFF, 2000, PUBLISHED,
                NOW.plus(Duration.ofDays(30)), Map.of("en", "Offer -20 %"))));
    }

    /** With the book's scheduled prices and promotions {@code scheduled} and {@code promotions} instead. */
    TillFixture(Path dir, List<com.freshscale.protocol.pricebook.ScheduledPrice> scheduled, List<Promotion> promotions)
            throws Exception {
        db = ServerDatabase.open("jdbc:sqlite:" + dir.resolve("till.db"));
        KeyPair keys = Ed25519Keys.generate();
        book = new PriceBook("s1", 1, PUBLISHED, "EUR", List.of(
                new Plu("4011", Map.of("en", "Bananas", "de", "Bananen"), SaleType.PER_KG, 199, "EUR", 0, 5, "ean13-price", "default",
                        List.of(), true),
                new Plu("4608", Map.of("en", "Garlic"), SaleType.PER_KG, 999, "EUR", 0, 5, "ean13-price", "default", List.of(), true),
                new Plu("4225", Map.of("en", "Avocados"), SaleType.PER_PIECE, 129, "EUR", 0, 5, "ean13-price", "default",
                        List.of(), true).withTypicalPieceMg(200_000L)),
                scheduled, promotions);
        byte[] signed = new PriceBookSigner(keys).sign(book);
        try (Connection c = db.connect()) {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO store (store_id, name, currency, revision, published_revision, "
                    + "published_version) VALUES ('s1', 'Market Street', 'EUR', 1, 1, 1)")) {
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO published_book_version (store_id, version, published_ms, payload, "
                    + "revision) VALUES ('s1', 1, ?, ?, 1)")) {
                p.setLong(1, PUBLISHED.toEpochMilli());
                p.setString(2, new String(signed, StandardCharsets.UTF_8));
                p.executeUpdate();
            }
        }
        till = new TillCheck(db, new PriceBookVerifier(List.of(keys.getPublic())), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** A per-kg sale of bananas at 1.99 as a scale prints it (EAN-13 21 IIIII PPPPP C with the total). */
    static Sale bananas(long netMg, Instant soldAt) throws Exception {
        long total = java.math.BigDecimal.valueOf(199L * netMg, 6).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
        return new Sale(Sale.newId(), "s1", "a", 1, "4011", SaleType.PER_KG, netMg, 0, 199, null, total, "EUR",
                com.freshscale.protocol.barcode.BarcodeLayouts.EAN13_PRICE.encode("4011", total), soldAt, 1, null, null, false, 1, false);
    }
}
