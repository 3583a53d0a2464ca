package com.freshscale.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    @Test
    void aHashVerifiesItsPasswordAndNoOther() {
        String h = new PasswordHasher().hash("correct horse battery".toCharArray());
        assertThat(PasswordHasher.verify("correct horse battery".toCharArray(), h)).isTrue();
        assertThat(PasswordHasher.verify("correct horse batterY".toCharArray(), h)).isFalse();
        assertThat(PasswordHasher.verify("".toCharArray(), h)).isFalse();
    }

    @Test
    void theStoredFormKeepsSchemeIterationsAndARandomSalt() {
        PasswordHasher hasher = new PasswordHasher();
        String a = hasher.hash("same password".toCharArray());
        String b = hasher.hash("same password".toCharArray());
        String[] parts = a.split("\\$");
        assertThat(parts).hasSize(4);
        assertThat(parts[0]).isEqualTo("pbkdf2-sha256");
        // OWASP 2023: at least 210,000 (HMAC-SHA512) / 600,000 (HMAC-SHA256) iterations
        assertThat(Integer.parseInt(parts[1])).isGreaterThanOrEqualTo(600_000);
        assertThat(java.util.Base64.getDecoder().decode(parts[2])).hasSize(16);
        assertThat(java.util.Base64.getDecoder().decode(parts[3])).hasSize(32);
        assertThat(a).isNotEqualTo(b); // salted: equal passwords do not give equal hashes
    }

    @Test
    void aHashMadeWithAnotherIterationCountStillVerifies() {
        String old = new PasswordHasher(1000).hash("an older password".toCharArray());
        assertThat(old).startsWith("pbkdf2-sha256$1000$");
        assertThat(PasswordHasher.verify("an older password".toCharArray(), old)).isTrue();
    }

    @Test
    void malformedStoredHashesNeverVerify() {
        char[] pw = "whatever123".toCharArray();
        assertThat(PasswordHasher.verify(pw, null)).isFalse();
        assertThat(PasswordHasher.verify(pw, "")).isFalse();
        assertThat(PasswordHasher.verify(pw, "md5$abc")).isFalse();
        assertThat(PasswordHasher.verify(pw, "pbkdf2-sha256$x$AAAA$AAAA")).isFalse();
        assertThat(PasswordHasher.verify(pw, "pbkdf2-sha256$0$AAAA$AAAA")).isFalse();
        assertThat(PasswordHasher.verify(pw, "pbkdf2-sha256$1000$!!!$AAAA")).isFalse();
    }

    @Test
    void tooShortAndTooLongPasswordsAreRefused() {
        assertThatThrownBy(() -> PasswordHasher.checkStrength("short".toCharArray())).hasMessageContaining("at least 10");
        assertThatThrownBy(() -> PasswordHasher.checkStrength("x".repeat(257).toCharArray())).hasMessageContaining("at most 256");
        PasswordHasher.checkStrength("ten chars!".toCharArray());
    }

    @Test
    void wipeOverwritesThePassword() {
        char[] pw = "secret-secret".toCharArray();
        PasswordHasher.wipe(pw);
        assertThat(new String(pw)).isEqualTo("\0".repeat(13));
    }
}
