package com.freshscale.protocol.signing;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.protocol.Fixtures;
import com.freshscale.protocol.codec.MessageCodec;
import com.freshscale.protocol.codec.MessageRejectedException;
import com.freshscale.protocol.codec.PriceBookCodec;
import com.freshscale.protocol.codec.Rejection.Reason;
import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.PriceBook;
import com.freshscale.protocol.pricebook.SaleType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriceBookSigningTest {
    private static final KeyPair KEYS = Ed25519Keys.generate();
    private static final PriceBookSigner SIGNER = new PriceBookSigner(KEYS);
    private static final PriceBookVerifier VERIFIER = new PriceBookVerifier(List.of(KEYS.getPublic()));

    private static Reason reject(PriceBookVerifier v, String store, byte[] payload) {
        try {
            v.verify(store, payload);
        } catch (MessageRejectedException e) {
            return e.reason();
        }
        throw new AssertionError("accepted");
    }

    @Test
    void aSignedBookVerifiesPlainAndCompressed() throws Exception {
        PriceBook book = Fixtures.book("s1", 7);
        byte[] signed = SIGNER.sign(book);
        assertThat(VERIFIER.verify("s1", signed)).isEqualTo(book);
        assertThat(VERIFIER.verify("s1", MessageCodec.compress(signed))).isEqualTo(book);
    }

    @Test
    void anyChangedByteBreaksTheSignature() {
        byte[] signed = SIGNER.sign(Fixtures.book("s1", 7));
        String s = new String(signed, StandardCharsets.UTF_8);
        assertThat(s).contains("\"PER_KG\",349,");
        byte[] cheaper = s.replace("\"PER_KG\",349,", "\"PER_KG\",1,").getBytes(StandardCharsets.UTF_8);
        assertThat(reject(VERIFIER, "s1", cheaper)).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(s).contains("\"currency\":\"EUR\",\"pluColumns\"");
        byte[] whitespace = s.replace("\"currency\":\"EUR\",\"pluColumns\"", "\"currency\":\"EUR\", \"pluColumns\"")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(reject(VERIFIER, "s1", whitespace)).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void aBookSignedByAnotherKeyIsRejected() {
        byte[] forged = new PriceBookSigner(Ed25519Keys.generate()).sign(Fixtures.book("s1", 8));
        assertThat(reject(VERIFIER, "s1", forged)).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void rotationTrustsTwoKeys() throws Exception {
        KeyPair next = Ed25519Keys.generate();
        PriceBookVerifier both = new PriceBookVerifier(List.of(KEYS.getPublic(), next.getPublic()));
        assertThat(both.verify("s1", new PriceBookSigner(next).sign(Fixtures.book("s1", 9))).version()).isEqualTo(9);
        assertThat(both.verify("s1", SIGNER.sign(Fixtures.book("s1", 9))).version()).isEqualTo(9);
    }

    @Test
    void aValidBookOfAnotherStoreIsForeign() {
        assertThat(reject(VERIFIER, "s2", SIGNER.sign(Fixtures.book("s1", 7)))).isEqualTo(Reason.FOREIGN);
    }

    @Test
    void malformedEnvelopesAreRejected() {
        assertThat(reject(VERIFIER, "s1", "nonsense".getBytes(StandardCharsets.UTF_8))).isEqualTo(Reason.MALFORMED);
        assertThat(reject(VERIFIER, "s1", "{\"schema\":1}".getBytes(StandardCharsets.UTF_8))).isEqualTo(Reason.MALFORMED);
        String s = new String(SIGNER.sign(Fixtures.book("s1", 7)), StandardCharsets.UTF_8);
        assertThat(s).contains("\"schema\":2");
        assertThat(reject(VERIFIER, "s1", s.replace("\"schema\":2", "\"schema\":5").getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(Reason.UNKNOWN_SCHEMA);
        // a tabular book announced as schema 1 is not read as one
        assertThat(reject(VERIFIER, "s1", s.replace("\"schema\":2", "\"schema\":1").getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(Reason.MALFORMED);
        assertThat(reject(VERIFIER, "s1", (s + "x").getBytes(StandardCharsets.UTF_8))).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void signedButInsaneBooksAreStillRejected() throws Exception {
        // a buggy or compromised signer can sign anything: write the insane JSON by hand
        PriceBook two = new PriceBook("s1", 3, Instant.EPOCH, "EUR", List.of(Fixtures.plu("4011", 1), Fixtures.plu("4012", 2)),
                List.of(), List.of());
        String json = new String(PriceBookCodec.encode(two), StandardCharsets.UTF_8);
        byte[] duplicatePlu = json.replace("\"4012\"", "\"4011\"").getBytes(StandardCharsets.UTF_8);
        byte[] versionZero = json.replace("\"version\":3", "\"version\":0").getBytes(StandardCharsets.UTF_8);
        assertThat(json).contains("\"version\":3");
        assertThat(reject(VERIFIER, "s1", SIGNER.signJson(PriceBookSigner.SCHEMA, duplicatePlu))).isEqualTo(Reason.INVALID);
        assertThat(reject(VERIFIER, "s1", SIGNER.signJson(PriceBookSigner.SCHEMA, versionZero))).isEqualTo(Reason.INVALID);
        assertThat(VERIFIER.verify("s1", SIGNER.signJson(PriceBookSigner.SCHEMA, json.getBytes(StandardCharsets.UTF_8))).plus())
                .hasSize(2);
    }

    @Test
    void aSchemaOneBookStoredBeforeAnUpgradeStillVerifies() throws Exception {
        // scales keep the signed book they apply and verify it again at start: one signed by a server of
        // the first release must not leave an upgraded scale without prices
        PriceBook book = Fixtures.book("s1", 7);
        String json = new String(MessageCodec.encode(book), StandardCharsets.UTF_8);
        assertThat(VERIFIER.verify("s1", SIGNER.signJson(PriceBookSigner.SCHEMA_OBJECTS, json.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(book);
        byte[] duplicatePlu = json.replace("\"4225\"", "\"4011\"").getBytes(StandardCharsets.UTF_8);
        assertThat(reject(VERIFIER, "s1", SIGNER.signJson(PriceBookSigner.SCHEMA_OBJECTS, duplicatePlu))).isEqualTo(Reason.INVALID);
        // and an object-form book announced as schema 2 is refused, not guessed at
        assertThat(reject(VERIFIER, "s1", SIGNER.signJson(PriceBookSigner.SCHEMA, json.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(Reason.MALFORMED);
    }

    @Test
    void oversizedBooksAreRejectedBeforeParsing() {
        byte[] big = new byte[MessageCodec.MAX_PRICEBOOK_BYTES + 1];
        assertThat(reject(VERIFIER, "s1", big)).isEqualTo(Reason.OVERSIZED);
    }

    @Property(tries = 50)
    void everyBookSurvivesSigningAndTransport(@ForAll @StringLength(min = 1, max = 40) String name,
                                              @ForAll @LongRange(min = 0, max = 10_000_000) long price,
                                              @ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long version) throws Exception {
        Plu plu = new Plu("123", Map.of("en", name, "fr", name + "é"), SaleType.PER_PIECE, price, "EUR", 0, 0,
                "ean13", "std", List.of(), true);
        PriceBook book = new PriceBook("s1", version, Instant.ofEpochSecond(1_800_000_000L, 123_000_000L), "EUR",
                List.of(plu), List.of(), List.of());
        assertThat(VERIFIER.verify("s1", MessageCodec.compress(SIGNER.sign(book)))).isEqualTo(book);
    }

    @Test
    void keysAreCreatedOnceAndReadBack(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("k/pricebook.key");
        KeyPair a = Ed25519Keys.loadOrCreate(key);
        KeyPair b = Ed25519Keys.loadOrCreate(key);
        assertThat(b.getPublic()).isEqualTo(a.getPublic());
        assertThat(Ed25519Keys.readPublic(dir.resolve("k/pricebook.key.pub"))).isEqualTo(a.getPublic());
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    }
}
