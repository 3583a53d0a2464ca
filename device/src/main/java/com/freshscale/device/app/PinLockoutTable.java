package com.freshscale.device.app;

import com.freshscale.device.store.DeviceDatabase;
import com.freshscale.device.store.StoreException;
import com.freshscale.device.ui.PinLockoutStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The service PIN's lockout in the scale's database (table {@code service_pin_lockout}, V502): one row. */
final class PinLockoutTable implements PinLockoutStore {
    private final DeviceDatabase db;

    PinLockoutTable(DeviceDatabase db) {
        this.db = db;
    }

    @Override
    public Optional<State> load() {
        try (Connection c = db.connect();
                PreparedStatement p = c.prepareStatement("SELECT wrong, locked_until_ms, next_lock_ms FROM service_pin_lockout WHERE id = 1");
                ResultSet r = p.executeQuery()) {
            return r.next() ? Optional.of(new State(r.getInt(1), r.getLong(2), r.getLong(3))) : Optional.empty();
        } catch (SQLException e) {
            throw new StoreException("cannot read the service PIN lockout: " + e.getMessage(), e);
        }
    }

    @Override
    public void save(State s) {
        try (Connection c = db.connect();
                PreparedStatement p = c.prepareStatement("INSERT INTO service_pin_lockout (id, wrong, locked_until_ms, next_lock_ms) "
                        + "VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET wrong = excluded.wrong, "
                        + "locked_until_ms = excluded.locked_until_ms, next_lock_ms = excluded.next_lock_ms")) {
            p.setInt(1, s.wrong());
            p.setLong(2, s.lockedUntilMs());
            p.setLong(3, s.nextLockMs());
            p.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot save the service PIN lockout: " + e.getMessage(), e);
        }
    }
}
