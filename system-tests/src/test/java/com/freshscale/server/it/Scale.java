package com.freshscale.server.it;

import com.freshscale.device.store.DeviceDatabase;
import com.freshscale.device.sync.ScaleHealth;
import com.freshscale.device.sync.ScaleSync;
import com.freshscale.device.sync.SyncConfig;
import com.freshscale.protocol.pricebook.SaleType;
import com.freshscale.protocol.sales.Sale;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** A scale's sync stage as the app runs it: its own SQLite database, config and MQTT client. */
final class Scale {
    private Scale() {}

    /** A scale with the identity {@code credentials} (an enrollment file, see {@link TestServer#enrol}). */
    static SyncConfig config(String store, String scale, String brokerUrl, Path publicKey, int capacity, Path credentials) {
        return new SyncConfig(store, scale, brokerUrl, List.of(publicKey.toString()), capacity, 90, 100, 5, 10, 24,
                credentials.toString(), "http://127.0.0.1:9");
    }

    /** Issues the scale's identity in {@code ids} and writes its enrollment file, as {@code POST /api/enroll} gives it. */
    static Path enrol(com.freshscale.server.identity.Identities ids, Path publicKey, Path file, String store, String scale)
            throws Exception {
        var c = ids.issueScale(store, scale);
        var e = new com.freshscale.protocol.enrollment.Enrollment(com.freshscale.protocol.enrollment.Enrollment.SCHEMA, store, scale,
                c.userName(), new String(c.password()), java.nio.file.Files.readString(publicKey), null);
        java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
        java.nio.file.Files.write(file, com.freshscale.protocol.codec.MessageCodec.encode(e));
        return file;
    }

    /** Scale {@code scale} of {@code store}, enrolled with {@code server} (its file in {@code dir}). */
    static SyncConfig config(TestServer server, Path dir, String store, String scale, int capacity) throws Exception {
        Path credentials = server.enrol(dir.resolve("identity-" + store + "-" + scale + ".json"), store, scale);
        return config(store, scale, server.brokerUrl, server.publicKey(), capacity, credentials);
    }

    static ScaleSync start(Path db, SyncConfig config) {
        return ScaleSync.start(config, DeviceDatabase.open(db), ScaleHealth.UNKNOWN);
    }

    /**
     * The day the test sales are made on: yesterday (UTC), at 10:00 UTC plus one second per sale number, so they are
     * always inside the server's window of plausible sale times, and a business-day test knows their day.
     */
    static final Instant BASE = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1).atTime(10, 0)
            .toInstant(java.time.ZoneOffset.UTC);

    /** {@link #BASE}'s UTC date plus {@code days}, as YYYY-MM-DD. */
    static String day(int days) {
        return java.time.LocalDate.ofInstant(BASE, java.time.ZoneOffset.UTC).plusDays(days).toString();
    }

    /** A sale of bananas (PLU 4011, per kg) at {@code unitPrice} from book {@code version}, its total as a till computes it. */
    static Sale sale(String store, String scale, long number, long version, long unitPrice) {
        long netMg = 1_000_000 + number * 100; // a weight a scale can show: a multiple of 0.1 g, the finest e of class III
        long total = java.math.BigDecimal.valueOf(unitPrice).multiply(java.math.BigDecimal.valueOf(netMg))
                .divide(java.math.BigDecimal.valueOf(1_000_000), 0, java.math.RoundingMode.HALF_UP).longValueExact();
        return new Sale(Sale.newId(), store, scale, number, "4011", SaleType.PER_KG, netMg, 0, unitPrice, null,
                total, "EUR", barcode("4011", total), BASE.plusSeconds(number), version, "4011", 0.9, false, 1, false);
    }

    /** {@code sale} paid at the scale by card payment {@code reference}: its label carries the PAID barcode (prefix 29), as a scale prints it. */
    static Sale paid(Sale sale, String reference) {
        try {
            String barcode = new com.freshscale.protocol.barcode.BarcodeLayout("paid", "29 IIIII PPPPP C").encode(sale.pluCode(), sale.totalMinor());
            return new Sale(sale.saleId(), sale.storeId(), sale.scaleId(), sale.saleNumber(), sale.pluCode(), sale.saleType(), sale.netMg(),
                    sale.count(), sale.unitPriceMinor(), sale.promotionId(), sale.totalMinor(), sale.currency(), barcode, sale.soldAt(),
                    sale.priceBookVersion(), sale.recognisedPlu(), sale.recognitionConfidence(), sale.autoPicked(), sale.chosenRank(),
                    sale.mismatch()).paidAtScale(reference);
        } catch (com.freshscale.protocol.barcode.BarcodeFieldException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The label's barcode as a scale prints it: EAN-13 {@code 21 IIIII PPPPP C} with the total (the ingest reads it back). */
    static String barcode(String plu, long total) {
        try {
            return com.freshscale.protocol.barcode.BarcodeLayouts.EAN13_PRICE.encode(plu, total);
        } catch (com.freshscale.protocol.barcode.BarcodeFieldException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The same at 1.99 EUR/kg ({@link TestServer#bananas}). */
    static Sale sale(String store, String scale, long number, long version) {
        return sale(store, scale, number, version, TestServer.BANANAS_PRICE);
    }

    /**
     * Records {@code n} sales the way the app does: the next sale number, then the sale, priced from the book the
     * scale holds (it waits up to 60 s for one with PLU 4011).
     */
    static void sell(ScaleSync s, String store, String scale, int n) {
        org.awaitility.Awaitility.await("a price book with PLU 4011 on scale " + scale).atMost(java.time.Duration.ofSeconds(60))
                .until(() -> s.currentPriceBook().flatMap(b -> b.plu("4011")).isPresent());
        var book = s.currentPriceBook().orElseThrow();
        long price = book.unitPriceAt(book.plu("4011").orElseThrow(), BASE);
        for (int i = 0; i < n; i++) s.recordSale(sale(store, scale, s.nextSaleNumber(), book.version(), price));
    }
}
