package com.freshscale.server.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes with the JDK's PBKDF2WithHmacSHA256: a random 16-byte salt per password, 600,000 iterations
 * (OWASP Password Storage Cheat Sheet, 2023: "PBKDF2-HMAC-SHA256: 600,000 iterations"; the 210,000 often
 * quoted is its figure for HMAC-SHA512), 32-byte output, compared in constant time. Stored as
 * {@code pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>}: a hash keeps the iteration count it was made
 * with, so raising the count later does not lock anybody out.
 */
public final class PasswordHasher {
    static final String SCHEME = "pbkdf2-sha256";
    public static final int ITERATIONS = 600_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    /** NIST SP 800-63B 5.1.1.2 asks for at least 8 characters; an account that can change a chain's prices gets 10. */
    public static final int MIN_LENGTH = 10;
    /** PBKDF2 hashes the password once per iteration: a megabyte-long "password" must not cost seconds. */
    public static final int MAX_LENGTH = 256;

    private static final SecureRandom RANDOM = new SecureRandom();
    private final int iterations;

    public PasswordHasher() {
        this(ITERATIONS);
    }

    /** A lower count only for tests that must not spend seconds hashing. */
    PasswordHasher(int iterations) {
        if (iterations < 1) throw new IllegalArgumentException("iterations must be positive");
        this.iterations = iterations;
    }

    /** Refuses a password that is too short or too long, with the reason. */
    public static void checkStrength(char[] password) {
        if (password.length < MIN_LENGTH) {
            throw new IllegalArgumentException("the password must have at least " + MIN_LENGTH + " characters");
        }
        if (password.length > MAX_LENGTH) {
            throw new IllegalArgumentException("the password must have at most " + MAX_LENGTH + " characters");
        }
    }

    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(derive(password, salt, iterations));
    }

    /** True when {@code password} matches {@code stored}; false for a wrong password or a malformed hash. */
    public static boolean verify(char[] password, String stored) {
        String[] p = stored == null ? new String[0] : stored.split("\\$");
        if (p.length != 4 || !p[0].equals(SCHEME) || password.length == 0 || password.length > MAX_LENGTH) return false;
        try {
            int n = Integer.parseInt(p[1]);
            if (n < 1) return false;
            byte[] salt = Base64.getDecoder().decode(p[2]);
            byte[] expected = Base64.getDecoder().decode(p[3]);
            // MessageDigest.isEqual takes the same time wherever the first difference is (JDK 6u17+)
            return MessageDigest.isEqual(derive(password, salt, n), expected);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Spends the time of one verification without a stored hash: a login with an unknown user name then
     * takes as long as one with a wrong password, so response times do not tell which user names exist.
     */
    public static void burn(char[] password) {
        if (password.length > 0 && password.length <= MAX_LENGTH) derive(password, DUMMY_SALT, ITERATIONS);
    }

    private static final byte[] DUMMY_SALT = new byte[SALT_BYTES];

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** Overwrites a password held in memory once it is no longer needed. */
    public static void wipe(char[] password) {
        if (password != null) Arrays.fill(password, '\0');
    }
}
