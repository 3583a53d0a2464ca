package com.freshscale.server.sales;

import com.freshscale.protocol.pricebook.SaleType;
import com.freshscale.protocol.sales.Sale;
import com.freshscale.server.store.DataException;
import com.freshscale.server.store.ServerDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** HQ's questions about sales: by store, scale, PLU and business day (the server's --business-zone); totals per PLU with recognition quality. */
public final class SalesQueries {
    public static final int MAX_LIMIT = 1000;

    /** Which sales; null fields do not filter. */
    public record Filter(String storeId, String scaleId, String pluCode, LocalDate day, int limit, int offset) {
        public Filter {
            if (limit < 1 || limit > MAX_LIMIT) throw new IllegalArgumentException("limit must be 1-" + MAX_LIMIT);
            if (offset < 0) throw new IllegalArgumentException("offset must be >= 0");
        }
    }

    /**
     * Totals of one PLU. {@code autoPicked}: labels the scale picked itself; {@code mismatches}: sales where
     * the recogniser's first choice differs from the PLU sold (recognition failure or dishonesty).
     */
    public record PluTotal(String pluCode, long sales, long netMg, long items, long totalMinor, long autoPicked,
                           long mismatches, long firstTile) {}

    private final ServerDatabase database;

    public SalesQueries(ServerDatabase database) {
        this.database = database;
    }

    public List<Sale> sales(Filter f) {
        StringBuilder sql = new StringBuilder("SELECT sale_id, store_id, scale_id, sale_number, plu_code, sale_type, net_mg, "
                + "item_count, unit_price_minor, promotion_id, total_minor, currency, barcode, sold_at_ms, price_book_version, "
                + "recognised_plu, recognition_confidence, auto_picked, chosen_rank, mismatch, payment_reference, void_reason, "
                + "count_implausible, item_name, regular_unit_price_minor, promotion_text, discount_minor, scale_voided_at_ms, priced_at_ms FROM sale");
        List<Object> args = where(sql, f.storeId(), f.scaleId(), f.pluCode(), f.day());
        sql.append(" ORDER BY sold_at_ms, sale_id LIMIT ? OFFSET ?");
        args.add(f.limit());
        args.add(f.offset());
        try (Connection c = database.connect(); PreparedStatement p = c.prepareStatement(sql.toString())) {
            bind(p, args);
            List<Sale> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    double conf = r.getDouble(17);
                    Double confidence = r.wasNull() ? null : conf;
                    boolean implausible = r.getBoolean(23);
                    Boolean countImplausible = r.wasNull() ? null : implausible;
                    out.add(new Sale(r.getString(1), r.getString(2), r.getString(3), r.getLong(4), r.getString(5),
                            SaleType.valueOf(r.getString(6)), r.getLong(7), r.getInt(8), r.getLong(9), r.getString(10),
                            r.getLong(11), r.getString(12), r.getString(13), Instant.ofEpochMilli(r.getLong(14)),
                            r.getLong(15), r.getString(16), confidence, r.getBoolean(18), r.getInt(19), r.getBoolean(20),
                            r.getString(21), r.getString(22), countImplausible, r.getString(24), nullableLong(r, 25), r.getString(26),
                            nullableLong(r, 27), instant(r, 28), instant(r, 29)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new DataException("cannot query sales: " + e.getMessage(), e);
        }
    }

    /**
     * The sales matching a filter: {@code counted}, those that count (as in {@link #totalsByPlu} and HQ's reports: a voided
     * sale, its label never printed or its card payment reversed, is in no count), {@code voided}, and {@code records},
     * both together: every stored sale {@code GET /api/sales} pages through.
     */
    public record Counts(long counted, long voided, long records) {}

    /** How many sales match the filter (limit/offset ignored): counted, voided and both ({@link Counts}). */
    public Counts count(String storeId, String scaleId, String pluCode, LocalDate day) {
        StringBuilder sql = new StringBuilder("SELECT COUNT(*), SUM(CASE WHEN void_reason IS NULL THEN 0 ELSE 1 END) FROM sale");
        List<Object> args = where(sql, storeId, scaleId, pluCode, day);
        try (Connection c = database.connect(); PreparedStatement p = c.prepareStatement(sql.toString())) {
            bind(p, args);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                long records = r.getLong(1);
                long voided = r.getLong(2); // SUM of no rows is NULL: 0
                return new Counts(records - voided, voided, records);
            }
        } catch (SQLException e) {
            throw new DataException("cannot count sales: " + e.getMessage(), e);
        }
    }

    /**
     * A sale's net mass sold by weight: that of a per-kg sale. A per-piece or fixed sale carries the load weighed when
     * it was priced (loss prevention: what a flagged sale was worth), which was not sold by weight and is in no
     * kilogram total.
     */
    public static final String KG_NET_MG = "CASE WHEN sale_type = 'PER_KG' THEN net_mg ELSE 0 END";

    /** Totals of the sales that count: a voided sale (its label never printed) is in no total. */
    public List<PluTotal> totalsByPlu(String storeId, String scaleId, LocalDate day) {
        StringBuilder sql = new StringBuilder("SELECT plu_code, COUNT(*), SUM(" + KG_NET_MG + "), SUM(item_count), SUM(total_minor), "
                + "SUM(CASE WHEN auto_picked THEN 1 ELSE 0 END), SUM(CASE WHEN mismatch THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN chosen_rank = 1 THEN 1 ELSE 0 END) FROM sale");
        List<Object> args = where(sql, storeId, scaleId, null, day);
        sql.append(args.isEmpty() ? " WHERE" : " AND").append(" void_reason IS NULL");
        sql.append(" GROUP BY plu_code ORDER BY plu_code");
        try (Connection c = database.connect(); PreparedStatement p = c.prepareStatement(sql.toString())) {
            bind(p, args);
            List<PluTotal> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new PluTotal(r.getString(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5),
                            r.getLong(6), r.getLong(7), r.getLong(8)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new DataException("cannot total sales: " + e.getMessage(), e);
        }
    }

    private static Long nullableLong(ResultSet r, int column) throws SQLException {
        long v = r.getLong(column);
        return r.wasNull() ? null : v;
    }

    /** A time kept in ms (the scale's {@code voidedAt}, {@code pricedAt}), or null. */
    private static Instant instant(ResultSet r, int column) throws SQLException {
        Long ms = nullableLong(r, column);
        return ms == null ? null : Instant.ofEpochMilli(ms);
    }

    private static List<Object> where(StringBuilder sql, String store, String scale, String plu, LocalDate day) {
        List<Object> args = new ArrayList<>();
        List<String> conds = new ArrayList<>();
        if (store != null) { conds.add("store_id = ?"); args.add(store); }
        if (scale != null) { conds.add("scale_id = ?"); args.add(scale); }
        if (plu != null) { conds.add("plu_code = ?"); args.add(plu); }
        if (day != null) { conds.add("sold_day = ?"); args.add(day.toString()); }
        if (!conds.isEmpty()) sql.append(" WHERE ").append(String.join(" AND ", conds));
        return args;
    }

    private static void bind(PreparedStatement p, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (a instanceof Integer n) p.setInt(i + 1, n);
            else p.setString(i + 1, (String) a);
        }
    }
}
