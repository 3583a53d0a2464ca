package com.freshscale.device.ui;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Where the service PIN's lockout ({@link PinLockout}) keeps its state. The scale keeps it in its database: were it in
 * memory only, a restart (pulling the plug is in a shopper's reach) would end the lock and start the escalation again.
 */
public interface PinLockoutStore {
    /**
     * The lockout's state.
     *
     * @param wrong          wrong PINs since the last lock or the last right PIN
     * @param lockedUntilMs  wall-clock time (epoch ms) the menu is locked until, 0 when never locked
     * @param nextLockMs     the length of the next lock
     */
    record State(int wrong, long lockedUntilMs, long nextLockMs) {
        static final State FRESH = new State(0, 0, PinLockout.FIRST_LOCK_MS);
    }

    /** The state last saved, or empty when there is none yet. */
    java.util.Optional<State> load();

    void save(State state);

    /** A store that forgets on restart: for kiosks without a database (tests, tools). */
    static PinLockoutStore inMemory() {
        AtomicReference<State> kept = new AtomicReference<>();
        return new PinLockoutStore() {
            @Override
            public java.util.Optional<State> load() {
                return java.util.Optional.ofNullable(kept.get());
            }

            @Override
            public void save(State state) {
                kept.set(state);
            }
        };
    }
}
