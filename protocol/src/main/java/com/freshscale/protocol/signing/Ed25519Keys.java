package com.freshscale.protocol.signing;

import com.freshscale.protocol.files.SecretFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 keys (RFC 8032) of the price-book signer, with the JDK's EdDSA provider (JEP 339), stored as
 * PEM: PKCS#8 for the private key (server only, mode 600), X.509 SubjectPublicKeyInfo for the public key
 * (installed on every scale).
 */
public final class Ed25519Keys {
    private static final String ALG = "Ed25519";

    private Ed25519Keys() {}

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALG).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no Ed25519", e);
        }
    }

    /** Short id of a public key: the first 8 bytes of SHA-256 of its encoding, in hex. */
    public static String keyId(PublicKey key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String publicPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    public static String privatePem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    public static PublicKey parsePublic(String pem) {
        try {
            return KeyFactory.getInstance(ALG).generatePublic(new X509EncodedKeySpec(unpem("PUBLIC KEY", pem)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    public static PrivateKey parsePrivate(String pem) {
        try {
            return KeyFactory.getInstance(ALG).generatePrivate(new PKCS8EncodedKeySpec(unpem("PRIVATE KEY", pem)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 private key: " + e.getMessage(), e);
        }
    }

    public static PublicKey readPublic(Path file) {
        try {
            return parsePublic(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read public key " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The key pair stored at {@code privateFile} (public key beside it as {@code <name>.pub}); generated
     * and written on first use so that a new server signs from its first start.
     */
    public static KeyPair loadOrCreate(Path privateFile) {
        Path pub = privateFile.resolveSibling(privateFile.getFileName() + ".pub");
        try {
            if (Files.exists(privateFile)) {
                PrivateKey priv = parsePrivate(Files.readString(privateFile, StandardCharsets.US_ASCII));
                PublicKey pk = Files.exists(pub) ? readPublic(pub) : null;
                if (pk == null) throw new IllegalArgumentException("public key " + pub + " is missing");
                return new KeyPair(pk, priv);
            }
            KeyPair kp = generate();
            // owner-only from its first byte (it was world-readable between the write and a chmod before), and whole
            SecretFile.write(privateFile, privatePem(kp.getPrivate()).getBytes(StandardCharsets.US_ASCII));
            Files.writeString(pub, publicPem(kp.getPublic()), StandardCharsets.US_ASCII);
            return kp;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read or write signing key " + privateFile + ": " + e.getMessage(), e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] unpem(String type, String pem) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int b = pem.indexOf(begin);
        int e = pem.indexOf(end);
        if (b < 0 || e < b) throw new IllegalArgumentException("no " + begin + " block");
        try {
            return Base64.getMimeDecoder().decode(pem.substring(b + begin.length(), e));
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("bad base64 in " + type + ": " + ex.getMessage(), ex);
        }
    }
}
