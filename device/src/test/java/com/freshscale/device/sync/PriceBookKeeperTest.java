package com.freshscale.device.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.device.store.DeviceDatabase;
import com.freshscale.protocol.Topics;
import com.freshscale.protocol.codec.MessageCodec;
import com.freshscale.protocol.codec.Rejection;
import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.PriceBook;
import com.freshscale.protocol.pricebook.SaleType;
import com.freshscale.protocol.signing.Ed25519Keys;
import com.freshscale.protocol.signing.PriceBookSigner;
import com.freshscale.protocol.signing.PriceBookVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriceBookKeeperTest {
    private static final KeyPair KEYS = Ed25519Keys.generate();
    private static final PriceBookSigner SIGNER = new PriceBookSigner(KEYS);
    private static final String TOPIC = Topics.priceBook("s1");

    @TempDir
    Path dir;

    static PriceBook book(long version, long bananaPrice) {
        Plu bananas = new Plu("4011", Map.of("en", "Bananas"), SaleType.PER_KG, bananaPrice, "EUR", 0, 3, "ean13", "std",
                List.of("Banana"), true);
        return new PriceBook("s1", version, Instant.parse("2026-11-26T06:00:00Z"), "EUR", List.of(bananas), List.of(), List.of());
    }

    private PriceBookKeeper keeper(DeviceDatabase db, Rejection r) {
        return new PriceBookKeeper(db, new PriceBookVerifier(List.of(KEYS.getPublic())), "s1", r);
    }

    static PriceBook bookFrom(long version, long bananaPrice, Instant effectiveFrom) {
        PriceBook b = book(version, bananaPrice);
        return new PriceBook(b.storeId(), version, effectiveFrom, b.currency(), b.plus(), b.scheduledPrices(), b.promotions());
    }

    /** A clock the test moves. */
    static final class StepClock extends java.time.Clock {
        volatile Instant now;

        StepClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aBookForLaterWaitsWhileTheCurrentOneStaysInForceAlsoOverARestart() {
        Path file = dir.resolve("scale.db");
        Instant t0 = Instant.parse("2026-11-26T10:00:00Z");
        StepClock clock = new StepClock(t0);
        PriceBookVerifier verifier = new PriceBookVerifier(List.of(KEYS.getPublic()));
        PriceBookKeeper k = new PriceBookKeeper(DeviceDatabase.open(file), verifier, "s1", new Rejection(), clock);
        List<Long> cameIntoForce = new ArrayList<>();
        k.onApplied(b -> cameIntoForce.add(b.version()));
        assertThat(k.receive(TOPIC, SIGNER.sign(bookFrom(5, 199, t0.minusSeconds(60))))).isTrue();
        // version 6 is published for 10:00:02; this scale's clock says 10:00:00
        assertThat(k.receive(TOPIC, SIGNER.sign(bookFrom(6, 149, t0.plusSeconds(2))))).isTrue();
        assertThat(k.current().orElseThrow().version()).isEqualTo(5);
        assertThat(k.waiting().orElseThrow().version()).isEqualTo(6);
        assertThat(k.problem()).isNull();
        // version 6 arriving again (retained) is no news; version 5 is now older than what the scale holds
        assertThat(k.receive(TOPIC, SIGNER.sign(bookFrom(6, 149, t0.plusSeconds(2))))).isFalse();
        assertThat(k.receive(TOPIC, SIGNER.sign(bookFrom(5, 199, t0.minusSeconds(60))))).isFalse();

        // power cut before 10:00:02: both books come back, verified, version 5 still in force
        PriceBookKeeper restarted = new PriceBookKeeper(DeviceDatabase.open(file), verifier, "s1", new Rejection(), clock);
        assertThat(restarted.current().orElseThrow().version()).isEqualTo(5);
        assertThat(restarted.waiting().orElseThrow().version()).isEqualTo(6);

        clock.now = t0.plusSeconds(2);
        assertThat(k.current().orElseThrow().version()).isEqualTo(6);
        assertThat(k.waiting()).isEmpty();
        assertThat(cameIntoForce).containsExactly(5L, 6L);
        assertThat(new PriceBookKeeper(DeviceDatabase.open(file), verifier, "s1", new Rejection(), clock).current()
                .orElseThrow().version()).isEqualTo(6);
    }

    @Test
    void aNewerBookInForceReplacesAnOlderOneStillWaiting() {
        Instant t0 = Instant.parse("2026-11-26T10:00:00Z");
        StepClock clock = new StepClock(t0);
        PriceBookKeeper k = new PriceBookKeeper(DeviceDatabase.open(dir.resolve("scale.db")),
                new PriceBookVerifier(List.of(KEYS.getPublic())), "s1", new Rejection(), clock);
        k.receive(TOPIC, SIGNER.sign(bookFrom(1, 199, t0.minusSeconds(1))));
        k.receive(TOPIC, SIGNER.sign(bookFrom(2, 179, t0.plusSeconds(3600))));
        assertThat(k.receive(TOPIC, SIGNER.sign(bookFrom(3, 159, t0)))).isTrue();
        assertThat(k.current().orElseThrow().version()).isEqualTo(3);
        assertThat(k.waiting()).isEmpty();
        clock.now = t0.plusSeconds(7200);
        assertThat(k.current().orElseThrow().version()).as("version 2 never comes into force").isEqualTo(3);
    }

    @Test
    void appliesOnlyValidNewerBooksAndKeepsTheLastValidOne() {
        DeviceDatabase db = DeviceDatabase.open(dir.resolve("scale.db"));
        Rejection r = new Rejection();
        PriceBookKeeper k = keeper(db, r);
        List<PriceBook> applied = new ArrayList<>();
        k.onApplied(applied::add);
        assertThat(k.current()).isEmpty();

        assertThat(k.receive(TOPIC, MessageCodec.compress(SIGNER.sign(book(5, 199))))).isTrue();
        assertThat(k.version()).isEqualTo(5);

        // bad signature: a price changed after signing
        String tampered = new String(SIGNER.sign(book(6, 199)), StandardCharsets.UTF_8).replace("199", "1");
        assertThat(k.receive(TOPIC, tampered.getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(k.problem()).startsWith("BAD_SIGNATURE");
        // older version, validly signed (a replay)
        assertThat(k.receive(TOPIC, SIGNER.sign(book(4, 99)))).isFalse();
        assertThat(k.problem()).startsWith("NOT_NEWER");
        // malformed and oversized
        assertThat(k.receive(TOPIC, "{\"schema\":1,\"book\":".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(k.problem()).startsWith("MALFORMED");
        assertThat(k.receive(TOPIC, new byte[MessageCodec.MAX_PRICEBOOK_BYTES + 1])).isFalse();
        assertThat(k.problem()).startsWith("OVERSIZED");
        // signed by someone else
        assertThat(k.receive(TOPIC, new PriceBookSigner(Ed25519Keys.generate()).sign(book(9, 1)))).isFalse();

        assertThat(k.current()).contains(book(5, 199)); // still pricing from the last valid book
        assertThat(r.total()).isEqualTo(5);
        // the same version again (retained copy after a reconnect, or the server putting its book back over the bad
        // ones) is neither applied nor a problem, and ends the problem the bad ones left (issue 12, "Why" point 7)
        assertThat(k.problem()).isNotNull();
        assertThat(k.receive(TOPIC, SIGNER.sign(book(5, 199)))).isFalse();
        assertThat(k.problem()).isNull();

        assertThat(k.receive(TOPIC, SIGNER.sign(book(6, 189)))).isTrue();
        assertThat(k.problem()).isNull();
        assertThat(applied).extracting(PriceBook::version).containsExactly(5L, 6L);
    }

    @Test
    void theAppliedBookSurvivesARestartAndIsVerifiedAgain() throws Exception {
        Path file = dir.resolve("scale.db");
        keeper(DeviceDatabase.open(file), new Rejection()).receive(TOPIC, SIGNER.sign(book(3, 199)));
        DeviceDatabase db = DeviceDatabase.open(file);
        assertThat(keeper(db, new Rejection()).current()).contains(book(3, 199));

        // someone edits the stored book on disk: it no longer verifies and is not used
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE held_price_book SET payload = CAST(REPLACE(CAST(payload AS TEXT), '199', '001') AS BLOB)");
        }
        PriceBookKeeper k = keeper(db, new Rejection());
        assertThat(k.current()).isEmpty();
        assertThat(k.problem()).contains("stored price book rejected");
    }
}
