package com.freshscale.server.prices;

import com.freshscale.server.store.DataException;
import com.freshscale.server.store.ServerDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Every published change of every item, field by field: who, when, old and new value (table {@code price_change}).
 * Written in the transaction that publishes the change, so the history never misses a published price nor holds
 * one that was refused.
 */
public final class PriceHistory {
    /**
     * One changed field. Prices ({@code field} "price" or "price from ...") are minor units of {@code currency};
     * {@code oldValue} null: created, {@code newValue} null: removed.
     */
    public record Entry(Instant changedAt, String user, String storeId, String pluCode, String field, String oldValue,
                        String newValue, String currency, long revision) {}

    /** Which entries: null fields do not filter; {@code limit} newest first. */
    public record Filter(String storeId, String pluCode, Instant from, Instant until, int limit) {
        public Filter {
            if (limit < 1 || limit > 100_000) throw new IllegalArgumentException("limit must be 1..100000");
            if (from != null && until != null && !until.isAfter(from)) throw new IllegalArgumentException("'to' is before 'from'");
        }
    }

    private final ServerDatabase database;

    public PriceHistory(ServerDatabase database) {
        this.database = database;
    }

    static void record(Connection c, PriceRepository.Store s, List<PriceRepository.FieldChange> changes, String user, long revision)
            throws SQLException {
        long now = System.currentTimeMillis();
        try (PreparedStatement p = c.prepareStatement("INSERT INTO price_change (change_id, store_id, plu_code, field, old_value, "
                + "new_value, currency, user_name, changed_ms, revision) VALUES (?,?,?,?,?,?,?,?,?,?)")) {
            for (PriceRepository.FieldChange f : changes) {
                p.setString(1, UUID.randomUUID().toString());
                p.setString(2, s.storeId());
                p.setString(3, f.pluCode());
                p.setString(4, f.field());
                p.setString(5, f.oldValue());
                p.setString(6, f.newValue());
                p.setString(7, s.currency());
                p.setString(8, user);
                p.setLong(9, now);
                p.setLong(10, revision);
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /** The entries matching {@code f}, newest first. */
    public List<Entry> entries(Filter f) {
        StringBuilder sql = new StringBuilder("SELECT changed_ms, user_name, store_id, plu_code, field, old_value, new_value, currency, "
                + "revision FROM price_change");
        List<Object> args = new ArrayList<>();
        List<String> conds = new ArrayList<>();
        if (f.storeId() != null) { conds.add("store_id = ?"); args.add(f.storeId()); }
        if (f.pluCode() != null) { conds.add("plu_code = ?"); args.add(f.pluCode()); }
        if (f.from() != null) { conds.add("changed_ms >= ?"); args.add(f.from().toEpochMilli()); }
        if (f.until() != null) { conds.add("changed_ms < ?"); args.add(f.until().toEpochMilli()); }
        if (!conds.isEmpty()) sql.append(" WHERE ").append(String.join(" AND ", conds));
        sql.append(" ORDER BY changed_ms DESC, revision DESC, plu_code, field LIMIT ?");
        args.add(f.limit());
        try (Connection c = database.connect(); PreparedStatement p = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                Object a = args.get(i);
                if (a instanceof Long l) p.setLong(i + 1, l);
                else if (a instanceof Integer n) p.setInt(i + 1, n);
                else p.setString(i + 1, (String) a);
            }
            List<Entry> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new Entry(Instant.ofEpochMilli(r.getLong(1)), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                            r.getString(6), r.getString(7), r.getString(8), r.getLong(9)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new DataException("cannot read the price history: " + e.getMessage(), e);
        }
    }
}
