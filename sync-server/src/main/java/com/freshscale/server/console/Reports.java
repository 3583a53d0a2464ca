package com.freshscale.server.console;

import com.freshscale.server.store.DataException;
import com.freshscale.server.store.ServerDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * HQ's reports over the stored sales: totals grouped by any of store / scale / day / PLU, recognition quality
 * per day, the mismatch list and the latest sales. One SQL dialect for SQLite and PostgreSQL (as the schema).
 */
public final class Reports {
    /** The columns a sales report may be grouped by, in the order they are shown. */
    public static final List<String> GROUPS = List.of("store", "scale", "day", "plu");
    private static final Map<String, String> COLUMN = Map.of("store", "store_id", "scale", "scale_id", "day", "sold_day",
            "plu", "plu_code");

    /** Which sales: every field optional; days are inclusive, 'YYYY-MM-DD' business days like {@code sold_day}. */
    public record Filter(String store, String scale, String plu, LocalDate from, LocalDate to) {
        public Filter {
            if (from != null && to != null && to.isBefore(from)) throw new IllegalArgumentException("'to' is before 'from'");
        }
    }

    private final ServerDatabase database;
    private final SaleColumns columns;

    public Reports(ServerDatabase database) {
        this.database = database;
        this.columns = new SaleColumns(database);
    }

    SaleColumns columns() {
        return columns;
    }

    /**
     * Sales totals grouped by {@code groups} (a subset of {@link #GROUPS}), plus the currency. Grouped by PLU, a row is
     * one item as it was sold: its name on the label and its sale type (a renamed item has a row per name), so the
     * quantity is kilograms or pieces as the item is sold. Voided labels do not count.
     */
    public List<Map<String, Object>> sales(List<String> groups, Filter f) {
        if (groups.isEmpty()) throw new IllegalArgumentException("group by at least one of " + GROUPS + ", or ask for the sale lines (by empty)");
        for (String g : groups) {
            if (!GROUPS.contains(g)) throw new IllegalArgumentException("cannot group by '" + g + "': use " + GROUPS);
        }
        if (Set.copyOf(groups).size() != groups.size()) throw new IllegalArgumentException("a group is named twice");
        boolean byPlu = groups.contains("plu");
        List<String> cols = new ArrayList<>(GROUPS.stream().filter(groups::contains).map(COLUMN::get).toList());
        if (byPlu) cols.addAll(List.of("item_name", "sale_type"));
        String keys = String.join(", ", cols);
        // a voided sale (its label never printed) is counted apart, never in the takings
        StringBuilder sql = new StringBuilder("SELECT " + keys + ", currency, " + COUNTED + "1" + END + ", " + COUNTED_KG_NET
                + ", " + COUNTED + "item_count" + END + ", " + COUNTED + "total_minor" + END + ", "
                + "SUM(CASE WHEN mismatch AND void_reason IS NULL THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN void_reason IS NOT NULL THEN 1 ELSE 0 END), " + COUNTED + "COALESCE(discount_minor, 0)" + END
                + (byPlu ? ", MIN(store_id)" : "") + " FROM sale");
        List<Object> args = where(sql, f);
        sql.append(" GROUP BY ").append(keys).append(", currency ORDER BY ").append(keys).append(", currency");
        Map<String, String> names = byPlu ? columns.currentNames() : Map.of();
        List<Map<String, Object>> out = new ArrayList<>();
        query(sql.toString(), args, r -> {
            Map<String, Object> row = new LinkedHashMap<>();
            int i = 1;
            for (String g : GROUPS) if (groups.contains(g)) row.put(g, r.getString(i++));
            String name = null;
            if (byPlu) {
                name = r.getString(i++);
                row.put("sale_type", r.getString(i++));
            }
            row.put("currency", r.getString(i++));
            row.put("sales", r.getLong(i++));
            row.put("net_mg", r.getLong(i++));
            row.put("items", r.getLong(i++));
            row.put("total_minor", r.getLong(i++));
            row.put("mismatches", r.getLong(i++));
            row.put("voided", r.getLong(i++));
            row.put("discount_minor", r.getLong(i++));
            if (byPlu) {
                String store = r.getString(i);
                // sales stored before they carried their name: today's name, and the report says so
                row.put("name_as_sold", name != null);
                row.put("item_name", name != null ? name : names.get(store + "/" + row.get("plu")));
            }
            out.add(row);
        });
        return out;
    }

    /** Longest sale-line report: a year of one busy scale; larger exports go by date range. */
    public static final int MAX_LINES = 200_000;

    /** Every sale as it was sold, oldest first: one line per label (the report with no grouping). */
    public List<Map<String, Object>> lines(Filter f, int limit) {
        if (limit < 1 || limit > MAX_LINES) throw new IllegalArgumentException("limit must be 1.." + MAX_LINES);
        StringBuilder sql = new StringBuilder("SELECT sale_id, sold_at_ms, sold_day, store_id, scale_id, sale_number, plu_code, "
                + "item_name, sale_type, net_mg, item_count, unit_price_minor, regular_unit_price_minor, discount_minor, total_minor, "
                + "currency, promotion_id, promotion_text, " + columns.status() + ", mismatch, recognised_plu FROM sale");
        List<Object> args = where(sql, f);
        sql.append(" ORDER BY sold_at_ms, sale_id LIMIT ?");
        args.add(limit);
        Map<String, String> names = columns.currentNames();
        List<Map<String, Object>> out = new ArrayList<>();
        query(sql.toString(), args, r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sale_id", r.getString(1));
            m.put("sold_at", java.time.Instant.ofEpochMilli(r.getLong(2)).toString());
            m.put("day", r.getString(3));
            m.put("store", r.getString(4));
            m.put("scale", r.getString(5));
            m.put("sale_number", r.getLong(6));
            m.put("plu", r.getString(7));
            String name = r.getString(8);
            m.put("name_as_sold", name != null);
            m.put("item_name", name != null ? name : names.get(r.getString(4) + "/" + r.getString(7)));
            m.put("sale_type", r.getString(9));
            m.put("net_mg", r.getLong(10));
            m.put("items", r.getLong(11));
            m.put("unit_price_minor", r.getLong(12));
            long regular = r.getLong(13);
            m.put("regular_unit_price_minor", r.wasNull() ? null : regular);
            long discount = r.getLong(14);
            m.put("discount_minor", r.wasNull() ? null : discount);
            m.put("total_minor", r.getLong(15));
            m.put("currency", r.getString(16));
            m.put("promotion_id", r.getString(17));
            m.put("promotion_text", r.getString(18));
            m.put("status", r.getString(19));
            m.put("mismatch", r.getBoolean(20));
            m.put("recognised_plu", r.getString(21));
            out.add(m);
        });
        return out;
    }

    /**
     * Recognition quality per day: how many sales the scale suggested something for, picked by itself, had
     * picked from the first tile, and how many were sold as something other than the scale's first choice.
     * Rates: auto-pick = auto / sales; first tile = first tile / sales the shopper chose; mismatch = mismatches /
     * sales with a suggestion.
     */
    public List<Map<String, Object>> recognition(Filter f) {
        StringBuilder sql = new StringBuilder("SELECT sold_day, COUNT(*), "
                + "SUM(CASE WHEN recognised_plu IS NOT NULL THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN auto_picked THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN chosen_rank = 1 THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN chosen_rank >= 1 THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN mismatch THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN count_implausible THEN 1 ELSE 0 END) FROM sale");
        List<Object> args = where(sql, f, "void_reason IS NULL");
        sql.append(" GROUP BY sold_day ORDER BY sold_day");
        List<Map<String, Object>> out = new ArrayList<>();
        query(sql.toString(), args, r -> {
            long sales = r.getLong(2);
            long suggested = r.getLong(3);
            long auto = r.getLong(4);
            long first = r.getLong(5);
            long fromTiles = r.getLong(6);
            long mismatches = r.getLong(7);
            long implausibleCounts = r.getLong(8);
            long chosen = sales - auto;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("day", r.getString(1));
            row.put("sales", sales);
            row.put("suggested", suggested);
            row.put("auto_picked", auto);
            row.put("first_tile", first);
            row.put("from_tiles", fromTiles);
            row.put("searched", chosen - fromTiles);
            row.put("mismatches", mismatches);
            row.put("implausible_counts", implausibleCounts);
            row.put("auto_pick_rate", rate(auto, sales));
            row.put("first_tile_rate", rate(first, chosen));
            row.put("mismatch_rate", rate(mismatches, suggested));
            out.add(row);
        });
        return out;
    }

    /**
     * The newest sales the scale flagged, newest first: mismatches (a PLU cheaper than a confident top-1 picked)
     * and per-piece counts implausible for the load on the platter.
     */
    public List<Map<String, Object>> mismatches(Filter f, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + SALE_COLUMNS + " FROM sale");
        List<Object> args = where(sql, f, "void_reason IS NULL AND (mismatch OR count_implausible = ?)");
        args.add(Boolean.TRUE);
        sql.append(" ORDER BY sold_at_ms DESC, sale_id LIMIT ?");
        args.add(limit(limit));
        return saleRows(sql.toString(), args);
    }

    /**
     * The voided sales (their labels never printed, or their card payments reversed at the scale later: kept, not
     * counted), newest first, with the scale's reason and, for a late void, when HQ took it ({@code voided_at}); when the
     * scale voided it, by the scale's clock ({@code scale_voided_at}; null from scales of older builds).
     */
    public List<Map<String, Object>> voided(Filter f, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + SALE_COLUMNS + " FROM sale");
        List<Object> args = where(sql, f, "void_reason IS NOT NULL");
        sql.append(" ORDER BY sold_at_ms DESC, sale_id LIMIT ?");
        args.add(limit(limit));
        return saleRows(sql.toString(), args);
    }

    /** The newest sales, newest first (the console's live list). */
    public List<Map<String, Object>> latest(Filter f, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + SALE_COLUMNS + " FROM sale");
        List<Object> args = where(sql, f);
        sql.append(" ORDER BY sold_at_ms DESC, sale_id LIMIT ?");
        args.add(limit(limit));
        return saleRows(sql.toString(), args);
    }

    /**
     * Sale numbers used by more than one sale: a scale numbers its sales 1, 2, ... and prints the number on the label,
     * while HQ keeps a sale once per sale id, so two sale ids under one (store, scale, number) are both counted. An honest
     * scale restored from an old backup numbers again from there; a forged sale takes a number too. Each number is one
     * entry, newest use first, with all its sales (voided ones too: a voided sale used its number), newest first.
     * Spans every day: a restored scale reuses numbers of days or weeks ago.
     *
     * @param store only this store's scales, or null for the chain
     * @param scale only this scale, or null for every scale
     * @param limit the most sale numbers listed (1..1000)
     */
    public List<Map<String, Object>> saleNumbers(String store, String scale, int limit) {
        List<Object> args = new ArrayList<>();
        List<String> conds = new ArrayList<>();
        if (store != null) { conds.add("store_id = ?"); args.add(store); }
        if (scale != null) { conds.add("scale_id = ?"); args.add(scale); }
        args.add(limit(limit));
        // the numbers used twice (index sale_scale_number), then their sales; one dialect for SQLite and PostgreSQL
        String sql = "SELECT s.store_id, s.scale_id, s.sale_number, s.sale_id, s.sold_at_ms, s.plu_code, s.item_name, s.total_minor, "
                + "s.currency, s.void_reason, s.voided_at_ms, s.received_at_ms FROM sale s JOIN ("
                + "SELECT store_id, scale_id, sale_number, MAX(sold_at_ms) AS newest FROM sale"
                + (conds.isEmpty() ? "" : " WHERE " + String.join(" AND ", conds))
                + " GROUP BY store_id, scale_id, sale_number HAVING COUNT(*) > 1"
                + " ORDER BY newest DESC, store_id, scale_id, sale_number LIMIT ?) d"
                + " ON s.store_id = d.store_id AND s.scale_id = d.scale_id AND s.sale_number = d.sale_number"
                + " ORDER BY d.newest DESC, s.store_id, s.scale_id, s.sale_number, s.sold_at_ms DESC, s.sale_id";
        Map<String, String> names = columns.currentNames();
        List<Map<String, Object>> out = new ArrayList<>();
        query(sql, args, r -> {
            String storeId = r.getString(1);
            String scaleId = r.getString(2);
            long number = r.getLong(3);
            Map<String, Object> entry = out.isEmpty() ? null : out.get(out.size() - 1);
            if (entry == null || !entry.get("store").equals(storeId) || !entry.get("scale").equals(scaleId)
                    || (Long) entry.get("sale_number") != number) {
                entry = new LinkedHashMap<>();
                entry.put("store", storeId);
                entry.put("scale", scaleId);
                entry.put("sale_number", number);
                entry.put("uses", 0L);
                entry.put("sales", new ArrayList<Map<String, Object>>());
                out.add(entry);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sale_id", r.getString(4));
            m.put("sold_at", java.time.Instant.ofEpochMilli(r.getLong(5)).toString());
            m.put("plu", r.getString(6));
            String name = r.getString(7);
            m.put("name_as_sold", name != null);
            m.put("item_name", name != null ? name : names.get(storeId + "/" + r.getString(6)));
            m.put("total_minor", r.getLong(8));
            m.put("currency", r.getString(9));
            m.put("void_reason", r.getString(10));
            m.put("voided", r.getString(10) != null);
            long voidedAt = r.getLong(11);
            m.put("voided_at", r.wasNull() ? null : java.time.Instant.ofEpochMilli(voidedAt).toString());
            m.put("received_at", java.time.Instant.ofEpochMilli(r.getLong(12)).toString());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> sales = (List<Map<String, Object>>) entry.get("sales");
            sales.add(m);
            entry.put("uses", (long) sales.size());
        });
        return out;
    }

    private static final String SALE_COLUMNS = "sale_id, store_id, scale_id, sale_number, plu_code, sale_type, net_mg, item_count, "
            + "unit_price_minor, total_minor, currency, sold_at_ms, recognised_plu, recognition_confidence, auto_picked, chosen_rank, "
            + "mismatch, barcode, price_book_version, void_reason, count_implausible, item_name, voided_at_ms, scale_voided_at_ms";
    /** Sums over the sales that count (their labels printed). */
    private static final String COUNTED = "SUM(CASE WHEN void_reason IS NULL THEN ";
    private static final String END = " ELSE 0 END)";
    /** The net mass sold by weight, of the sales that count ({@link com.freshscale.server.sales.SalesQueries#KG_NET_MG}). */
    private static final String COUNTED_KG_NET = COUNTED + com.freshscale.server.sales.SalesQueries.KG_NET_MG + END;

    private List<Map<String, Object>> saleRows(String sql, List<Object> args) {
        List<Map<String, Object>> out = new ArrayList<>();
        query(sql, args, r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sale_id", r.getString(1));
            m.put("store", r.getString(2));
            m.put("scale", r.getString(3));
            m.put("sale_number", r.getLong(4));
            m.put("plu", r.getString(5));
            m.put("sale_type", r.getString(6));
            m.put("net_mg", r.getLong(7));
            m.put("items", r.getLong(8));
            m.put("unit_price_minor", r.getLong(9));
            m.put("total_minor", r.getLong(10));
            m.put("currency", r.getString(11));
            m.put("sold_at", java.time.Instant.ofEpochMilli(r.getLong(12)).toString());
            m.put("recognised_plu", r.getString(13));
            double c = r.getDouble(14);
            m.put("confidence", r.wasNull() ? null : c);
            m.put("auto_picked", r.getBoolean(15));
            m.put("chosen_rank", r.getInt(16));
            m.put("mismatch", r.getBoolean(17));
            m.put("barcode", r.getString(18));
            m.put("price_book_version", r.getLong(19));
            m.put("void_reason", r.getString(20));
            m.put("voided", r.getString(20) != null);
            boolean implausible = r.getBoolean(21);
            m.put("count_implausible", r.wasNull() ? null : implausible);
            m.put("item_name", r.getString(22));
            // when HQ took a void after the fact (a card payment reversed at the scale); null if it arrived voided
            long voidedAt = r.getLong(23);
            m.put("voided_at", r.wasNull() ? null : java.time.Instant.ofEpochMilli(voidedAt).toString());
            // when the scale voided it, by its clock (Sale.voidedAt); null for a counted sale and from older scales
            long scaleVoidedAt = r.getLong(24);
            m.put("scale_voided_at", r.wasNull() ? null : java.time.Instant.ofEpochMilli(scaleVoidedAt).toString());
            out.add(m);
        });
        return out;
    }

    private static int limit(int limit) {
        if (limit < 1 || limit > 1000) throw new IllegalArgumentException("limit must be 1..1000");
        return limit;
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(1000.0 * part / whole) / 1000.0;
    }

    static List<Object> where(StringBuilder sql, Filter f) {
        return where(sql, f, null);
    }

    /** The filter's WHERE clause, with condition {@code also} (parameters the caller's, after the filter's) last. */
    static List<Object> where(StringBuilder sql, Filter f, String also) {
        List<String> conds = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (f.store() != null) { conds.add("store_id = ?"); args.add(f.store()); }
        if (f.scale() != null) { conds.add("scale_id = ?"); args.add(f.scale()); }
        if (f.plu() != null) { conds.add("plu_code = ?"); args.add(f.plu()); }
        if (f.from() != null) { conds.add("sold_day >= ?"); args.add(f.from().toString()); }
        if (f.to() != null) { conds.add("sold_day <= ?"); args.add(f.to().toString()); }
        // last: its parameters, if any, are added by the caller after the filter's
        if (also != null) conds.add(also);
        if (!conds.isEmpty()) sql.append(" WHERE ").append(String.join(" AND ", conds));
        return args;
    }

    interface RowReader {
        void read(ResultSet r) throws SQLException;
    }

    void query(String sql, List<Object> args, RowReader reader) {
        try (Connection c = database.connect(); PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                Object a = args.get(i);
                if (a instanceof Integer n) p.setInt(i + 1, n);
                else if (a instanceof Long l) p.setLong(i + 1, l);
                else if (a instanceof Boolean b) p.setBoolean(i + 1, b);
                else p.setString(i + 1, (String) a);
            }
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) reader.read(r);
            }
        } catch (SQLException e) {
            throw new DataException("cannot run the report: " + e.getMessage(), e);
        }
    }
}
