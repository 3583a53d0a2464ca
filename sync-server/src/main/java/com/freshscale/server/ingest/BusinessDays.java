package com.freshscale.server.ingest;

import com.freshscale.server.store.ServerDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The business day a sale counts under in HQ's reports: the date the store's clock showed, in the store's own
 * time zone if it has one, else the chain's. The stores' zones are read from the database and read again
 * after {@link #REFRESH_NANOS}, so a zone set through another server instance of the chain reaches this one
 * within a minute; a sale's day is fixed when it is stored.
 */
public final class BusinessDays {
    private static final Logger LOG = LoggerFactory.getLogger(BusinessDays.class);
    static final long REFRESH_NANOS = 60_000_000_000L;

    private final ServerDatabase database;
    private final ZoneId chainZone;
    private final LongSupplier nanoClock;
    private volatile Map<String, ZoneId> storeZones = Map.of();
    private volatile long loadedAt;
    private volatile boolean loaded;

    public BusinessDays(ServerDatabase database, ZoneId chainZone) {
        this(database, chainZone, System::nanoTime);
    }

    BusinessDays(ServerDatabase database, ZoneId chainZone, LongSupplier nanoClock) {
        this.database = database;
        this.chainZone = chainZone;
        this.nanoClock = nanoClock;
    }

    /** The day of {@code soldAt} at store {@code storeId}. */
    public LocalDate day(String storeId, Instant soldAt) {
        return LocalDate.ofInstant(soldAt, zone(storeId));
    }

    /** The zone of {@code storeId}'s business day. */
    public ZoneId zone(String storeId) {
        long now = nanoClock.getAsLong();
        if (!loaded || now - loadedAt > REFRESH_NANOS) reload(now);
        return storeZones.getOrDefault(storeId, chainZone);
    }

    /** Whether {@code storeId} has a time zone of its own (false: its business day is in the chain's zone). */
    public boolean hasOwnZone(String storeId) {
        zone(storeId);
        return storeZones.containsKey(storeId);
    }

    /** Forget what was read: the next sale reads the zones again (after a store's zone changed here). */
    public void invalidate() {
        loaded = false;
    }

    private synchronized void reload(long now) {
        if (loaded && now - loadedAt <= REFRESH_NANOS) return;
        Map<String, ZoneId> zones = new HashMap<>();
        try (Connection c = database.connect();
             PreparedStatement p = c.prepareStatement("SELECT store_id, time_zone FROM store WHERE time_zone IS NOT NULL");
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                try {
                    zones.put(r.getString(1), ZoneId.of(r.getString(2)));
                } catch (java.time.DateTimeException e) {
                    // only the API writes this column, and it checks the name; a zone this JDK lacks keeps the chain's
                    LOG.error("store {} has time zone '{}', which this server does not know; using {}", r.getString(1),
                            r.getString(2), chainZone);
                }
            }
        } catch (SQLException e) {
            // keep what was read before: a sale's day must not wait for the database to answer this
            LOG.warn("cannot read the stores' time zones ({}); keeping the last ones", e.getMessage());
            loadedAt = now;
            loaded = true;
            return;
        }
        storeZones = Map.copyOf(zones);
        loadedAt = now;
        loaded = true;
    }
}
