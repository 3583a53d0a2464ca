package com.freshscale.protocol.pricebook;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The price book that ships with the scale (so a demo or a freshly installed scale can price before its
 * store server sends one) and that the server can start a demo store with: the 50 produce classes of the grocery-store dataset, with IFPS PLU codes where
 * they exist (resources {@code /pricebook/demo-price-book.csv} and {@code /pricebook/demo-promotions.csv}).
 */
public final class DemoPriceBook {
    public static final String STORE_ID = "demo-store";
    /** Version 1, so any book the server publishes supersedes it. */
    public static final long VERSION = 1;
    public static final Instant EFFECTIVE_FROM = Instant.parse("2026-01-01T00:00:00Z");
    /** The barcode layout of every demo PLU: EAN-13 {@code 21 IIIII PPPPP C}. */
    public static final String BARCODE_LAYOUT = "ean13-price";

    private DemoPriceBook() {
    }

    public static PriceBook load() {
        List<Plu> plus = read("/pricebook/demo-price-book.csv", 11, f -> new Plu(
                f[0],
                Map.of("en", f[3], "de", f[4]),
                SaleType.valueOf(f[5]),
                Long.parseLong(f[6]),
                "EUR",
                Long.parseLong(f[8]) * 1000,
                Integer.parseInt(f[7]),
                BARCODE_LAYOUT,
                "default",
                List.of(f[2]),
                true, f[10], null, null,
                f[9].isEmpty() ? null : Long.parseLong(f[9]) * 1000));
        List<Promotion> promotions = read("/pricebook/demo-promotions.csv", 8, f -> new Promotion(
                f[0], f[1], PromotionKind.valueOf(f[2]), Long.parseLong(f[3]), Instant.parse(f[4]), Instant.parse(f[5]),
                Map.of("en", f[6], "de", f[7])));
        return new PriceBook(STORE_ID, VERSION, EFFECTIVE_FROM, "EUR", plus, List.of(), promotions);
    }

    /** Whether the demo book marks {@code pluCode} as an IFPS code (rather than a store-assigned one). */
    public static boolean isIfps(String pluCode) {
        List<String[]> rows = read("/pricebook/demo-price-book.csv", 11, f -> f);
        return rows.stream().anyMatch(f -> f[0].equals(pluCode) && Boolean.parseBoolean(f[1]));
    }

    /** Rows of a simple CSV resource: '#' comment lines, one header line, no quoting (names have no commas). */
    private static <T> List<T> read(String resource, int columns, Function<String[], T> row) {
        InputStream in = DemoPriceBook.class.getResourceAsStream(resource);
        if (in == null) throw new IllegalStateException("resource " + resource + " is missing from the build");
        List<T> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            boolean header = true;
            int lineNo = 0;
            for (String line; (line = r.readLine()) != null; ) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#")) continue;
                if (header) {
                    header = false;
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != columns) {
                    throw new IllegalStateException(resource + ":" + lineNo + ": expected " + columns + " fields, got " + f.length);
                }
                out.add(row.apply(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
