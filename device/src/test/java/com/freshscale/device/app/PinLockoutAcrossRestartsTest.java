package com.freshscale.device.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.device.store.DeviceDatabase;
import com.freshscale.device.ui.PinLockout;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service PIN's lockout is kept in the scale's database: a restart (a new lockout on the same database file) neither
 * ends the lock nor starts the escalation again; only the right PIN does, as before.
 */
class PinLockoutAcrossRestartsTest {
    final AtomicLong now = new AtomicLong(1_000_000);

    private PinLockout afterRestart(Path file) {
        return new PinLockout(now::get, new PinLockoutTable(DeviceDatabase.open(file)));
    }

    private static long fiveWrong(PinLockout l) {
        long lock = 0;
        for (int i = 0; i < PinLockout.TRIES; i++) lock = l.wrong();
        return lock;
    }

    @Test
    void aRestartKeepsTheLockAndTheEscalationAndTheRightPinResetsThem(@TempDir Path dir) {
        Path file = dir.resolve("scale.db");
        PinLockout first = afterRestart(file);
        assertThat(fiveWrong(first)).isEqualTo(60_000);
        now.addAndGet(10_000);

        PinLockout second = afterRestart(file);
        assertThat(second.lockedForMs()).as("the lock outlives the restart").isEqualTo(50_000);
        now.addAndGet(50_000);
        assertThat(second.lockedForMs()).isZero();
        for (int i = 0; i < 3; i++) assertThat(second.wrong()).isZero();

        PinLockout third = afterRestart(file);
        assertThat(third.wrong()).as("the count of wrong PINs too").isZero();
        assertThat(third.wrong()).as("and the escalation: the second lock is twice the first").isEqualTo(120_000);
        now.addAndGet(120_000);

        PinLockout fourth = afterRestart(file);
        assertThat(fourth.lockedForMs()).isZero();
        fourth.right();
        PinLockout fifth = afterRestart(file);
        for (int i = 0; i < PinLockout.TRIES - 1; i++) assertThat(fifth.wrong()).as("the right PIN started the count again").isZero();
        assertThat(fifth.wrong()).as("and the escalation").isEqualTo(60_000);
    }

    @Test
    void aLockSavedWhileTheClockRanAheadLastsNoLongerThanTheLongestLock(@TempDir Path dir) {
        Path file = dir.resolve("scale.db");
        now.set(10 * 24 * 3_600_000L); // a clock days ahead before NTP set it
        fiveWrong(afterRestart(file));
        now.set(1_000_000);
        assertThat(afterRestart(file).lockedForMs()).isEqualTo(PinLockout.MAX_LOCK_MS);
    }
}
