package com.freshscale.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.server.store.ServerDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoginThrottleTest {
    /** A clock the test moves. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-11-26T08:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    final TestClock clock = new TestClock();
    @TempDir
    Path dir;
    String url;
    LoginThrottle throttle;

    @BeforeEach
    void open() {
        url = "jdbc:sqlite:" + dir.resolve("server.db");
        throttle = new LoginThrottle(ServerDatabase.open(url), clock);
    }

    @Test
    void fiveWrongPasswordsLockTheUserForThirtySecondsThenLonger() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("anna", "10.0.0.1");
            assertThat(throttle.wait("anna", "10.0.0.1")).isZero();
        }
        throttle.failed("anna", "10.0.0.1");
        assertThat(throttle.wait("anna", "10.0.0.1")).isEqualTo(Duration.ofSeconds(30));
        // from another address too: the lock is on the user name
        assertThat(throttle.wait("Anna", "10.0.0.2")).isEqualTo(Duration.ofSeconds(30));
        assertThat(throttle.wait("boss", "10.0.0.2")).isZero();
        clock.advance(Duration.ofSeconds(31));
        assertThat(throttle.wait("anna", "10.0.0.1")).isZero();
        throttle.failed("anna", "10.0.0.1");
        assertThat(throttle.wait("anna", "10.0.0.1")).isEqualTo(Duration.ofSeconds(60));
        for (int i = 0; i < 20; i++) throttle.failed("anna", "10.0.0.1");
        assertThat(throttle.wait("anna", "10.0.0.1")).isEqualTo(Duration.ofMinutes(15)); // capped
    }

    @Test
    void aCorrectPasswordClearsTheUserButNotTheAddress() {
        for (int i = 0; i < 4; i++) throttle.failed("anna", "10.0.0.1");
        throttle.succeeded("anna");
        throttle.failed("anna", "10.0.0.1");
        assertThat(throttle.wait("anna", "10.0.0.1")).isZero();
        // guessing many user names from one address locks the address
        for (int i = 0; i < 20; i++) throttle.failed("user" + i, "10.6.6.6");
        assertThat(throttle.wait("someone-else", "10.6.6.6")).isPositive();
        throttle.succeeded("someone-else");
        assertThat(throttle.wait("someone-else", "10.6.6.6")).isPositive();
        assertThat(throttle.wait("someone-else", "10.0.0.9")).isZero();
    }

    @Test
    void oldFailuresAreForgotten() {
        for (int i = 0; i < 4; i++) throttle.failed("anna", "10.0.0.1");
        clock.advance(Duration.ofMinutes(16));
        throttle.failed("anna", "10.0.0.1");
        assertThat(throttle.wait("anna", "10.0.0.1")).isZero();
    }

    @Test
    void theInstancesOfAChainShareTheCountsAndARestartKeepsThem() {
        // a second server instance on the chain's database
        LoginThrottle other = new LoginThrottle(ServerDatabase.open(url), clock);
        for (int i = 0; i < 3; i++) throttle.failed("anna", "10.0.0.1");
        for (int i = 0; i < 2; i++) other.failed("anna", "10.0.0.2");
        assertThat(throttle.wait("anna", "10.0.0.3")).isEqualTo(Duration.ofSeconds(30));
        assertThat(other.wait("anna", "10.0.0.3")).isEqualTo(Duration.ofSeconds(30));
        // restarted: a fresh process remembers
        LoginThrottle restarted = new LoginThrottle(ServerDatabase.open(url), clock);
        clock.advance(Duration.ofSeconds(10));
        assertThat(restarted.wait("anna", "10.0.0.3")).isEqualTo(Duration.ofSeconds(20));
        restarted.succeeded("anna");
        assertThat(throttle.wait("anna", "10.0.0.3")).isZero();
    }
}
