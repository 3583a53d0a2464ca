package com.freshscale.server.till;

import com.freshscale.server.store.ServerDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * HQ's till reconciliation per store and business day, from the stored sales (labels) and till scans: see
 * {@link Reconciliation} for how they are matched. One SQL dialect for SQLite and PostgreSQL. Store by store, so a
 * chain's month is read one store at a time.
 */
public final class ReconciliationReport {
    /** A request's span: a month and a bit; longer periods are asked month by month. */
    public static final int MAX_DAYS = 62;

    /** One store's day. */
    public record Day(String storeId, LocalDate day, String currency, Reconciliation.Totals totals) {}

    private final ServerDatabase database;

    public ReconciliationReport(ServerDatabase database) {
        this.database = database;
    }

    /** Every store (or {@code storeId}) and day from {@code from} to {@code to} (inclusive) with labels or scans. */
    public List<Day> days(String storeId, LocalDate from, LocalDate to) {
        span(from, to);
        List<Day> out = new ArrayList<>();
        database.read(c -> {
            Map<String, String> currencies = currencies(c);
            for (String store : stores(c, storeId, from, to)) {
                Map<LocalDate, List<Reconciliation.Label>> labels = labels(c, store, from, to);
                Map<LocalDate, List<Reconciliation.Scan>> scans = scans(c, store, from, to);
                TreeSet<LocalDate> days = new TreeSet<>(labels.keySet());
                days.addAll(scans.keySet());
                for (LocalDate d : days) {
                    Reconciliation.Result r = Reconciliation.match(labels.getOrDefault(d, List.of()), scans.getOrDefault(d, List.of()));
                    out.add(new Day(store, d, currencies.getOrDefault(store, ""), r.totals()));
                }
            }
            return null;
        });
        return out;
    }

    /** One store's day, barcode by barcode (all barcodes, or only those with a discrepancy). */
    public List<Reconciliation.BarcodeLine> lines(String storeId, LocalDate day, boolean discrepanciesOnly) {
        if (storeId == null) throw new IllegalArgumentException("'store' is required");
        if (day == null) throw new IllegalArgumentException("'day' is required (YYYY-MM-DD)");
        return database.read(c -> {
            Reconciliation.Result r = Reconciliation.match(labels(c, storeId, day, day).getOrDefault(day, List.of()),
                    scans(c, storeId, day, day).getOrDefault(day, List.of()));
            return r.lines().stream().filter(l -> !discrepanciesOnly || l.discrepancy()).toList();
        });
    }

    static void span(LocalDate from, LocalDate to) {
        if (from == null || to == null) throw new IllegalArgumentException("'from' and 'to' are required (YYYY-MM-DD)");
        if (to.isBefore(from)) throw new IllegalArgumentException("'to' is before 'from'");
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            throw new IllegalArgumentException("at most " + MAX_DAYS + " days per report: ask month by month");
        }
    }

    private static Map<String, String> currencies(Connection c) throws SQLException {
        Map<String, String> m = new TreeMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT store_id, currency FROM store"); ResultSet r = p.executeQuery()) {
            while (r.next()) m.put(r.getString(1), r.getString(2));
        }
        return m;
    }

    private static List<String> stores(Connection c, String storeId, LocalDate from, LocalDate to) throws SQLException {
        if (storeId != null) return List.of(storeId);
        TreeSet<String> s = new TreeSet<>();
        for (String sql : List.of("SELECT DISTINCT store_id FROM sale WHERE sold_day >= ? AND sold_day <= ?",
                "SELECT DISTINCT store_id FROM till_scan WHERE scanned_day >= ? AND scanned_day <= ?")) {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                p.setString(1, from.toString());
                p.setString(2, to.toString());
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) s.add(r.getString(1));
                }
            }
        }
        return List.copyOf(s);
    }

    private static Map<LocalDate, List<Reconciliation.Label>> labels(Connection c, String store, LocalDate from, LocalDate to)
            throws SQLException {
        Map<LocalDate, List<Reconciliation.Label>> m = new TreeMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT sold_day, sale_id, scale_id, sale_number, plu_code, barcode, sold_at_ms, "
                + "total_minor, payment_reference FROM sale WHERE store_id = ? AND sold_day >= ? AND sold_day <= ? "
                + "AND void_reason IS NULL")) {
            p.setString(1, store);
            p.setString(2, from.toString());
            p.setString(3, to.toString());
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    m.computeIfAbsent(LocalDate.parse(r.getString(1)), k -> new ArrayList<>()).add(new Reconciliation.Label(
                            r.getString(2), r.getString(3), r.getLong(4), r.getString(5), r.getString(6),
                            Instant.ofEpochMilli(r.getLong(7)), r.getLong(8), r.getString(9) != null));
                }
            }
        }
        return m;
    }

    private static Map<LocalDate, List<Reconciliation.Scan>> scans(Connection c, String store, LocalDate from, LocalDate to)
            throws SQLException {
        Map<LocalDate, List<Reconciliation.Scan>> m = new TreeMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT scanned_day, till_id, scan_id, barcode, scanned_at_ms, price_minor "
                + "FROM till_scan WHERE store_id = ? AND scanned_day >= ? AND scanned_day <= ?")) {
            p.setString(1, store);
            p.setString(2, from.toString());
            p.setString(3, to.toString());
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    long price = r.getLong(6);
                    Long priceMinor = r.wasNull() ? null : price;
                    m.computeIfAbsent(LocalDate.parse(r.getString(1)), k -> new ArrayList<>()).add(new Reconciliation.Scan(
                            r.getString(2), r.getString(3), r.getString(4), Instant.ofEpochMilli(r.getLong(5)), priceMinor));
                }
            }
        }
        return m;
    }
}
