package com.freshscale.device.payment;

import com.freshscale.device.store.DeviceDatabase;
import com.freshscale.device.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The payments the scale asked its card terminal for (tables {@code payment} and {@code payment_step}, V601). Every
 * step is committed before the step is taken (WAL, synchronous=FULL: durable at commit), so after a kill the scale
 * knows what it may have asked the terminal and settles it ({@link CardPayments#settleOpen}).
 */
public final class PaymentJournal {
    private final DeviceDatabase db;
    private final Clock clock;

    public PaymentJournal(DeviceDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A new payment of {@code amountMinor} for sale {@code saleId}, in state AUTHORISING: written before the terminal is asked. */
    public synchronized Payment start(String saleId, long amountMinor, String currency) {
        if (amountMinor <= 0) throw new IllegalArgumentException("a card payment needs an amount above zero, got " + amountMinor);
        long now = clock.millis();
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            long id;
            try (PreparedStatement p = c.prepareStatement("INSERT INTO payment (sale_id, amount_minor, currency, state, started_ms, updated_ms) "
                    + "VALUES (?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
                p.setString(1, saleId);
                p.setLong(2, amountMinor);
                p.setString(3, currency);
                p.setString(4, PaymentState.AUTHORISING.name());
                p.setLong(5, now);
                p.setLong(6, now);
                p.executeUpdate();
                try (ResultSet k = p.getGeneratedKeys()) {
                    k.next();
                    id = k.getLong(1);
                }
            }
            step(c, id, PaymentState.AUTHORISING, amountMinor + " " + currency, now);
            c.commit();
            return find(id).orElseThrow();
        } catch (SQLException e) {
            throw new StoreException("cannot journal the card payment of sale " + saleId + ": " + e.getMessage(), e);
        }
    }

    /** Moves payment {@code id} to {@code state} with what the terminal said; committed before the caller acts on it. */
    public synchronized Payment move(long id, PaymentState state, Terminal terminal, Integer resultCode, String detail) {
        long now = clock.millis();
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("UPDATE payment SET state = ?, "
                    + "terminal_id = COALESCE(?, terminal_id), receipt_number = COALESCE(?, receipt_number), "
                    + "trace_number = COALESCE(?, trace_number), reference = COALESCE(?, reference), "
                    + "reversal_receipt = COALESCE(?, reversal_receipt), result_code = COALESCE(?, result_code), detail = ?, "
                    + "updated_ms = ? WHERE payment_id = ?")) {
                p.setString(1, state.name());
                setLong(p, 2, terminal == null ? null : terminal.terminalId());
                setLong(p, 3, terminal == null ? null : terminal.receipt());
                setLong(p, 4, terminal == null ? null : terminal.trace());
                p.setString(5, terminal == null || terminal.terminalId() == null || terminal.receipt() == null || terminal.trace() == null
                        ? null : Payment.reference(terminal.terminalId(), terminal.receipt(), terminal.trace()));
                setLong(p, 6, terminal == null ? null : terminal.reversalReceipt());
                if (resultCode == null) p.setNull(7, Types.INTEGER);
                else p.setInt(7, resultCode);
                p.setString(8, detail);
                p.setLong(9, now);
                p.setLong(10, id);
                if (p.executeUpdate() != 1) throw new IllegalArgumentException("no card payment " + id);
            }
            step(c, id, state, detail, now);
            c.commit();
            return find(id).orElseThrow();
        } catch (SQLException e) {
            throw new StoreException("cannot journal card payment " + id + ": " + e.getMessage(), e);
        }
    }

    /** What the terminal told about a payment or its reversal (null fields: not told). */
    public record Terminal(Long terminalId, Long receipt, Long trace, Long reversalReceipt) {
        public static Terminal reversal(long receipt) {
            return new Terminal(null, null, null, receipt);
        }
    }

    /** The journal's time, the one its payments' times are in. */
    public java.time.Instant now() {
        return clock.instant();
    }

    public synchronized Optional<Payment> find(long id) {
        return one("SELECT * FROM payment WHERE payment_id = ?", id);
    }

    public synchronized Optional<Payment> forSale(String saleId) {
        return one("SELECT * FROM payment WHERE sale_id = ?", saleId);
    }

    /** Payments not settled yet (the terminal may hold money the scale has not accounted for), oldest first. */
    public synchronized List<Payment> open() {
        return list("SELECT * FROM payment WHERE state IN ('AUTHORISING', 'UNKNOWN', 'APPROVED', 'REVERSING') ORDER BY payment_id");
    }

    /**
     * The newest payment the terminal booked and the PAID label went out for (completed, or since reversed), for the
     * service menu's reversal: only that one may be reversed, so a second press does not walk back to older sales.
     */
    public synchronized Optional<Payment> lastBooked() {
        List<Payment> l = list("SELECT * FROM payment WHERE state IN ('COMPLETED', 'REVERSING', 'REVERSED', 'REVERSAL_FAILED') "
                + "ORDER BY payment_id DESC LIMIT 1");
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /** Whether the terminal's receipt {@code receipt} is one this scale knows (a payment or a reversal of its own). */
    public synchronized boolean knowsReceipt(long receipt) {
        try (Connection c = db.connect();
             PreparedStatement p = c.prepareStatement("SELECT 1 FROM payment WHERE receipt_number = ? OR reversal_receipt = ? LIMIT 1")) {
            p.setLong(1, receipt);
            p.setLong(2, receipt);
            try (ResultSet r = p.executeQuery()) {
                return r.next();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the payment journal: " + e.getMessage(), e);
        }
    }

    /** The newest {@code limit} payments, newest first. */
    public synchronized List<Payment> newest(int limit) {
        return list("SELECT * FROM payment ORDER BY payment_id DESC LIMIT " + Math.max(1, Math.min(limit, 1000)));
    }

    /** How many payments are in each state (tests and the service menu). */
    public synchronized long count(PaymentState state) {
        try (Connection c = db.connect(); PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM payment WHERE state = ?")) {
            p.setString(1, state.name());
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the payment journal: " + e.getMessage(), e);
        }
    }

    /** The steps of payment {@code id}, in order: state and detail. */
    public synchronized List<String> steps(long id) {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); PreparedStatement p = c.prepareStatement("SELECT state, detail FROM payment_step WHERE payment_id = ? ORDER BY id")) {
            p.setLong(1, id);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) out.add(r.getString(1) + (r.getString(2) == null ? "" : " " + r.getString(2)));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the payment journal: " + e.getMessage(), e);
        }
        return out;
    }

    private static void step(Connection c, long id, PaymentState state, String detail, long now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO payment_step (payment_id, at_ms, state, detail) VALUES (?,?,?,?)")) {
            p.setLong(1, id);
            p.setLong(2, now);
            p.setString(3, state.name());
            p.setString(4, detail);
            p.executeUpdate();
        }
    }

    private Optional<Payment> one(String sql, Object key) {
        try (Connection c = db.connect(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setObject(1, key);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(row(r)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the payment journal: " + e.getMessage(), e);
        }
    }

    private List<Payment> list(String sql) {
        List<Payment> out = new ArrayList<>();
        try (Connection c = db.connect(); PreparedStatement p = c.prepareStatement(sql); ResultSet r = p.executeQuery()) {
            while (r.next()) out.add(row(r));
        } catch (SQLException e) {
            throw new StoreException("cannot read the payment journal: " + e.getMessage(), e);
        }
        return out;
    }

    private static Payment row(ResultSet r) throws SQLException {
        return new Payment(r.getLong("payment_id"), r.getString("sale_id"), r.getLong("amount_minor"), r.getString("currency"),
                PaymentState.valueOf(r.getString("state")), longOrNull(r, "terminal_id"), longOrNull(r, "receipt_number"),
                longOrNull(r, "trace_number"), r.getString("reference"), longOrNull(r, "reversal_receipt"),
                r.getObject("result_code") == null ? null : r.getInt("result_code"), r.getString("detail"),
                Instant.ofEpochMilli(r.getLong("started_ms")), Instant.ofEpochMilli(r.getLong("updated_ms")));
    }

    private static Long longOrNull(ResultSet r, String column) throws SQLException {
        long v = r.getLong(column);
        return r.wasNull() ? null : v;
    }

    private static void setLong(PreparedStatement p, int i, Long v) throws SQLException {
        if (v == null) p.setNull(i, Types.INTEGER);
        else p.setLong(i, v);
    }
}
