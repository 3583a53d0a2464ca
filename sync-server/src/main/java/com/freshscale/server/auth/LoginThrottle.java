package com.freshscale.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing, per user name and per client address (OWASP Authentication Cheat Sheet,
 * "Protect Against Automated Attacks"): after 5 wrong passwords in a row for a user name (20 from an address) it is locked
 * for 30 s, doubling with every further failure up to 15 min. A lock is checked before any password is
 * hashed, so a locked attacker does not cost PBKDF2 time either. A correct password clears its user name's
 * count; an address's count clears only after 15 min without a failure, so that one valid account does not
 * reset the guessing of others from the same address. In memory: a restart forgets the counts.
 */
public final class LoginThrottle {
    static final Duration FIRST_LOCK = Duration.ofSeconds(30);
    static final Duration MAX_LOCK = Duration.ofMinutes(15);
    /** A user name: five typos are a person; more are a script. */
    public static final int USER_FREE_FAILURES = 5;
    /** An address may be a shop's router or the reverse proxy, shared by several people. */
    public static final int ADDRESS_FREE_FAILURES = 20;
    private static final int MAX_KEYS = 100_000;

    private record State(int failures, long lastFailureMs, long lockedUntilMs) {}

    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final Clock clock;

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long {@code user} from {@code address} must still wait; zero if it may try now. */
    public Duration wait(String user, String address) {
        long now = clock.millis();
        long until = Math.max(lockedUntil(userKey(user)), lockedUntil(addressKey(address)));
        return Duration.ofMillis(Math.max(0, until - now));
    }

    public void failed(String user, String address) {
        long now = clock.millis();
        if (states.size() > MAX_KEYS) states.values().removeIf(s -> now - s.lastFailureMs() > MAX_LOCK.toMillis());
        record(userKey(user), USER_FREE_FAILURES, now);
        record(addressKey(address), ADDRESS_FREE_FAILURES, now);
    }

    public void succeeded(String user) {
        states.remove(userKey(user));
    }

    private void record(String key, int free, long now) {
        states.compute(key, (k, s) -> {
            int failures = s == null || now - s.lastFailureMs() > MAX_LOCK.toMillis() ? 1 : s.failures() + 1;
            long lock = 0;
            if (failures >= free) {
                int doublings = Math.min(failures - free, 10);
                lock = Math.min(FIRST_LOCK.toMillis() << doublings, MAX_LOCK.toMillis());
            }
            return new State(failures, now, now + lock);
        });
    }

    private long lockedUntil(String key) {
        State s = states.get(key);
        return s == null ? 0 : s.lockedUntilMs();
    }

    private static String userKey(String user) {
        return "u:" + (user == null ? "" : user.toLowerCase(java.util.Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "a:" + address;
    }
}
