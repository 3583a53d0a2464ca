package com.freshscale.server.scales;

import com.fasterxml.jackson.databind.JsonNode;
import com.freshscale.protocol.Topics;
import com.freshscale.protocol.codec.MessageCodec;
import com.freshscale.protocol.codec.MessageRejectedException;
import com.freshscale.protocol.codec.Rejection;
import com.freshscale.protocol.mqtt.MqttLink;
import com.freshscale.protocol.status.ScaleCommand;
import com.freshscale.protocol.status.ScaleStatus;
import com.freshscale.server.store.NotFoundException;
import com.freshscale.server.store.DataException;
import com.freshscale.server.store.ServerDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Keeps the last status of every scale (online/offline, versions, outbox depth, printer) from the retained
 * status topics. Every server instance subscribes (not shared): the upsert is idempotent. Sends a known scale
 * a command (QoS 1 to its session: a scale that is offline gets it when it reconnects).
 */
public final class ScaleTracker {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ScaleTracker.class);

    /** Too many commands to one scale (HTTP 429). */
    public static boolean limited(RuntimeException e) {
        return e instanceof CommandLimiter.LimitedException;
    }

    public static long retryAfterSeconds(RuntimeException e) {
        return e instanceof CommandLimiter.LimitedException l ? Math.max(1, l.retryAfter.toSeconds()) : 0;
    }

    /**
     * A scale's last status and when the server last heard of it, and its identity: {@code ENROLLED},
     * {@code REVOKED} or {@code NOT_ENROLLED} (a status from before identities). An enrolled scale that has not
     * reported yet is listed with state {@code NEVER_CONNECTED} and no status; a revoked one with state
     * {@code REVOKED} (its last status kept, but not its ONLINE). The weighing ranges it reported last (null if it never
     * did: older firmware), since when ({@code rangesChangedMs}, server time), as text ("Max 6 kg e 2 g, Max 15 kg e 5 g, Min
     * 40 g"), and the latest changes of them, newest first ({@link ScaleRanges.Change}: a metrological event). The time zone
     * it dates its labels in, as it reported it last ({@code timeZone}, null if it never did: older firmware), the zone of
     * its store's business day ({@code storeTimeZone}: the store's own, else the chain's), and {@code zoneWarning}, what the
     * console shows when the two differ ({@link ScaleZones#warning}), else null.
     */
    public record Entry(String storeId, String scaleId, String state, long lastSeenMs, JsonNode status, String enrollment,
                        List<com.freshscale.protocol.status.WeighingRange> weighingRanges, Long rangesChangedMs, String rangesText,
                        List<ScaleRanges.Change> rangeChanges, String timeZone, String storeTimeZone, String zoneWarning) {}

    /** Changes of a scale's weighing ranges listed with it at most. */
    static final int RANGE_CHANGES_LISTED = 5;

    private final ServerDatabase database;
    private final Rejection rejections;
    private final com.freshscale.server.identity.Identities identities;
    private volatile MqttLink link;
    private final CommandLimiter limiter;
    private final ScaleRanges ranges;
    private final com.freshscale.server.ingest.BusinessDays businessDays;

    public ScaleTracker(ServerDatabase database, Rejection rejections, com.freshscale.server.identity.Identities identities) {
        this(database, rejections, identities, new ScaleRanges(database));
    }

    /** With {@code ranges}, the weighing ranges the ingest judges sales by: a status with ranges updates them. */
    public ScaleTracker(ServerDatabase database, Rejection rejections, com.freshscale.server.identity.Identities identities,
                        ScaleRanges ranges) {
        this(database, rejections, identities, ranges,
                new com.freshscale.server.ingest.BusinessDays(database, java.time.ZoneId.systemDefault()));
    }

    /**
     * With {@code businessDays}, the zones the ingest counts each store's business day in: a scale whose labels are dated in
     * another zone is listed with a warning.
     */
    public ScaleTracker(ServerDatabase database, Rejection rejections, com.freshscale.server.identity.Identities identities,
                        ScaleRanges ranges, com.freshscale.server.ingest.BusinessDays businessDays) {
        this.ranges = ranges;
        this.businessDays = businessDays;
        this.database = database;
        this.rejections = rejections;
        this.identities = identities;
        this.limiter = new CommandLimiter(java.time.Clock.systemUTC());
    }

    public ScaleTracker start(MqttLink link) {
        this.link = link;
        link.subscribe(Topics.ALL_STATUS, 1, (topic, payload, retained) -> {
            // an empty message is no status: it deletes the retained one (MQTT 5.0 §3.3.1.3), e.g. our own clearing below
            if (payload.length == 0) return;
            try {
                record(MessageCodec.decodeStatus(topic, payload), payload);
            } catch (MessageRejectedException e) {
                rejections.record(topic, e);
                if (retained) clearRetained(topic);
            }
        });
        return this;
    }

    /**
     * Deletes the retained message of a status topic that the server refused (garbage, another scale's status, a scale
     * that is not enrolled or revoked), so that it is not refused again at every (re)connect of every server instance:
     * an empty retained message. Only a message that came as retained (one the broker keeps) is cleared; a live one
     * (MQTT 5 delivers it with retain 0) is not, as clearing then could delete the scale's last good status, and is
     * cleared when it comes retained at the server's next connect. A broker that does not let the server publish on
     * status topics (a Mosquitto ACL from before this) refuses the clearing: logged, nothing else happens.
     */
    private void clearRetained(String topic) {
        MqttLink l = link;
        try {
            // Duration.ZERO: this runs on Paho's callback thread, the very thread that delivers the PUBACKs which
            // free the in-flight window, so waiting here for a slot could only stall every subscription for the wait
            boolean sent = l != null && l.publish(topic, new byte[0], true, Duration.ZERO, ok -> {
                if (ok) LOG.info("cleared the refused retained message on {}", topic);
                else LOG.warn("the broker did not let the server clear the refused retained message on {}", topic);
            });
            if (!sent) {
                LOG.warn("could not clear the refused retained message on {} now (not connected, or publishes in flight): "
                        + "it is refused again and cleared at the server's next connect", topic);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void record(ScaleStatus s, byte[] payload) throws SQLException, MessageRejectedException {
        // only an enrolled scale's status counts (the broker lets nobody else publish one; an external broker
        // set up without the ACL must not let a made-up scale into the fleet view either)
        var id = identities.find(com.freshscale.protocol.mqtt.MqttCredentials.scaleUser(s.storeId(), s.scaleId()));
        if (id.isEmpty() || id.get().revoked()) {
            throw new MessageRejectedException(Rejection.Reason.FOREIGN, "status of a scale that is not enrolled");
        }
        long now = System.currentTimeMillis();
        // the status and a change of its weighing ranges in one transaction
        try (Connection c = database.connect()) {
            c.setAutoCommit(false);
            try {
                // a status without the time zone (the Last Will, older firmware) keeps the one reported before
                try (PreparedStatement p = c.prepareStatement("INSERT INTO scale_status (store_id, scale_id, state, last_seen_ms, "
                        + "status_json, time_zone) VALUES (?,?,?,?,?,?) ON CONFLICT (store_id, scale_id) DO UPDATE SET "
                        + "state = excluded.state, last_seen_ms = excluded.last_seen_ms, status_json = excluded.status_json, "
                        + "time_zone = COALESCE(excluded.time_zone, scale_status.time_zone)")) {
                    p.setString(1, s.storeId());
                    p.setString(2, s.scaleId());
                    p.setString(3, s.state().name());
                    p.setLong(4, now);
                    p.setString(5, new String(payload, StandardCharsets.UTF_8));
                    p.setString(6, s.timeZone());
                    p.executeUpdate();
                }
                ranges.reported(c, s, now);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                if (s.weighingRanges() != null) ranges.forget(s.storeId(), s.scaleId());
            }
        }
    }

    /** Scales of {@code storeId}, or of every store if null. */
    public List<Entry> scales(String storeId) {
        String sql = "SELECT store_id, scale_id, state, last_seen_ms, status_json, weighing_ranges, ranges_changed_ms, time_zone "
                + "FROM scale_status"
                + (storeId == null ? "" : " WHERE store_id = ?") + " ORDER BY store_id, scale_id";
        try (Connection c = database.connect(); PreparedStatement p = c.prepareStatement(sql)) {
            if (storeId != null) p.setString(1, storeId);
            java.util.Map<String, com.freshscale.server.identity.Identity> ids = new java.util.TreeMap<>();
            for (var i : identities.list()) {
                if (i.kind() == com.freshscale.server.identity.Identity.Kind.SCALE && (storeId == null || storeId.equals(i.storeId()))) {
                    ids.put(i.storeId() + "/" + i.scaleId(), i);
                }
            }
            List<Entry> out = new ArrayList<>();
            java.util.Map<String, List<ScaleRanges.Change>> changes = ranges.recentChanges(c, storeId, RANGE_CHANGES_LISTED);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    var id = ids.remove(r.getString(1) + "/" + r.getString(2));
                    // a revoked scale's statuses are refused from then on, so its last one (often ONLINE) is stale:
                    // the broker cut it off, and whatever it does now, it is no longer part of the fleet
                    String state = id != null && id.revoked() ? "REVOKED" : r.getString(3);
                    List<com.freshscale.protocol.status.WeighingRange> weighing = r.getString(6) == null ? null
                            : ScaleRanges.parse(r.getString(6));
                    Long since = r.getString(6) == null ? null : r.getLong(7);
                    String zone = r.getString(8);
                    java.time.ZoneId storeZone = businessDays.zone(r.getString(1));
                    out.add(new Entry(r.getString(1), r.getString(2), state, r.getLong(4),
                            MessageCodec.mapper().readTree(r.getString(5)), enrollment(id), weighing, since,
                            weighing == null ? null : com.freshscale.protocol.status.WeighingRange.describe(weighing),
                            changes.getOrDefault(r.getString(1) + "/" + r.getString(2), List.of()), zone, storeZone.getId(),
                            ScaleZones.warning(zone, r.getString(1), storeZone, businessDays.hasOwnZone(r.getString(1)))));
                }
            }
            for (var id : ids.values()) {
                out.add(new Entry(id.storeId(), id.scaleId(), "NEVER_CONNECTED", 0, null, enrollment(id), null, null, null, List.of(),
                        null, businessDays.zone(id.storeId()).getId(), null));
            }
            out.sort(java.util.Comparator.comparing(Entry::storeId).thenComparing(Entry::scaleId));
            return out;
        } catch (SQLException | java.io.IOException e) {
            throw new DataException("cannot read scale status: " + e.getMessage(), e);
        }
    }

    private static String enrollment(com.freshscale.server.identity.Identity id) {
        return id == null ? "NOT_ENROLLED" : id.revoked() ? "REVOKED" : "ENROLLED";
    }

    /**
     * Sends {@code command} to a scale the server has heard of; returns the command's id. The broker holds it
     * for a scale that is offline (its session outlives a disconnect), so "sent" means "the broker has it".
     */
    public String send(String storeId, String scaleId, ScaleCommand.Command command, String who) {
        Topics.id(storeId);
        Topics.id(scaleId);
        if (scales(storeId).stream().noneMatch(e -> e.scaleId().equals(scaleId) && e.enrollment().equals("ENROLLED"))) {
            throw new NotFoundException("no enrolled scale " + scaleId + " in store " + storeId);
        }
        limiter.acquire(storeId + "/" + scaleId, command);
        ScaleCommand c = new ScaleCommand(ScaleCommand.SCHEMA, UUID.randomUUID().toString(), command, Instant.now());
        MqttLink l = link;
        boolean sent;
        try {
            sent = l != null && l.publishAndWait(Topics.commands(storeId, scaleId), MessageCodec.encode(c), false, Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sent = false;
        }
        if (!sent) throw new DataException("the broker did not take the command: try again", null);
        LOG.info("{} sent {} to scale {} of store {} (command {})", who, command, scaleId, storeId, c.id());
        return c.id();
    }
}
