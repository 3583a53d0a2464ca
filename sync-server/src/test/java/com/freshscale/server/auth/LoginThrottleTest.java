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
        assertThat(throttle.wait("Anna", "10.0.0.1")).isEqualTo(Duration.ofSeconds(30)); // the name in any case
        // not from another address: a guesser elsewhere does not keep anna out of the console from her own machine
        assertThat(throttle.wait("anna", "10.0.0.2")).isZero();
        assertThat(throttle.wait("boss", "10.0.0.1")).isZero();
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
        throttle.succeeded("anna", "10.0.0.1");
        throttle.failed("anna", "10.0.0.1");
        assertThat(throttle.wait("anna", "10.0.0.1")).isZero();
        // guessing many user names from one address locks the address
        for (int i = 0; i < 20; i++) throttle.failed("user" + i, "10.6.6.6");
        assertThat(throttle.wait("someone-else", "10.6.6.6")).isPositive();
        throttle.succeeded("someone-else", "10.6.6.6");
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
        for (int i = 0; i < 2; i++) other.failed("anna", "10.0.0.1");
        assertThat(throttle.wait("anna", "10.0.0.1")).isEqualTo(Duration.ofSeconds(30));
        assertThat(other.wait("anna", "10.0.0.1")).isEqualTo(Duration.ofSeconds(30));
        // restarted: a fresh process remembers
        LoginThrottle restarted = new LoginThrottle(ServerDatabase.open(url), clock);
        clock.advance(Duration.ofSeconds(10));
        assertThat(restarted.wait("anna", "10.0.0.1")).isEqualTo(Duration.ofSeconds(20));
        restarted.succeeded("anna", "10.0.0.1");
        assertThat(throttle.wait("anna", "10.0.0.1")).isZero();
    }

    @Test
    void guessingOneUserFromManyAddressesLocksTheUserEverywhere() {
        // 19 addresses, each below its own locks (4 failures for anna, fewer than 20 in all), 76 failures together
        for (int a = 0; a < 19; a++) for (int i = 0; i < 4; i++) throttle.failed("anna", "10.1.0." + a);
        assertThat(throttle.wait("anna", "10.9.9.9")).isZero();
        for (int a = 19; a < 25; a++) for (int i = 0; i < 4; i++) throttle.failed("anna", "10.1.0." + a);
        // the hundredth failure from anywhere locks anna from every address, her own included
        assertThat(throttle.wait("anna", "10.9.9.9")).isEqualTo(Duration.ofSeconds(30));
        assertThat(throttle.wait("boss", "10.9.9.9")).isZero();
        throttle.failed("anna", "10.1.0.99");
        assertThat(throttle.wait("anna", "10.9.9.9")).isEqualTo(Duration.ofSeconds(60));
        // her correct password, once the lock is over, clears the count from anywhere
        clock.advance(Duration.ofSeconds(61));
        throttle.succeeded("anna", "10.9.9.9");
        throttle.failed("anna", "10.1.0.100");
        assertThat(throttle.wait("anna", "10.9.9.9")).isZero();
    }
}
