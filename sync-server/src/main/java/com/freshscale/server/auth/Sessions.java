package com.freshscale.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Console sessions: a random 256-bit token in the browser's cookie, its SHA-256 in the database. A session
 * ends after {@code idle} without a request, after {@link #MAX_AGE} in any case, at logout, and when its
 * account is removed or gets a new password.
 */
public final class Sessions {
    /** One working day plus overtime: a console left logged in on a back-office PC does not stay so for a week. */
    public static final Duration MAX_AGE = Duration.ofHours(12);
    /** last_seen is written at most this often, not on every request: the database also takes every sale. */
    private static final Duration TOUCH = Duration.ofSeconds(30);

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Accounts accounts;
    private final Duration idle;
    private final Clock clock;

    public Sessions(Accounts accounts, Duration idle, Clock clock) {
        if (idle.isNegative() || idle.isZero()) throw new IllegalArgumentException("the session idle time must be positive");
        this.accounts = accounts;
        this.idle = idle;
        this.clock = clock;
    }

    public Duration idle() {
        return idle;
    }

    /** A new session for {@code userName}; returns the token for the cookie. */
    public String start(String userName) {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        long now = clock.millis();
        accounts.tx(c -> {
            // sessions that ran out are removed here, so the table does not grow without bound
            try (PreparedStatement p = c.prepareStatement("DELETE FROM account_session WHERE last_seen_ms < ? OR created_ms < ?")) {
                p.setLong(1, now - idle.toMillis());
                p.setLong(2, now - MAX_AGE.toMillis());
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO account_session (token_hash, user_name, created_ms, last_seen_ms) VALUES (?,?,?,?)")) {
                p.setString(1, hash(token));
                p.setString(2, userName);
                p.setLong(3, now);
                p.setLong(4, now);
                p.executeUpdate();
            }
            return null;
        });
        return token;
    }

    /** The account of a live session, or empty for an unknown, ended or expired token. */
    public Optional<Account> resolve(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) return Optional.empty();
        String h = hash(token);
        long now = clock.millis();
        // the account is read afresh on every request (a role or store taken away applies at once), on the
        // connection that reads the session: one database round per console request, not two
        record Row(long created, long seen, Optional<Account> account) {}
        Optional<Row> row = accounts.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT user_name, created_ms, last_seen_ms FROM account_session WHERE token_hash = ?")) {
                p.setString(1, h);
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) return Optional.<Row>empty();
                    String user = r.getString(1);
                    long created = r.getLong(2);
                    long seen = r.getLong(3);
                    return Optional.of(new Row(created, seen, Accounts.find(c, user).map(Accounts.Stored::account)));
                }
            }
        });
        if (row.isEmpty()) return Optional.empty();
        Row s = row.get();
        if (now - s.seen() > idle.toMillis() || now - s.created() > MAX_AGE.toMillis()) {
            accounts.tx(c -> {
                end(c, h);
                return null;
            });
            return Optional.empty();
        }
        if (now - s.seen() >= TOUCH.toMillis()) {
            accounts.tx(c -> {
                try (PreparedStatement p = c.prepareStatement("UPDATE account_session SET last_seen_ms = ? WHERE token_hash = ?")) {
                    p.setLong(1, now);
                    p.setString(2, h);
                    p.executeUpdate();
                }
                return null;
            });
        }
        return s.account();
    }

    /** Logout: the token is worthless from now on, on every server instance. */
    public void end(String token) {
        if (token == null || token.isEmpty()) return;
        accounts.tx(c -> {
            end(c, hash(token));
            return null;
        });
    }

    private static void end(java.sql.Connection c, String tokenHash) throws java.sql.SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM account_session WHERE token_hash = ?")) {
            p.setString(1, tokenHash);
            p.executeUpdate();
        }
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
