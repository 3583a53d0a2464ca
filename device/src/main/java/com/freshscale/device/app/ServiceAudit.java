package com.freshscale.device.app;

import com.freshscale.device.store.DeviceDatabase;
import com.freshscale.device.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The service menu's append-only log (table {@code service_audit}, V501). */
final class ServiceAudit {
    record Entry(Instant at, String actor, String what, String detail) {
    }

    private final DeviceDatabase db;

    ServiceAudit(DeviceDatabase db) {
        this.db = db;
    }

    void record(String actor, String what, String detail) {
        try (Connection c = db.connect();
                PreparedStatement p = c.prepareStatement("INSERT INTO service_audit (at_ms, actor, what, detail) VALUES (?,?,?,?)")) {
            p.setLong(1, System.currentTimeMillis());
            p.setString(2, actor);
            p.setString(3, what);
            p.setString(4, detail == null ? "" : detail);
            p.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot write the service audit log: " + e.getMessage(), e);
        }
    }

    List<Entry> newest(int limit) {
        List<Entry> out = new ArrayList<>();
        try (Connection c = db.connect();
                PreparedStatement p = c.prepareStatement("SELECT at_ms, actor, what, detail FROM service_audit ORDER BY id DESC LIMIT ?")) {
            p.setInt(1, limit);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) out.add(new Entry(Instant.ofEpochMilli(r.getLong(1)), r.getString(2), r.getString(3), r.getString(4)));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the service audit log: " + e.getMessage(), e);
        }
        return out;
    }
}
