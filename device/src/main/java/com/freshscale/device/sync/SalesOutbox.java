package com.freshscale.device.sync;

import com.freshscale.device.store.DeviceDatabase;
import com.freshscale.device.store.StoreException;
import com.freshscale.protocol.codec.MessageCodec;
import com.freshscale.protocol.codec.MessageRejectedException;
import com.freshscale.protocol.sales.Sale;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Store-and-forward of sales (as in Eclipse Kura's data service: persist first, publish later). A sale and
 * its outbox entry are committed in one SQLite transaction (WAL, synchronous=FULL: durable at commit)
 * before the label prints; an entry is removed only when the server acknowledges that sale id.
 */
public final class SalesOutbox implements AutoCloseable {
    /** One queued sale, in send order. */
    public record Entry(long seq, Sale sale) {}

    private final Connection db;
    private final int capacity;
    private final int alarmThreshold;
    private long depth;

    public SalesOutbox(DeviceDatabase database, int capacity, int alarmThreshold) {
        this.db = database.connect();
        this.capacity = capacity;
        this.alarmThreshold = alarmThreshold;
        try {
            depth = countPending();
        } catch (SQLException e) {
            throw new StoreException("cannot open the sales outbox: " + e.getMessage(), e);
        }
    }

    /**
     * Records {@code sale} and queues it for the server, atomically. Throws {@link OutboxFullException}
     * (nothing written) when the outbox is full, and {@link StoreException} if the database fails.
     */
    public synchronized void record(Sale sale) {
        if (depth >= capacity) {
            throw new OutboxFullException("outbox full: " + depth + " sales not yet acknowledged by the server");
        }
        long now = System.currentTimeMillis();
        try (PreparedStatement s = db.prepareStatement(
                "INSERT INTO sale (sale_id, sale_number, sold_at_ms, plu_code, total_minor, payload, priced_at_ms) VALUES (?,?,?,?,?,?,?)");
             PreparedStatement o = db.prepareStatement("INSERT INTO outbox (sale_id, enqueued_ms) VALUES (?,?)")) {
            begin();
            s.setString(1, sale.saleId());
            s.setLong(2, sale.saleNumber());
            s.setLong(3, sale.soldAt().toEpochMilli());
            s.setString(4, sale.pluCode());
            s.setLong(5, sale.totalMinor());
            s.setString(6, stored(sale));
            if (sale.pricedAt() == null) s.setNull(7, java.sql.Types.INTEGER);
            else s.setLong(7, sale.pricedAt().toEpochMilli());
            s.executeUpdate();
            o.setString(1, sale.saleId());
            o.setLong(2, now);
            o.executeUpdate();
            commit();
            depth++;
        } catch (SQLException e) {
            rollback();
            throw new StoreException("cannot record sale " + sale.saleId() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Records {@code sale} before its label is sent, without queueing it: HQ counts a sale only once its
     * label printed ({@link #release}); one whose label never printed is {@linkplain #voidSale voided}.
     * Throws {@link OutboxFullException} (nothing written) when the outbox is full.
     */
    public synchronized void hold(Sale sale) {
        if (depth >= capacity) {
            throw new OutboxFullException("outbox full: " + depth + " sales not yet acknowledged by the server");
        }
        try (PreparedStatement s = db.prepareStatement("INSERT INTO sale (sale_id, sale_number, sold_at_ms, plu_code, "
                + "total_minor, payload, priced_at_ms, label) VALUES (?,?,?,?,?,?,?,'WAITING')")) {
            s.setString(1, sale.saleId());
            s.setLong(2, sale.saleNumber());
            s.setLong(3, sale.soldAt().toEpochMilli());
            s.setString(4, sale.pluCode());
            s.setLong(5, sale.totalMinor());
            s.setString(6, stored(sale));
            if (sale.pricedAt() == null) s.setNull(7, java.sql.Types.INTEGER);
            else s.setLong(7, sale.pricedAt().toEpochMilli());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot record sale " + sale.saleId() + ": " + e.getMessage(), e);
        }
    }

    /** The label of waiting sale {@code saleId} printed: the sale is queued for HQ. False if it was not waiting. */
    public synchronized boolean release(String saleId) {
        return queue(saleId, "PRINTED", null, null);
    }

    /**
     * The label of waiting sale {@code voided.saleId()} never printed: the sale is kept as {@code voided} (the
     * same sale, marked void with its reason and the time of the void, {@link Sale#voidedAt}, also in the row's
     * {@code voided_at_ms}) and queued for HQ, which keeps it out of the takings. False if it was not waiting (already
     * printed or voided).
     */
    public synchronized boolean voidSale(Sale voided, String reason) {
        return queue(voided.saleId(), "VOIDED", reason, stored(voided), voided.voidedAt());
    }

    private boolean queue(String saleId, String label, String reason, String payload) {
        return queue(saleId, label, reason, payload, null);
    }

    private boolean queue(String saleId, String label, String reason, String payload, java.time.Instant voidedAt) {
        try (PreparedStatement u = db.prepareStatement("UPDATE sale SET label = ?, void_reason = ?, payload = COALESCE(?, payload), "
                + "voided_at_ms = ? WHERE sale_id = ? AND label = 'WAITING'");
             PreparedStatement o = db.prepareStatement("INSERT INTO outbox (sale_id, enqueued_ms) VALUES (?,?)")) {
            begin();
            u.setString(1, label);
            u.setString(2, reason);
            u.setString(3, payload);
            if (voidedAt == null) u.setNull(4, java.sql.Types.INTEGER);
            else u.setLong(4, voidedAt.toEpochMilli());
            u.setString(5, saleId);
            if (u.executeUpdate() == 0) {
                rollback();
                return false;
            }
            o.setString(1, saleId);
            o.setLong(2, System.currentTimeMillis());
            o.executeUpdate();
            commit();
            depth++;
            return true;
        } catch (SQLException e) {
            rollback();
            throw new StoreException("cannot queue sale " + saleId + ": " + e.getMessage(), e);
        }
    }

    /**
     * The printed label of sale {@code saleId} is void after the fact: its card payment was reversed (the shopper got
     * the money back). The sale is kept as voided with {@code reason} and queued for HQ again, which voids its stored
     * sale: the same sale with only the void reason set. If the sale is still queued, the unchanged sale may be on its
     * way: its entry is queued anew (sent after the publisher's cursor) and lets one ack pass, for an ack of the sale
     * sent before must not close the entry of the voided one. The voided sale carries {@code at} as its
     * {@link Sale#voidedAt} (HQ takes the late void only with it, within the reversal window of the sale), kept in the
     * payload and in {@code voided_at_ms}, so every re-send, after a restart too, carries the same time. False if the
     * sale is unknown or its label was not printed.
     */
    public synchronized boolean refund(String saleId, String reason, java.time.Instant at) {
        Optional<Sale> printed = printedSale(saleId);
        if (printed.isEmpty()) return false;
        Sale voided = printed.get().voided(reason, at);
        String payload = stored(voided);
        try (PreparedStatement u = db.prepareStatement("UPDATE sale SET label = 'VOIDED', void_reason = ?, payload = ?, "
                + "voided_at_ms = ?, acked_at_ms = NULL WHERE sale_id = ? AND label = 'PRINTED'");
             PreparedStatement d = db.prepareStatement("DELETE FROM outbox WHERE sale_id = ?");
             PreparedStatement o = db.prepareStatement("INSERT INTO outbox (sale_id, enqueued_ms, acks_to_skip) VALUES (?,?,?)")) {
            begin();
            u.setString(1, reason);
            u.setString(2, payload);
            if (voided.voidedAt() == null) u.setNull(3, java.sql.Types.INTEGER);
            else u.setLong(3, voided.voidedAt().toEpochMilli());
            u.setString(4, saleId);
            if (u.executeUpdate() == 0) {
                rollback();
                return false;
            }
            d.setString(1, saleId);
            int wasQueued = d.executeUpdate();
            o.setString(1, saleId);
            o.setLong(2, System.currentTimeMillis());
            o.setInt(3, wasQueued);
            o.executeUpdate();
            commit();
            if (wasQueued == 0) depth++;
            return true;
        } catch (SQLException e) {
            rollback();
            throw new StoreException("cannot void sale " + saleId + ": " + e.getMessage(), e);
        }
    }

    private Optional<Sale> printedSale(String saleId) {
        try (PreparedStatement p = db.prepareStatement("SELECT payload FROM sale WHERE sale_id = ? AND label = 'PRINTED'")) {
            p.setString(1, saleId);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) return Optional.empty();
                return Optional.of(sale(r.getString(1)));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read sale " + saleId + ": " + e.getMessage(), e);
        } catch (MessageRejectedException e) {
            throw new StoreException("corrupt sale in the database: " + e.getMessage(), e);
        }
    }

    /** Sales recorded whose label has not printed yet (after a restart: their labels never printed). */
    public synchronized List<Sale> waiting() {
        List<Sale> out = new ArrayList<>();
        try (PreparedStatement p = db.prepareStatement("SELECT payload FROM sale WHERE label = 'WAITING' ORDER BY sale_number");
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                out.add(sale(r.getString(1)));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read the waiting sales: " + e.getMessage(), e);
        } catch (MessageRejectedException e) {
            throw new StoreException("corrupt sale in the database: " + e.getMessage(), e);
        }
    }

    /** Where the label of sale {@code saleId} stands: WAITING, PRINTED or VOIDED; empty for an unknown sale. */
    public synchronized Optional<String> labelState(String saleId) {
        try (PreparedStatement p = db.prepareStatement("SELECT label FROM sale WHERE sale_id = ?")) {
            p.setString(1, saleId);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read sale " + saleId + ": " + e.getMessage(), e);
        }
    }

    /** The next sale number of this scale (1 for the first sale). */
    public synchronized long nextSaleNumber() {
        try (PreparedStatement p = db.prepareStatement("SELECT COALESCE(MAX(sale_number), 0) + 1 FROM sale");
             ResultSet r = p.executeQuery()) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new StoreException("cannot read the sale number: " + e.getMessage(), e);
        }
    }

    /** Up to {@code limit} queued sales after {@code afterSeq}, in recording order. */
    public synchronized List<Entry> pending(long afterSeq, int limit) {
        List<Entry> out = new ArrayList<>(limit);
        try (PreparedStatement p = db.prepareStatement(
                "SELECT o.seq, s.payload FROM outbox o JOIN sale s ON s.sale_id = o.sale_id "
                        + "WHERE o.seq > ? ORDER BY o.seq LIMIT ?")) {
            p.setLong(1, afterSeq);
            p.setInt(2, limit);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new Entry(r.getLong(1), sale(r.getString(2))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read the outbox: " + e.getMessage(), e);
        } catch (MessageRejectedException e) {
            throw new StoreException("corrupt sale in the outbox: " + e.getMessage(), e);
        }
    }

    /** Closes the entries of the acknowledged sale ids (unknown or already closed ids are ignored). */
    public synchronized int acknowledge(Collection<String> saleIds) {
        return acknowledge(saleIds, new java.util.HashSet<>());
    }

    /**
     * As {@link #acknowledge(Collection)}; {@code stillQueued} gets the acked ids whose entries stay open, for the ack
     * was of the sale as sent before it changed ({@link #refund}): the publisher keeps waiting for their next ack.
     */
    public synchronized int acknowledge(Collection<String> saleIds, java.util.Set<String> stillQueued) {
        long now = System.currentTimeMillis();
        int closed = 0;
        try (PreparedStatement skip = db.prepareStatement("UPDATE outbox SET acks_to_skip = acks_to_skip - 1 "
                + "WHERE sale_id = ? AND acks_to_skip > 0");
             PreparedStatement d = db.prepareStatement("DELETE FROM outbox WHERE sale_id = ?");
             PreparedStatement u = db.prepareStatement(
                     "UPDATE sale SET acked_at_ms = ? WHERE sale_id = ? AND acked_at_ms IS NULL")) {
            begin();
            for (String id : saleIds) {
                // the ack of a version sent before the sale changed (refund): the changed one is still to be acked
                skip.setString(1, id);
                if (skip.executeUpdate() > 0) {
                    stillQueued.add(id);
                    continue;
                }
                d.setString(1, id);
                int n = d.executeUpdate();
                if (n > 0) {
                    u.setLong(1, now);
                    u.setString(2, id);
                    u.executeUpdate();
                    closed += n;
                }
            }
            commit();
            depth -= closed;
            return closed;
        } catch (SQLException e) {
            rollback();
            throw new StoreException("cannot close outbox entries: " + e.getMessage(), e);
        }
    }

    /** Sales recorded but not yet acknowledged. */
    public synchronized long depth() {
        return depth;
    }

    public boolean alarm() {
        return depth() >= alarmThreshold;
    }

    public int capacity() {
        return capacity;
    }

    /** The depth from which {@link #alarm()} is raised. */
    public int alarmThreshold() {
        return alarmThreshold;
    }

    private long countPending() throws SQLException {
        try (PreparedStatement p = db.prepareStatement("SELECT COUNT(*) FROM outbox"); ResultSet r = p.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    /**
     * BEGIN IMMEDIATE takes the write lock up front, waiting (busy timeout) for another writer such as the
     * price-book keeper; a deferred transaction could instead fail at once with SQLITE_BUSY when it
     * upgrades from reading to writing (https://www.sqlite.org/lang_transaction.html).
     */
    private void begin() throws SQLException {
        try (java.sql.Statement st = db.createStatement()) {
            st.execute("BEGIN IMMEDIATE");
        }
    }

    private void commit() throws SQLException {
        try (java.sql.Statement st = db.createStatement()) {
            st.execute("COMMIT");
        }
    }

    private void rollback() {
        try (java.sql.Statement st = db.createStatement()) {
            st.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // the connection is broken; the next statement reports it
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException ignored) {
            // closing
        }
    }

    /** A sale as the {@code sale.payload} column keeps it: the JSON that goes to HQ. */
    private static String stored(Sale sale) {
        return new String(MessageCodec.encode(sale), StandardCharsets.UTF_8);
    }

    /** The sale a {@code sale.payload} column holds, checked as HQ would check it. */
    private static Sale sale(String payload) throws MessageRejectedException {
        return MessageCodec.bind(MessageCodec.tree(payload.getBytes(StandardCharsets.UTF_8), MessageCodec.MAX_SALES_BYTES), Sale.class);
    }
}
