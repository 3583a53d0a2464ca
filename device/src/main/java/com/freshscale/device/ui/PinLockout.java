package com.freshscale.device.ui;

import java.util.function.LongSupplier;

/**
 * How often the service menu's PIN may be tried. A 4-digit PIN has 10^4 values: at a fixed 5 tries a minute a shopper at
 * the kiosk would try them all in under 1.5 days. So each run of {@link #TRIES} wrong PINs locks the menu, the first lock
 * for {@link #FIRST_LOCK_MS} (a technician who mistyped waits a minute) and every further one twice as long as the last,
 * up to {@link #MAX_LOCK_MS}: about 95 tries in the first two days, and the whole PIN space takes most of a year. Only the
 * right PIN resets it (NIST SP 800-63B 5.2.2: limit failed attempts; an attacker can only slow the technician down,
 * never get in sooner by waiting). The state is saved with each change ({@link PinLockoutStore}, the scale's database):
 * a restart of the scale keeps the lock and the escalation, or pulling the plug would be the way round them.
 */
public final class PinLockout {
    /** Wrong PINs in a row before the menu locks. */
    public static final int TRIES = 5;
    public static final long FIRST_LOCK_MS = 60_000L;
    public static final long MAX_LOCK_MS = 4 * 3_600_000L;

    private final LongSupplier clockMs;
    private final PinLockoutStore store;
    private PinLockoutStore.State state;

    /** A lockout that forgets on restart (tests). */
    PinLockout(LongSupplier clockMs) {
        this(clockMs, PinLockoutStore.inMemory());
    }

    /** The lockout as {@code store} last saved it. */
    public PinLockout(LongSupplier clockMs, PinLockoutStore store) {
        this.clockMs = clockMs;
        this.store = store;
        this.state = store.load().orElse(PinLockoutStore.State.FRESH);
    }

    /** Milliseconds the menu stays locked, 0 when a PIN may be tried now. */
    public synchronized long lockedForMs() {
        // never longer than the longest lock: a lock saved while the clock ran ahead (before NTP set it) would
        // otherwise keep the technician out for as long as the clock was wrong
        return Math.min(MAX_LOCK_MS, Math.max(0, state.lockedUntilMs() - clockMs.getAsLong()));
    }

    /** A wrong PIN; the answer is the lock it started (ms), 0 when it started none. */
    public synchronized long wrong() {
        int wrong = state.wrong() + 1;
        if (wrong < TRIES) {
            keep(new PinLockoutStore.State(wrong, state.lockedUntilMs(), state.nextLockMs()));
            return 0;
        }
        long lock = state.nextLockMs();
        keep(new PinLockoutStore.State(0, clockMs.getAsLong() + lock, Math.min(MAX_LOCK_MS, lock * 2)));
        return lock;
    }

    /**
     * HQ's unlock ({@code UNLOCK_SERVICE_MENU}): the lock and the count of wrong PINs end, the escalation stays, so five more
     * wrong PINs lock the menu as long as the next lock would have been. Only the right PIN resets the escalation.
     */
    public synchronized void unlock() {
        keep(new PinLockoutStore.State(0, 0, state.nextLockMs()));
    }

    /** The right PIN: the count and the escalation start again. */
    public synchronized void right() {
        keep(new PinLockoutStore.State(0, state.lockedUntilMs(), FIRST_LOCK_MS));
    }

    private void keep(PinLockoutStore.State next) {
        state = next;
        store.save(next);
    }
}
