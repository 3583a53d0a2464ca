package com.freshscale.device.ui;

import java.util.function.LongSupplier;

/**
 * How often the service menu's PIN may be tried. A 4-digit PIN has 10^4 values: at a fixed 5 tries a minute a shopper at
 * the kiosk would try them all in under 1.5 days. So each run of {@link #TRIES} wrong PINs locks the menu, the first lock
 * for {@link #FIRST_LOCK_MS} (a technician who mistyped waits a minute) and every further one twice as long as the last,
 * up to {@link #MAX_LOCK_MS}: about 95 tries in the first two days, and the whole PIN space takes most of a year. Only the
 * right PIN resets it (NIST SP 800-63B 5.2.2: limit failed attempts; an attacker can only slow the technician down,
 * never get in sooner by waiting). The count lives as long as the app: a restart of the scale starts it again.
 */
final class PinLockout {
    /** Wrong PINs in a row before the menu locks. */
    static final int TRIES = 5;
    static final long FIRST_LOCK_MS = 60_000L;
    static final long MAX_LOCK_MS = 4 * 3_600_000L;

    private final LongSupplier clockMs;
    private int wrong;
    private long lockedUntil;
    /** The next lock's length: doubles with each lock, back to the first on the right PIN. */
    private long nextLockMs = FIRST_LOCK_MS;

    PinLockout(LongSupplier clockMs) {
        this.clockMs = clockMs;
    }

    /** Milliseconds the menu stays locked, 0 when a PIN may be tried now. */
    synchronized long lockedForMs() {
        return Math.max(0, lockedUntil - clockMs.getAsLong());
    }

    /** A wrong PIN; the answer is the lock it started (ms), 0 when it started none. */
    synchronized long wrong() {
        if (++wrong < TRIES) return 0;
        wrong = 0;
        long lock = nextLockMs;
        lockedUntil = clockMs.getAsLong() + lock;
        nextLockMs = Math.min(MAX_LOCK_MS, lock * 2);
        return lock;
    }

    /** The right PIN: the count and the escalation start again. */
    synchronized void right() {
        wrong = 0;
        nextLockMs = FIRST_LOCK_MS;
    }
}
