package com.freshscale.server.identity;

import com.freshscale.protocol.mqtt.MqttCredentials;
import com.freshscale.server.store.ServerDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The MQTT identities of the scales and server instances (table {@code mqtt_identity}): issued with a fresh
 * random password (only its hash is kept), checked when a client connects to the embedded broker, revoked
 * from the console. The same hashes make a Mosquitto {@code password_file} ({@link #writePasswordFile}).
 */
public final class Identities {
    private final ServerDatabase database;
    private final Clock clock;

    public Identities(ServerDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** New credentials for scale {@code scaleId} of {@code storeId}; a previous password (or revocation) ends. */
    public MqttCredentials issueScale(String storeId, String scaleId) {
        String user = MqttCredentials.scaleUser(storeId, scaleId);
        return database.transaction(c -> issue(c, user, Identity.Kind.SCALE, storeId, scaleId));
    }

    /** The same, inside the caller's transaction (enrollment: the code is spent in the same one). */
    MqttCredentials issueScale(Connection c, String storeId, String scaleId) throws SQLException {
        return issue(c, MqttCredentials.scaleUser(storeId, scaleId), Identity.Kind.SCALE, storeId, scaleId);
    }

    /** New credentials for server instance {@code instanceId}. */
    public MqttCredentials issueServer(String instanceId) {
        String user = MqttCredentials.serverUser(instanceId);
        return database.transaction(c -> issue(c, user, Identity.Kind.SERVER, null, null));
    }

    private MqttCredentials issue(Connection c, String user, Identity.Kind kind, String store, String scale) throws SQLException {
        char[] password = MosquittoHash.newPassword();
        try (PreparedStatement p = c.prepareStatement("INSERT INTO mqtt_identity (user_name, kind, store_id, scale_id, password_hash, "
                + "created_ms, revoked_ms) VALUES (?,?,?,?,?,?,NULL) ON CONFLICT (user_name) DO UPDATE SET "
                + "password_hash = excluded.password_hash, created_ms = excluded.created_ms, revoked_ms = NULL")) {
            p.setString(1, user);
            p.setString(2, kind.name());
            p.setString(3, store);
            p.setString(4, scale);
            p.setString(5, MosquittoHash.hash(password));
            p.setLong(6, clock.millis());
            p.executeUpdate();
        }
        return new MqttCredentials(user, password);
    }

    /** The identity {@code userName} if {@code password} is its password and it is not revoked. */
    public Optional<Identity> verify(String userName, char[] password) {
        if (userName == null || password == null) return Optional.empty();
        return database.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT password_hash, revoked_ms FROM mqtt_identity WHERE user_name = ?")) {
                p.setString(1, userName);
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next() || r.getObject(2) != null) return Optional.<String>empty();
                    return Optional.of(r.getString(1));
                }
            }
        }).filter(hash -> MosquittoHash.verify(password, hash)).flatMap(h -> find(userName));
    }

    public Optional<Identity> find(String userName) {
        return database.read(c -> {
            try (PreparedStatement p = c.prepareStatement(SELECT + " WHERE user_name = ?")) {
                p.setString(1, userName);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? Optional.of(row(r)) : Optional.<Identity>empty();
                }
            }
        });
    }

    /** Revokes scale {@code scaleId} of {@code storeId}; false if it has no identity. */
    public boolean revokeScale(String storeId, String scaleId) {
        String user = MqttCredentials.scaleUser(storeId, scaleId);
        return database.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE mqtt_identity SET revoked_ms = ? WHERE user_name = ? AND revoked_ms IS NULL")) {
                p.setLong(1, clock.millis());
                p.setString(2, user);
                return p.executeUpdate() == 1;
            }
        });
    }

    public List<Identity> list() {
        return database.read(c -> {
            List<Identity> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(SELECT + " ORDER BY user_name"); ResultSet r = p.executeQuery()) {
                while (r.next()) out.add(row(r));
            }
            return out;
        });
    }

    /**
     * Writes a Mosquitto {@code password_file} with every identity that is not revoked (atomically: a broker
     * reloading on SIGHUP never reads half a file). Mode 0600 where the file system has POSIX permissions.
     */
    public int writePasswordFile(Path file) throws IOException {
        List<String> lines = database.read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT user_name, password_hash FROM mqtt_identity "
                    + "WHERE revoked_ms IS NULL ORDER BY user_name"); ResultSet r = p.executeQuery()) {
                while (r.next()) out.add(r.getString(1) + ":" + r.getString(2));
            }
            return out;
        });
        com.freshscale.protocol.files.SecretFile.write(file, lines.isEmpty() ? "" : String.join("\n", lines) + "\n");
        return lines.size();
    }

    private static final String SELECT = "SELECT user_name, kind, store_id, scale_id, created_ms, revoked_ms FROM mqtt_identity";

    private static Identity row(ResultSet r) throws SQLException {
        long revoked = r.getLong(6);
        Long revokedMs = r.wasNull() ? null : revoked; // before the next get: wasNull() is about the last column read
        return new Identity(r.getString(1), Identity.Kind.valueOf(r.getString(2)), r.getString(3), r.getString(4), r.getLong(5),
                revokedMs);
    }
}
