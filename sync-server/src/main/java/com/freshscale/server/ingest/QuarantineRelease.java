package com.freshscale.server.ingest;

import com.freshscale.protocol.codec.MessageCodec;
import com.freshscale.protocol.sales.Sale;
import com.freshscale.server.prices.TextRules;
import com.freshscale.server.store.NotFoundException;
import com.freshscale.server.store.ServerDatabase;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HQ releases a quarantined sale it checked and found genuine ({@code POST /api/quarantine/{id}/release}): the sale as
 * the scale sent it (the row's {@code sale_json}) is stored as a counted sale with the ingest's own insert
 * ({@link SalesIngest#INSERT_SALE}, {@link SalesIngest#bind}, the same business days, sold-as fields and loss flags), in
 * one transaction with marking the quarantine row released (who, when, note).
 *
 * <p>Only a new sale is released: one whose sale id is not stored in {@code sale}. A quarantined re-send of a stored sale
 * (changed on re-send, a late void, another scale's id) would replace or double a counted sale, and is refused
 * ({@link Conflict}, nothing changed), as is a row released already: releasing twice never counts twice.
 */
public final class QuarantineRelease {
    private static final Logger LOG = LoggerFactory.getLogger(QuarantineRelease.class);
    public static final int MIN_NOTE = 3;
    public static final int MAX_NOTE = 500;

    /** Why a release is refused although the row exists (409): nothing was changed. */
    public static final class Conflict extends RuntimeException {
        public Conflict(String message) {
            super(message);
        }
    }

    /** A released sale: what was stored. */
    public record Released(String saleId, String storeId, String scaleId, String releasedBy, String releasedAt, String note) {}

    private final ServerDatabase database;
    private final BusinessDays businessDays;
    private final SoldAs soldAs;
    private final java.util.function.UnaryOperator<Sale> flags;
    private final Clock clock;

    QuarantineRelease(ServerDatabase database, BusinessDays businessDays, SoldAs soldAs, java.util.function.UnaryOperator<Sale> flags,
                      Clock clock) {
        this.database = database;
        this.businessDays = businessDays;
        this.soldAs = soldAs;
        this.flags = flags;
        this.clock = clock;
    }

    /** The note as given, or an IllegalArgumentException (400) saying what is wrong with it. */
    public static String note(String note) {
        if (note == null) throw new IllegalArgumentException("'note' is required: why HQ releases this sale (" + MIN_NOTE + " to " + MAX_NOTE + " characters)");
        String n = note.strip();
        int length = n.codePointCount(0, n.length());
        if (length < MIN_NOTE || length > MAX_NOTE) {
            throw new IllegalArgumentException("'note' must be " + MIN_NOTE + " to " + MAX_NOTE + " characters, not " + length);
        }
        return TextRules.check("note", n);
    }

    /**
     * Releases the quarantined sale {@code saleId} (of {@code store}/{@code scale} when given: a sale id quarantined for
     * more than one scale needs them).
     *
     * @throws NotFoundException no such quarantined sale
     * @throws Conflict          released already, its sale id is stored already, or more than one row matches
     */
    public Released release(String saleId, String store, String scale, String user, String note) {
        String n = note(note);
        long now = clock.millis();
        Released done = database.transaction(c -> {
            List<String[]> rows = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT store_id, scale_id, sale_json, released_at_ms, released_by, reason "
                    + "FROM quarantined_sale WHERE sale_id = ?" + (store == null ? "" : " AND store_id = ?")
                    + (scale == null ? "" : " AND scale_id = ?"))) {
                int i = 1;
                p.setString(i++, saleId);
                if (store != null) p.setString(i++, store);
                if (scale != null) p.setString(i, scale);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        long at = r.getLong(4);
                        String releasedAt = r.wasNull() ? null : String.valueOf(at);
                        rows.add(new String[] {r.getString(1), r.getString(2), r.getString(3), releasedAt, r.getString(5), r.getString(6)});
                    }
                }
            }
            if (rows.isEmpty()) throw new NotFoundException("no quarantined sale " + saleId + where(store, scale));
            if (rows.size() > 1) {
                throw new Conflict("sale id " + saleId + " is quarantined for " + rows.size()
                        + " scales: name the one to release with ?store=&scale=");
            }
            String[] row = rows.get(0);
            if (row[3] != null) {
                throw new Conflict("quarantined sale " + saleId + " was released already by " + row[4] + " at "
                        + java.time.Instant.ofEpochMilli(Long.parseLong(row[3])) + ": it is counted once");
            }
            if (!QuarantineReason.valueOf(row[5]).releasable()) {
                throw new Conflict("quarantined sale " + saleId + " (" + row[5] + ") cannot be released: "
                        + (row[5].equals("UNKNOWN_STORE") || row[5].equals("FOREIGN_CURRENCY")
                        ? "it is no money of a store the server keeps in its currency" : "its sale id is stored already")
                        + "; nothing changed");
            }
            if (stored(c, saleId)) {
                throw new Conflict("sale id " + saleId + " is stored already (this is a changed re-send, a late void or another "
                        + "scale's use of the id): releasing it would replace or double a counted sale; nothing changed");
            }
            Sale s;
            try {
                s = MessageCodec.mapper().readValue(row[2], Sale.class);
            } catch (IOException e) {
                throw new Conflict("quarantined sale " + saleId + " cannot be read back (" + e.getMessage() + "): nothing changed");
            }
            if (!s.saleId().equals(saleId) || !s.storeId().equals(row[0]) || !s.scaleId().equals(row[1])) {
                throw new Conflict("quarantined sale " + saleId + " does not match its stored JSON: nothing changed");
            }
            SoldAs.Filled filled = soldAs.fill(flags.apply(s));
            Sale counted = filled.sale();
            try (PreparedStatement p = c.prepareStatement(SalesIngest.INSERT_SALE)) {
                SalesIngest.bind(p, counted, businessDays.day(counted.storeId(), counted.soldAt()).toString(), now, filled.source());
                if (p.executeUpdate() != 1) {
                    // stored meanwhile by the ingest: rolled back
                    throw new Conflict("sale id " + saleId + " was stored meanwhile: nothing changed");
                }
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE quarantined_sale SET released_by = ?, released_at_ms = ?, "
                    + "release_note = ? WHERE sale_id = ? AND store_id = ? AND scale_id = ? AND released_at_ms IS NULL")) {
                p.setString(1, user);
                p.setLong(2, now);
                p.setString(3, n);
                p.setString(4, saleId);
                p.setString(5, row[0]);
                p.setString(6, row[1]);
                if (p.executeUpdate() != 1) throw new Conflict("quarantined sale " + saleId + " was released meanwhile: nothing changed");
            }
            return new Released(saleId, row[0], row[1], user, java.time.Instant.ofEpochMilli(now).toString(), n);
        });
        LOG.warn("{} released quarantined sale {} of scale {}/{} at {}: now counted. Note: {}", user, saleId, done.storeId(),
                done.scaleId(), done.releasedAt(), done.note());
        return done;
    }

    private static boolean stored(Connection c, String saleId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM sale WHERE sale_id = ?")) {
            p.setString(1, saleId);
            try (ResultSet r = p.executeQuery()) {
                return r.next();
            }
        }
    }

    private static String where(String store, String scale) {
        return (store == null ? "" : " of store " + store) + (scale == null ? "" : " of scale " + scale);
    }
}
