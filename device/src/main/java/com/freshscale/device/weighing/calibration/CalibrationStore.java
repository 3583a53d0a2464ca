package com.freshscale.device.weighing.calibration;

import com.freshscale.device.store.DeviceDatabase;
import com.freshscale.device.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Calibrations in the scale's SQLite database. Saving one is one transaction: the event counter counts up,
 * the calibration and its points are appended, and the audit log records old and new values. Triggers in
 * V101 make the counter count-up-only and the history append-only.
 */
public final class CalibrationStore {
    private final DeviceDatabase db;

    public CalibrationStore(DeviceDatabase db) {
        this.db = db;
    }

    /** A calibration as stored: its event number, when, by whom, and for which Max/e. */
    public record Stored(long event, Instant createdAt, String technician, String ranges, Calibration calibration) {}

    /** One audit-log line. */
    public record AuditEntry(long id, Instant at, long event, String actor, String what, String oldValue, String newValue) {}

    public long eventCounter() {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT events FROM calibration_counter WHERE id = 1")) {
            if (!rs.next()) throw new StoreException("calibration counter row missing", null);
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new StoreException("cannot read the calibration counter: " + e.getMessage(), e);
        }
    }

    public Optional<Stored> current() {
        try (Connection c = db.connect()) {
            return current(c);
        } catch (SQLException e) {
            throw new StoreException("cannot read the calibration: " + e.getMessage(), e);
        }
    }

    private static Optional<Stored> current(Connection c) throws SQLException {
        long event;
        Instant at;
        String technician;
        String ranges;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT event, created_at, technician, ranges FROM calibration ORDER BY event DESC LIMIT 1")) {
            if (!rs.next()) return Optional.empty();
            event = rs.getLong(1);
            at = Instant.parse(rs.getString(2));
            technician = rs.getString(3);
            ranges = rs.getString(4);
        }
        List<CalibrationPoint> points = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT mass_mg, counts FROM calibration_point WHERE event = ? ORDER BY mass_mg")) {
            ps.setLong(1, event);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) points.add(new CalibrationPoint(rs.getLong(1), rs.getDouble(2)));
            }
        }
        return Optional.of(new Stored(event, at, technician, ranges, new Calibration(points)));
    }

    /** Stores a new calibration as the next event; returns it with its event number. */
    public Stored save(Calibration calibration, String ranges, String technician, Instant at) {
        if (technician == null || technician.isBlank()) throw new IllegalArgumentException("a calibration names its technician");
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try {
                Optional<Stored> old = current(c);
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("UPDATE calibration_counter SET events = events + 1 WHERE id = 1");
                }
                long event;
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT events FROM calibration_counter")) {
                    rs.next();
                    event = rs.getLong(1);
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO calibration (event, created_at, technician, ranges) VALUES (?, ?, ?, ?)")) {
                    ps.setLong(1, event);
                    ps.setString(2, at.toString());
                    ps.setString(3, technician);
                    ps.setString(4, ranges);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO calibration_point (event, mass_mg, counts) VALUES (?, ?, ?)")) {
                    for (CalibrationPoint p : calibration.points()) {
                        ps.setLong(1, event);
                        ps.setLong(2, p.massMg());
                        ps.setDouble(3, p.counts());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO weighing_audit_log "
                        + "(at, event, actor, what, old_value, new_value) VALUES (?, ?, ?, 'calibration', ?, ?)")) {
                    ps.setString(1, at.toString());
                    ps.setLong(2, event);
                    ps.setString(3, technician);
                    ps.setString(4, old.map(CalibrationStore::describe).orElse(null));
                    ps.setString(5, describe(ranges, calibration));
                    ps.executeUpdate();
                }
                c.commit();
                return new Stored(event, at, technician, ranges, calibration);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot store the calibration: " + e.getMessage(), e);
        }
    }

    public List<AuditEntry> auditLog() {
        List<AuditEntry> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, at, event, actor, what, old_value, new_value FROM weighing_audit_log ORDER BY id")) {
            while (rs.next()) {
                out.add(new AuditEntry(rs.getLong(1), Instant.parse(rs.getString(2)), rs.getLong(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read the audit log: " + e.getMessage(), e);
        }
    }

    private static String describe(Stored s) {
        return describe(s.ranges(), s.calibration());
    }

    static String describe(String ranges, Calibration calibration) {
        StringBuilder b = new StringBuilder("ranges=").append(ranges).append("; points=");
        for (CalibrationPoint p : calibration.points()) {
            b.append(p.massMg()).append("mg@").append(String.format(java.util.Locale.ROOT, "%.1f", p.counts())).append(' ');
        }
        return b.toString().trim();
    }
}
