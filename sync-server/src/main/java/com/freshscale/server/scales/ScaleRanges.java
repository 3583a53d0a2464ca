package com.freshscale.server.scales;

import com.fasterxml.jackson.core.type.TypeReference;
import com.freshscale.protocol.codec.MessageCodec;
import com.freshscale.protocol.status.ScaleStatus;
import com.freshscale.protocol.status.WeighingRange;
import com.freshscale.server.store.DataException;
import com.freshscale.server.store.ServerDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The weighing ranges every scale last reported in its status (Max and e of each partial range, OIML R76-1 3.2; Min =
 * 20 e1, R76-1 Table 3), kept per store and scale in {@code scale_status.weighing_ranges}, and every change of them, a
 * metrological event (re-configured, re-verified, or a scale identity that lies), in {@code scale_range_change} with
 * old → new and when. A status without ranges (older firmware, the {@code OFFLINE} Last Will) leaves them as they were.
 *
 * <p>The ingest asks {@link #known} for every per-kg sale: cached per scale, read from the database once, and forgotten
 * whenever this server receives a status with ranges. Every server instance receives every status (the status
 * subscription is not shared), so each forgets its own cache; only one of them records a change (compare-and-set on the
 * stored ranges).
 */
public final class ScaleRanges {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ScaleRanges.class);
    private static final TypeReference<List<WeighingRange>> LIST = new TypeReference<>() {};

    /**
     * The ranges a scale reported last, since when (server time), and the ones before them (null if these were its first).
     */
    public record Known(List<WeighingRange> ranges, long sinceMs, List<WeighingRange> previous) {}

    /** One change of a scale's ranges: {@code from} null for its first report. */
    public record Change(String storeId, String scaleId, List<WeighingRange> from, List<WeighingRange> to, long changedMs,
                         Instant reportedAt, String fromText, String toText) {}

    private final ServerDatabase database;
    private final Map<String, Optional<Known>> cache = new ConcurrentHashMap<>();
    /** Counts {@link #forget}s: a load that raced with one is not cached (it may have read the ranges before the change). */
    private final java.util.concurrent.atomic.AtomicLong forgotten = new java.util.concurrent.atomic.AtomicLong();

    public ScaleRanges(ServerDatabase database) {
        this.database = database;
    }

    /** The ranges {@code storeId}/{@code scaleId} reported last; empty if it never did. */
    public Optional<Known> known(String storeId, String scaleId) {
        String key = storeId + "/" + scaleId;
        Optional<Known> k = cache.get(key);
        if (k != null) return k;
        long before = forgotten.get();
        k = database.read(c -> load(c, storeId, scaleId));
        if (forgotten.get() == before) cache.put(key, k);
        return k;
    }

    private static Optional<Known> load(Connection c, String storeId, String scaleId) throws SQLException {
        String current;
        long since;
        try (PreparedStatement p = c.prepareStatement("SELECT weighing_ranges, ranges_changed_ms FROM scale_status "
                + "WHERE store_id = ? AND scale_id = ?")) {
            p.setString(1, storeId);
            p.setString(2, scaleId);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next() || r.getString(1) == null) return Optional.empty();
                current = r.getString(1);
                since = r.getLong(2);
            }
        }
        String previous = null;
        try (PreparedStatement p = c.prepareStatement("SELECT old_ranges FROM scale_range_change WHERE store_id = ? AND scale_id = ? "
                + "AND new_ranges = ? ORDER BY changed_ms DESC")) {
            p.setString(1, storeId);
            p.setString(2, scaleId);
            p.setString(3, current);
            p.setMaxRows(1);
            try (ResultSet r = p.executeQuery()) {
                if (r.next()) previous = r.getString(1);
            }
        }
        return Optional.of(new Known(parse(current), since, previous == null ? null : parse(previous)));
    }

    /**
     * Takes the ranges of status {@code s} (a status the server accepted, its row in {@code scale_status} written in
     * {@code c}'s transaction): if they differ from the stored ones, stores them and records the change. Returns the
     * change, or null (no ranges in the status, the same ones, or another server instance recorded this change first).
     */
    Change reported(Connection c, ScaleStatus s, long nowMs) throws SQLException {
        if (s.weighingRanges() == null) return null;
        String json = text(s.weighingRanges());
        String old;
        try (PreparedStatement p = c.prepareStatement("SELECT weighing_ranges FROM scale_status WHERE store_id = ? AND scale_id = ?")) {
            p.setString(1, s.storeId());
            p.setString(2, s.scaleId());
            try (ResultSet r = p.executeQuery()) {
                old = r.next() ? r.getString(1) : null;
            }
        }
        if (json.equals(old)) return null;
        // compare-and-set: of several server instances receiving the same status, one records the change
        try (PreparedStatement p = c.prepareStatement("UPDATE scale_status SET weighing_ranges = ?, ranges_changed_ms = ? "
                + "WHERE store_id = ? AND scale_id = ? AND " + (old == null ? "weighing_ranges IS NULL" : "weighing_ranges = ?"))) {
            p.setString(1, json);
            p.setLong(2, nowMs);
            p.setString(3, s.storeId());
            p.setString(4, s.scaleId());
            if (old != null) p.setString(5, old);
            if (p.executeUpdate() == 0) return null;
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO scale_range_change (change_id, store_id, scale_id, old_ranges, "
                + "new_ranges, changed_ms, reported_at_ms) VALUES (?,?,?,?,?,?,?)")) {
            p.setString(1, UUID.randomUUID().toString());
            p.setString(2, s.storeId());
            p.setString(3, s.scaleId());
            p.setString(4, old);
            p.setString(5, json);
            p.setLong(6, nowMs);
            p.setLong(7, s.at().toEpochMilli());
            p.executeUpdate();
        }
        List<WeighingRange> from = old == null ? null : parse(old);
        Change change = new Change(s.storeId(), s.scaleId(), from, s.weighingRanges(), nowMs, s.at(),
                from == null ? null : WeighingRange.describe(from), WeighingRange.describe(s.weighingRanges()));
        if (from == null) {
            LOG.info("scale {}/{} reports its weighing ranges: {}", s.storeId(), s.scaleId(), change.toText());
        } else {
            LOG.warn("scale {}/{} changed its weighing ranges (a metrological event): {} -> {}", s.storeId(), s.scaleId(),
                    change.fromText(), change.toText());
        }
        return change;
    }

    /** This server received a status with ranges of the scale: its cached ranges are read again. */
    void forget(String storeId, String scaleId) {
        forgotten.incrementAndGet();
        cache.remove(storeId + "/" + scaleId);
    }

    /** The latest {@code limit} changes of the ranges of {@code storeId}/{@code scaleId}, newest first. */
    public List<Change> changes(String storeId, String scaleId, int limit) {
        return database.read(c -> {
            List<Change> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT old_ranges, new_ranges, changed_ms, reported_at_ms FROM "
                    + "scale_range_change WHERE store_id = ? AND scale_id = ? ORDER BY changed_ms DESC")) {
                p.setString(1, storeId);
                p.setString(2, scaleId);
                p.setMaxRows(limit);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        List<WeighingRange> from = r.getString(1) == null ? null : parse(r.getString(1));
                        List<WeighingRange> to = parse(r.getString(2));
                        out.add(new Change(storeId, scaleId, from, to, r.getLong(3), Instant.ofEpochMilli(r.getLong(4)),
                                from == null ? null : WeighingRange.describe(from), WeighingRange.describe(to)));
                    }
                }
            }
            return out;
        });
    }

    /**
     * The latest {@code perScale} changes of every scale of {@code storeId} (every store if null), newest first, by
     * "store/scale".
     */
    Map<String, List<Change>> recentChanges(Connection c, String storeId, int perScale) throws SQLException {
        Map<String, List<Change>> out = new java.util.HashMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT store_id, scale_id, old_ranges, new_ranges, changed_ms, reported_at_ms "
                + "FROM scale_range_change" + (storeId == null ? "" : " WHERE store_id = ?") + " ORDER BY changed_ms DESC")) {
            if (storeId != null) p.setString(1, storeId);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    List<Change> l = out.computeIfAbsent(r.getString(1) + "/" + r.getString(2), k -> new ArrayList<>());
                    if (l.size() >= perScale) continue;
                    List<WeighingRange> from = r.getString(3) == null ? null : parse(r.getString(3));
                    List<WeighingRange> to = parse(r.getString(4));
                    l.add(new Change(r.getString(1), r.getString(2), from, to, r.getLong(5), Instant.ofEpochMilli(r.getLong(6)),
                            from == null ? null : WeighingRange.describe(from), WeighingRange.describe(to)));
                }
            }
        }
        return out;
    }

    static String text(List<WeighingRange> ranges) {
        return new String(MessageCodec.encode(ranges), StandardCharsets.UTF_8);
    }

    static List<WeighingRange> parse(String json) {
        try {
            return List.copyOf(MessageCodec.mapper().readValue(json, LIST));
        } catch (IOException e) {
            throw new DataException("stored weighing ranges are not readable: " + json, null);
        }
    }
}
