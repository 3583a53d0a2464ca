package com.freshscale.server.identity;

import com.freshscale.protocol.Topics;
import com.freshscale.protocol.mqtt.MqttCredentials;
import com.freshscale.server.store.NotFoundException;
import com.freshscale.server.store.ServerDatabase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

/**
 * One-time enrollment codes (table {@code enrollment_code}). HQ makes one in the console for one scale of one
 * store; the technician types it into the new scale's service menu; the scale sends it to the server over HTTP
 * and receives its MQTT credentials and the price-book public key. A code is good once and for
 * {@link #VALIDITY}; only its SHA-256 is stored (the code is random, so a plain hash is enough: nothing to
 * stretch against guessing 60 random bits, and wrong guesses are throttled like logins).
 */
public final class Enrollments {
    public static final Duration VALIDITY = Duration.ofHours(24);
    /** Crockford's Base32 alphabet: no I, L, O, U, so a code read off a screen is typed without confusion. */
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final int CODE_CHARS = 12; // 60 bits
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A code as made: shown once, never stored. */
    public record Code(String code, String storeId, String scaleId, Instant expiresAt) {}

    private final ServerDatabase database;
    private final Identities identities;
    private final Clock clock;

    public Enrollments(ServerDatabase database, Identities identities, Clock clock) {
        this.database = database;
        this.identities = identities;
        this.clock = clock;
    }

    public Code create(String storeId, String scaleId, String createdBy) {
        Topics.id(storeId);
        Topics.id(scaleId);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < CODE_CHARS; i++) {
            if (i > 0 && i % 4 == 0) b.append('-');
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        String code = b.toString();
        Instant expires = clock.instant().plus(VALIDITY);
        database.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM store WHERE store_id = ?")) {
                p.setString(1, storeId);
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) throw new NotFoundException("no store " + storeId);
                }
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO enrollment_code (code_hash, store_id, scale_id, created_by, "
                    + "created_ms, expires_ms, used_ms) VALUES (?,?,?,?,?,?,NULL)")) {
                p.setString(1, hash(code));
                p.setString(2, storeId);
                p.setString(3, scaleId);
                p.setString(4, createdBy);
                p.setLong(5, clock.millis());
                p.setLong(6, expires.toEpochMilli());
                p.executeUpdate();
            }
            return null;
        });
        return new Code(code, storeId, scaleId, expires);
    }

    /** What a redeemed code gives the scale. */
    public record Enrolled(String storeId, String scaleId, MqttCredentials credentials) {}

    /**
     * Spends {@code code} for scale {@code scaleId} of {@code storeId} (as the scale's config names itself) and
     * issues its credentials, in one transaction. An unknown, used or expired code, or one made for another
     * scale, is an {@link IllegalArgumentException} with the reason, and nothing changes.
     */
    public Enrolled redeem(String code, String storeId, String scaleId) {
        if (code == null || code.isBlank() || code.length() > 64) throw new IllegalArgumentException("no enrollment code");
        Topics.id(storeId);
        Topics.id(scaleId);
        String h = hash(normalise(code));
        return database.transaction(c -> {
            String store;
            String scale;
            try (PreparedStatement p = c.prepareStatement("SELECT store_id, scale_id, expires_ms, used_ms FROM enrollment_code "
                    + "WHERE code_hash = ?")) {
                p.setString(1, h);
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) throw new IllegalArgumentException("unknown enrollment code");
                    store = r.getString(1);
                    scale = r.getString(2);
                    if (r.getObject(4) != null) throw new IllegalArgumentException("this enrollment code was used already");
                    if (r.getLong(3) <= clock.millis()) throw new IllegalArgumentException("this enrollment code has expired");
                }
            }
            if (!store.equals(storeId) || !scale.equals(scaleId)) {
                throw new IllegalArgumentException("this code is for scale " + scale + " of store " + store + ", but this scale is "
                        + "configured as " + scaleId + " of store " + storeId);
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE enrollment_code SET used_ms = ? WHERE code_hash = ? AND used_ms IS NULL")) {
                p.setLong(1, clock.millis());
                p.setString(2, h);
                if (p.executeUpdate() != 1) throw new IllegalArgumentException("this enrollment code was used already");
            }
            return new Enrolled(store, scale, identities.issueScale(c, store, scale));
        });
    }

    /** Upper case, and the dashes and spaces a technician may or may not type, put back as made. */
    static String normalise(String code) {
        String s = code.toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (i > 0 && i % 4 == 0) b.append('-');
            b.append(s.charAt(i));
        }
        return b.toString();
    }

    private static String hash(String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
