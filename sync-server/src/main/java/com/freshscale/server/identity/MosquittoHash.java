package com.freshscale.server.identity;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * MQTT password hashes in Mosquitto's {@code password_file} format {@code $7$<iterations>$<salt>$<hash>}:
 * PBKDF2-HMAC-SHA512, 12-byte salt, 64-byte hash, both Base64 (mosquitto 2.0 {@code mosquitto_passwd}, its
 * default "sha512-pbkdf2"). One format for both brokers: the embedded one verifies it in process, and a chain's
 * Mosquitto reads the very same lines from the file {@code freshscale-server mqtt passwords} writes.
 *
 * <p>The passwords hashed here are never chosen by people: {@link #newPassword()} draws 32 random bytes
 * (256 bits). Stretching adds nothing against guessing such a secret, so the count stays low (1,000, ten times
 * Mosquitto's default of 101) and a broker verifying a reconnect storm of a store's scales stays cheap.
 */
public final class MosquittoHash {
    static final int ITERATIONS = 1_000;
    private static final int SALT_BYTES = 12;
    private static final int HASH_BITS = 512;
    private static final SecureRandom RANDOM = new SecureRandom();

    private MosquittoHash() {}

    /** A new machine password: 32 random bytes, URL-safe Base64 without padding (43 characters). */
    public static char[] newPassword() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b).toCharArray();
    }

    public static String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder();
        return "$7$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(derive(password, salt, ITERATIONS));
    }

    /** True if {@code password} matches {@code stored}; false for a wrong password or a malformed hash. */
    public static boolean verify(char[] password, String stored) {
        if (stored == null || password == null || password.length == 0 || password.length > 256) return false;
        String[] p = stored.split("\\$", -1);
        // "", "7", iterations, salt, hash
        if (p.length != 5 || !p[0].isEmpty() || !p[1].equals("7")) return false;
        try {
            int n = Integer.parseInt(p[2]);
            if (n < 1 || n > 10_000_000) return false;
            byte[] salt = Base64.getDecoder().decode(p[3]);
            byte[] expected = Base64.getDecoder().decode(p[4]);
            return MessageDigest.isEqual(derive(password, salt, n), expected);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no PBKDF2WithHmacSHA512", e);
        } finally {
            spec.clearPassword();
        }
    }
}
