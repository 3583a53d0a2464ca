package com.freshscale.device.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The service PIN's lockout: the first lock as before (5 wrong, 60 s), then each lock twice the last, capped. */
class PinLockoutTest {
    final AtomicLong now = new AtomicLong(1_000_000);
    final PinLockout lockout = new PinLockout(now::get);

    private long fiveWrong() {
        long lock = 0;
        for (int i = 0; i < PinLockout.TRIES; i++) {
            assertThat(lockout.lockedForMs()).isZero();
            lock = lockout.wrong();
        }
        return lock;
    }

    @Test
    void fiveWrongPinsLockForAMinuteThenEachFurtherRunTwiceAsLongUpToFourHours() {
        for (int i = 0; i < 4; i++) assertThat(lockout.wrong()).isZero();
        assertThat(lockout.wrong()).isEqualTo(60_000);
        assertThat(lockout.lockedForMs()).isEqualTo(60_000);
        now.addAndGet(59_999);
        assertThat(lockout.lockedForMs()).isEqualTo(1);
        now.addAndGet(1);
        assertThat(fiveWrong()).isEqualTo(120_000);
        now.addAndGet(120_000);
        assertThat(fiveWrong()).isEqualTo(240_000);
        long lock = 240_000;
        for (int i = 0; i < 10; i++) {
            now.addAndGet(lock);
            lock = fiveWrong();
        }
        assertThat(lock).isEqualTo(PinLockout.MAX_LOCK_MS).isEqualTo(4 * 3_600_000L);
    }

    @Test
    void theRightPinStartsTheCountAndTheEscalationAgain() {
        fiveWrong();
        now.addAndGet(60_000);
        for (int i = 0; i < 4; i++) lockout.wrong();
        lockout.right();
        for (int i = 0; i < 4; i++) assertThat(lockout.wrong()).as("the count started again").isZero();
        assertThat(lockout.wrong()).as("and so did the escalation").isEqualTo(60_000);
    }

    /** HQ's unlock (a shopper's wrong PINs keep the technician out): the lock and count end, the escalation does not. */
    @Test
    void hqsUnlockEndsTheLockButNotTheEscalation() {
        fiveWrong();
        now.addAndGet(60_000);
        assertThat(fiveWrong()).isEqualTo(120_000);
        lockout.unlock();
        assertThat(lockout.lockedForMs()).as("the technician may try at once").isZero();
        for (int i = 0; i < 4; i++) assertThat(lockout.wrong()).as("the count started again").isZero();
        assertThat(lockout.wrong()).as("a guesser still at the screen meets the next lock").isEqualTo(240_000);
    }

    /** The point of it: a shopper trying PINs as fast as the lock lets them gets nowhere near 10^4 in two days. */
    @Test
    void aFourDigitPinCannotBeGuessedInDays() {
        long end = now.get() + 48 * 3_600_000L;
        int tries = 0;
        while (now.get() < end) {
            long locked = lockout.lockedForMs();
            if (locked > 0) {
                now.addAndGet(locked);
                continue;
            }
            lockout.wrong();
            tries++;
        }
        // 5 a minute before: 14,400 tries, the whole space of a 4-digit PIN, in two days; now 19 runs of 5
        assertThat(tries).isLessThanOrEqualTo(100);
    }
}
