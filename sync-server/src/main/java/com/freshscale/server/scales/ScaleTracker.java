package com.freshscale.server.scales;

import com.fasterxml.jackson.databind.JsonNode;
import com.freshscale.protocol.Topics;
import com.freshscale.protocol.codec.MessageCodec;
import com.freshscale.protocol.codec.MessageRejectedException;
import com.freshscale.protocol.codec.Rejection;
import com.freshscale.protocol.mqtt.MqttLink;
import com.freshscale.protocol.status.ScaleStatus;
import com.freshscale.server.store.DataException;
import com.freshscale.server.store.ServerDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the last status of every scale (online/offline, versions, outbox depth, printer) from the retained
 * status topics. Every server instance subscribes (not shared): the upsert is idempotent.
 */
public final class ScaleTracker {
    /** A scale's last status and when the server last heard of it. */
    public record Entry(String storeId, String scaleId, String state, long lastSeenMs, JsonNode status) {}

    private final ServerDatabase database;
    private final Rejection rejections;

    public ScaleTracker(ServerDatabase database, Rejection rejections) {
        this.database = database;
        this.rejections = rejections;
    }

    public ScaleTracker start(MqttLink link) {
        link.subscribe(Topics.ALL_STATUS, 1, (topic, payload, retained) -> {
            try {
                record(MessageCodec.decodeStatus(topic, payload), payload);
            } catch (MessageRejectedException e) {
                rejections.record(topic, e);
            }
        });
        return this;
    }

    void record(ScaleStatus s, byte[] payload) throws SQLException {
        try (Connection c = database.connect();
             PreparedStatement p = c.prepareStatement("INSERT INTO scale_status (store_id, scale_id, state, last_seen_ms, "
                     + "status_json) VALUES (?,?,?,?,?) ON CONFLICT (store_id, scale_id) DO UPDATE SET state = excluded.state, "
                     + "last_seen_ms = excluded.last_seen_ms, status_json = excluded.status_json")) {
            p.setString(1, s.storeId());
            p.setString(2, s.scaleId());
            p.setString(3, s.state().name());
            p.setLong(4, System.currentTimeMillis());
            p.setString(5, new String(payload, StandardCharsets.UTF_8));
            p.executeUpdate();
        }
    }

    /** Scales of {@code storeId}, or of every store if null. */
    public List<Entry> scales(String storeId) {
        String sql = "SELECT store_id, scale_id, state, last_seen_ms, status_json FROM scale_status"
                + (storeId == null ? "" : " WHERE store_id = ?") + " ORDER BY store_id, scale_id";
        try (Connection c = database.connect(); PreparedStatement p = c.prepareStatement(sql)) {
            if (storeId != null) p.setString(1, storeId);
            List<Entry> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new Entry(r.getString(1), r.getString(2), r.getString(3), r.getLong(4),
                            MessageCodec.mapper().readTree(r.getString(5))));
                }
            }
            return out;
        } catch (SQLException | java.io.IOException e) {
            throw new DataException("cannot read scale status: " + e.getMessage(), e);
        }
    }
}
