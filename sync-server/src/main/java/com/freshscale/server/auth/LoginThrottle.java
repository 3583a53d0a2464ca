package com.freshscale.server.auth;

import com.freshscale.server.store.ServerDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;

/**
 * Slows down password guessing (OWASP Authentication Cheat Sheet, "Protect Against Automated Attacks", and its
 * warning that an account lockout is itself a denial of service). Three counts, each locking for 30 s after its free
 * failures and doubling with every further failure up to 15 min:
 * <ul>
 *   <li>a user name <em>from one address</em>: 5 wrong passwords in a row (a person's typos are fewer);</li>
 *   <li>an address, for any user names: 20 (a shop's router or the reverse proxy is shared by several people);</li>
 *   <li>a user name from <em>any</em> address: 100, against guessing spread over many addresses.</li>
 * </ul>
 * The lock of a user name alone used to come after 5 failures from anywhere, so anyone who knew a manager's user name
 * could keep the manager out of the console from another machine for as long as they kept typing; now that takes a
 * hundred failures, which one address, itself locked after 5, needs a day to send. A lock is checked before any
 * password is hashed, so a locked attacker does not cost PBKDF2 time either. A correct password clears its user name's
 * counts; an address's count clears only after 15 min without a failure, so that one valid account does not reset the
 * guessing of others from the same address. The counts are in the database (table {@code login_failure}): all server
 * instances of a chain share them, and a restart keeps them.
 */
public final class LoginThrottle {
    static final Duration FIRST_LOCK = Duration.ofSeconds(30);
    static final Duration MAX_LOCK = Duration.ofMinutes(15);
    /** A user name from one address: five typos are a person; more are a script. */
    public static final int USER_FREE_FAILURES = 5;
    /** An address may be a shop's router or the reverse proxy, shared by several people. */
    public static final int ADDRESS_FREE_FAILURES = 20;
    /** A user name from any address: high, so that no one outside the manager's own machine locks the manager out soon. */
    public static final int USER_ANYWHERE_FREE_FAILURES = 100;

    private final ServerDatabase database;
    private final Clock clock;

    public LoginThrottle(ServerDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** How long {@code user} from {@code address} must still wait; zero if it may try now. */
    public Duration wait(String user, String address) {
        long now = clock.millis();
        long until = database.read(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT MAX(locked_until_ms) FROM login_failure WHERE throttle_key IN (?, ?, ?)")) {
                p.setString(1, userKey(user, address));
                p.setString(2, addressKey(address));
                p.setString(3, userKey(user));
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? r.getLong(1) : 0L;
                }
            }
        });
        return Duration.ofMillis(Math.max(0, until - now));
    }

    public void failed(String user, String address) {
        long now = clock.millis();
        database.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM login_failure WHERE last_failure_ms < ?")) {
                p.setLong(1, now - MAX_LOCK.toMillis());
                p.executeUpdate();
            }
            record(c, userKey(user, address), USER_FREE_FAILURES, now);
            record(c, addressKey(address), ADDRESS_FREE_FAILURES, now);
            record(c, userKey(user), USER_ANYWHERE_FREE_FAILURES, now);
            return null;
        });
    }

    /** The user's own counts go (from this address and from anywhere); the address's stays, see the class. */
    public void succeeded(String user, String address) {
        database.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM login_failure WHERE throttle_key IN (?, ?)")) {
                p.setString(1, userKey(user, address));
                p.setString(2, userKey(user));
                p.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Counts one failure for {@code key} and sets its lock. The count is raised in SQL, not read and written
     * back, so that two instances failing the same user at once both count (the row stays locked by the
     * first until its transaction ends).
     */
    private static void record(Connection c, String key, int free, long now) throws SQLException {
        int failures;
        // RETURNING (SQLite 3.35+, PostgreSQL) gives the new count without reading the row again
        try (PreparedStatement p = c.prepareStatement("INSERT INTO login_failure (throttle_key, failures, last_failure_ms, "
                + "locked_until_ms) VALUES (?, 1, ?, 0) ON CONFLICT (throttle_key) DO UPDATE SET "
                + "failures = login_failure.failures + 1, last_failure_ms = excluded.last_failure_ms RETURNING failures")) {
            p.setString(1, key);
            p.setLong(2, now);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                failures = r.getInt(1);
            }
        }
        long lock = 0;
        if (failures >= free) {
            int doublings = Math.min(failures - free, 10);
            lock = Math.min(FIRST_LOCK.toMillis() << doublings, MAX_LOCK.toMillis());
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE login_failure SET locked_until_ms = ? WHERE throttle_key = ?")) {
            p.setLong(1, now + lock);
            p.setString(2, key);
            p.executeUpdate();
        }
    }

    private static String userKey(String user) {
        return "u:" + (user == null ? "" : user.toLowerCase(java.util.Locale.ROOT));
    }

    /** "ua:" + address + " " + user: an address has no space, so no user name makes another pair's key. */
    private static String userKey(String user, String address) {
        return "ua:" + address + " " + (user == null ? "" : user.toLowerCase(java.util.Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "a:" + address;
    }
}
