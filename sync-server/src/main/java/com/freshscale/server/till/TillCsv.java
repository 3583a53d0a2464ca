package com.freshscale.server.till;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the scan file a till exports (for tills that cannot call the HTTP API), RFC 4180 CSV with a header line:
 *
 * <pre>
 * till,scan_id,barcode,scanned_at,price
 * till-3,R0815-2,2104011002460,2026-12-06 14:03:12,2.46
 * </pre>
 *
 * {@code scanned_at} is ISO 8601 with an offset ({@code 2026-12-06T13:03:12Z}) or the till's local time without one
 * ({@code 2026-12-06 14:03:12} or with a T), which is read in the store's time zone; {@code price} (optional column,
 * may be empty) is in major units with at most the currency's decimals. Columns may come in any order; unknown
 * columns are refused (a misnamed column would otherwise be silently dropped). Every error names its line; one bad
 * line refuses the whole file.
 */
public final class TillCsv {
    static final List<String> REQUIRED = List.of("till", "scan_id", "barcode", "scanned_at");
    static final List<String> KNOWN = List.of("till", "scan_id", "barcode", "scanned_at", "price");
    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder().append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd().optionalStart().appendLiteral(' ').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':').appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
            .toFormatter(Locale.ROOT);

    private TillCsv() {
    }

    /**
     * @param zone           the store's zone, for local times
     * @param currencyDigits the store currency's decimals (2 for EUR, 0 for JPY)
     */
    public static List<TillScan> parse(String text, ZoneId zone, int currencyDigits) {
        List<List<String>> rows = records(text);
        if (rows.isEmpty()) throw new IllegalArgumentException("the file is empty: it needs a header line " + String.join(",", KNOWN));
        List<String> header = rows.get(0).stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        for (String h : header) {
            if (!KNOWN.contains(h)) throw new IllegalArgumentException("line 1: unknown column '" + h + "' (columns: " + String.join(",", KNOWN) + ")");
            if (header.indexOf(h) != header.lastIndexOf(h)) throw new IllegalArgumentException("line 1: column '" + h + "' twice");
        }
        for (String r : REQUIRED) {
            if (!header.contains(r)) throw new IllegalArgumentException("line 1: the column '" + r + "' is missing (columns: " + String.join(",", KNOWN) + ")");
        }
        List<TillScan> out = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            int line = i + 1;
            if (row.size() == 1 && row.get(0).isBlank()) continue; // a blank line (e.g. at the end)
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("line " + line + ": " + row.size() + " fields, the header has " + header.size());
            }
            try {
                String price = header.contains("price") ? row.get(header.indexOf("price")).trim() : "";
                out.add(new TillScan(row.get(header.indexOf("till")).trim(), row.get(header.indexOf("scan_id")).trim(),
                        row.get(header.indexOf("barcode")).trim(), time(row.get(header.indexOf("scanned_at")).trim(), zone),
                        price.isEmpty() ? null : minor(price, currencyDigits)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + line + ": " + e.getMessage(), e);
            }
        }
        if (out.isEmpty()) throw new IllegalArgumentException("the file has a header but no scans");
        return out;
    }

    static Instant time(String s, ZoneId zone) {
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeException e) {
            // no offset: the till's local time
        }
        try {
            // a local time in a DST gap or overlap resolves as ZonedDateTime does (the earlier offset): a till's journal
            // is at most an hour off there, within the same business day
            return LocalDateTime.parse(s, LOCAL).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("scanned_at '" + s + "' is not a time like 2026-12-06 14:03:12 or 2026-12-06T13:03:12Z");
        }
    }

    static long minor(String s, int digits) {
        BigDecimal v;
        try {
            if (!s.matches("[0-9]{1,10}(\\.[0-9]{1,4})?")) throw new NumberFormatException();
            v = new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("price '" + s + "' is not an amount like 2.46");
        }
        if (v.scale() > digits) throw new IllegalArgumentException("price '" + s + "' has more than " + digits + " decimals");
        return v.movePointRight(digits).longValueExact();
    }

    /** RFC 4180 records: fields split at commas, "quoted" fields may hold commas, quotes ("") and line breaks. */
    static List<List<String>> records(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int i = text.startsWith("\uFEFF") ? 1 : 0; // a byte-order mark from a spreadsheet
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (quoted) throw new IllegalArgumentException("line " + (rows.size() + 1) + ": a quoted field is not closed");
        if (!field.isEmpty() || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
