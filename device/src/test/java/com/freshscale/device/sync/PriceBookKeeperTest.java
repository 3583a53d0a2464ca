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
        // the same version again (retained copy after a reconnect) is neither applied nor a problem
        assertThat(k.receive(TOPIC, SIGNER.sign(book(5, 199)))).isFalse();

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
            s.executeUpdate("UPDATE sync_price_book SET payload = CAST(REPLACE(CAST(payload AS TEXT), '199', '001') AS BLOB)");
        }
        PriceBookKeeper k = keeper(db, new Rejection());
        assertThat(k.current()).isEmpty();
        assertThat(k.problem()).contains("stored price book rejected");
    }
}
