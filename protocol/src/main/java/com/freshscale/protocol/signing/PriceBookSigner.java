package com.freshscale.protocol.signing;

import com.freshscale.protocol.codec.MessageCodec;
import com.freshscale.protocol.codec.PriceBookCodec;
import com.freshscale.protocol.pricebook.PriceBook;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;

/**
 * Signs price books at the server. The wire form is
 * {@code {"keyId":"…","schema":2,"signature":"<base64>","book":{…}}}: the signature covers exactly the
 * bytes of the {@code book} value, so a scale verifies the bytes it received before it parses the book,
 * and no re-serialisation can ever make a valid book look invalid. Schema 2 is the tabular book of
 * {@link PriceBookCodec}; schema 1 (one JSON object per PLU) is still read by scales, never written.
 */
public final class PriceBookSigner {
    /** The schema this build writes. */
    public static final int SCHEMA = 2;
    /** The first schema: the book as {@link MessageCodec} JSON objects; read for books stored before an upgrade. */
    public static final int SCHEMA_OBJECTS = 1;
    private final KeyPair keys;
    private final String keyId;

    public PriceBookSigner(KeyPair keys) {
        this.keys = keys;
        this.keyId = Ed25519Keys.keyId(keys.getPublic());
    }

    public String keyId() {
        return keyId;
    }

    /** The signed wire message of {@code book}. */
    public byte[] sign(PriceBook book) {
        return signJson(SCHEMA, PriceBookCodec.encode(book));
    }

    /** The signed wire message of book bytes of {@code schema} (tests sign hand-made books with it). */
    byte[] signJson(int schema, byte[] bookJson) {
        String sig = Base64.getEncoder().encodeToString(signature(bookJson));
        ByteArrayOutputStream out = new ByteArrayOutputStream(bookJson.length + 200);
        // field order fixed here; PriceBookVerifier locates "book" by parsing, not by position
        out.writeBytes(("{\"keyId\":\"" + keyId + "\",\"schema\":" + schema + ",\"signature\":\"" + sig + "\",\"book\":")
                .getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(bookJson);
        out.write('}');
        return out.toByteArray();
    }

    byte[] signature(byte[] data) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(keys.getPrivate());
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }
}
