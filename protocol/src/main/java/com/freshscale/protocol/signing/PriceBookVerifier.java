package com.freshscale.protocol.signing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.freshscale.protocol.codec.MessageCodec;
import com.freshscale.protocol.codec.MessageRejectedException;
import com.freshscale.protocol.codec.PriceBookCodec;
import com.freshscale.protocol.codec.Rejection.Reason;
import com.freshscale.protocol.pricebook.PriceBook;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * Verifies a signed price book (see {@link PriceBookSigner}) against the scale's trusted public keys, then
 * parses and checks it. Every failure is a {@link MessageRejectedException}: the caller keeps its last
 * valid book.
 */
public final class PriceBookVerifier {
    private volatile Map<String, PublicKey> trusted;

    /**
     * Several keys may be trusted at once, so that the server's key can be rotated without a gap. None is
     * allowed: a scale not enrolled yet trusts no book until {@link #trust} adds the key enrollment gave it.
     */
    public PriceBookVerifier(Iterable<PublicKey> trustedKeys) {
        Map<String, PublicKey> m = new java.util.HashMap<>();
        for (PublicKey k : trustedKeys) m.put(Ed25519Keys.keyId(k), k);
        this.trusted = Map.copyOf(m);
    }

    /** Trusts {@code key} too (the key a scale received when it was enrolled). */
    public synchronized void trust(PublicKey key) {
        Map<String, PublicKey> m = new java.util.HashMap<>(trusted);
        m.put(Ed25519Keys.keyId(key), key);
        trusted = Map.copyOf(m);
    }

    /** The verified book of store {@code storeId} from {@code payload}. */
    public PriceBook verify(String storeId, byte[] payload) throws MessageRejectedException {
        payload = MessageCodec.plain(payload, MessageCodec.MAX_PRICEBOOK_BYTES);
        Envelope env = envelope(payload);
        if (env.schema != PriceBookSigner.SCHEMA && env.schema != PriceBookSigner.SCHEMA_OBJECTS) {
            throw new MessageRejectedException(Reason.UNKNOWN_SCHEMA, "price book schema " + env.schema
                    + " is not supported (this build reads " + PriceBookSigner.SCHEMA_OBJECTS + " and " + PriceBookSigner.SCHEMA + ")");
        }
        if (trusted.isEmpty()) throw new MessageRejectedException(Reason.BAD_SIGNATURE, "no trusted price-book key yet (enrol the scale)");
        PublicKey key = trusted.get(env.keyId);
        if (key == null) throw new MessageRejectedException(Reason.BAD_SIGNATURE, "signed with untrusted key " + env.keyId);
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(env.signature);
        } catch (IllegalArgumentException e) {
            throw new MessageRejectedException(Reason.BAD_SIGNATURE, "signature is not base64");
        }
        int length = env.bookEnd - env.bookStart;
        if (!valid(key, payload, env.bookStart, length, sig)) {
            throw new MessageRejectedException(Reason.BAD_SIGNATURE, "signature does not verify");
        }
        PriceBook book = book(payload, env);
        check(storeId, book);
        return book;
    }

    /**
     * The book inside a signed payload, parsed as strictly as {@link #verify} parses it but without checking the
     * signature: only for a payload the server signed itself and read back from its own database (what version N of a
     * store's book said), where a key rotated since must not make its history unreadable. Never for a received book.
     */
    public static PriceBook readOwn(byte[] payload) throws MessageRejectedException {
        payload = MessageCodec.plain(payload, MessageCodec.MAX_PRICEBOOK_BYTES);
        Envelope env = envelope(payload);
        if (env.schema != PriceBookSigner.SCHEMA && env.schema != PriceBookSigner.SCHEMA_OBJECTS) {
            throw new MessageRejectedException(Reason.UNKNOWN_SCHEMA, "price book schema " + env.schema + " is not supported");
        }
        return book(payload, env);
    }

    private static PriceBook book(byte[] payload, Envelope env) throws MessageRejectedException {
        return env.schema == PriceBookSigner.SCHEMA
                ? PriceBookCodec.decode(payload, env.bookStart, env.bookEnd - env.bookStart)
                : MessageCodec.bind(MessageCodec.tree(Arrays.copyOfRange(payload, env.bookStart, env.bookEnd),
                        MessageCodec.MAX_PRICEBOOK_BYTES), PriceBook.class);
    }

    private static boolean valid(PublicKey key, byte[] data, int offset, int length, byte[] sig) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(data, offset, length);
            return s.verify(sig);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * A signature proves who wrote a book, not that it is sane: the book's own records reject duplicate
     * PLUs, bad versions and mixed currencies while binding (as INVALID); what is left is the store.
     */
    private static void check(String storeId, PriceBook book) throws MessageRejectedException {
        if (!book.storeId().equals(storeId)) {
            throw new MessageRejectedException(Reason.FOREIGN, "price book of store " + book.storeId() + " sent to " + storeId);
        }
    }

    private record Envelope(int schema, String keyId, String signature, int bookStart, int bookEnd) {}

    /**
     * Streams the envelope up to the {@code book} value, which is its last field (as {@link PriceBookSigner}
     * writes it): the book runs from there to the envelope's closing brace. Finding its end that way, rather
     * than by tokenising it, saves a whole pass over the largest message a scale receives; the book's bytes
     * are then verified against the signature and parsed strictly, so whatever they hold is either the
     * signed book or rejected.
     */
    private static Envelope envelope(byte[] payload) throws MessageRejectedException {
        int schema = -1;
        String keyId = null;
        String signature = null;
        int start = -1;
        try (JsonParser p = MessageCodec.mapper().getFactory().createParser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new MessageRejectedException(Reason.MALFORMED, "not a JSON object");
            while (start < 0 && p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (name) {
                    case "schema" -> {
                        if (t != JsonToken.VALUE_NUMBER_INT) throw new MessageRejectedException(Reason.MALFORMED, "schema is not an integer");
                        schema = p.getIntValue();
                    }
                    case "keyId" -> keyId = text(p, t, name);
                    case "signature" -> signature = text(p, t, name);
                    case "book" -> {
                        if (t != JsonToken.START_OBJECT) throw new MessageRejectedException(Reason.MALFORMED, "book is not an object");
                        start = (int) p.currentTokenLocation().getByteOffset();
                    }
                    default -> throw new MessageRejectedException(Reason.MALFORMED, "unknown field '" + name + "'");
                }
            }
        } catch (IOException e) {
            throw new MessageRejectedException(Reason.MALFORMED, "not JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (schema < 0 || keyId == null || signature == null || start < 0) {
            throw new MessageRejectedException(Reason.MALFORMED, "envelope needs schema, keyId, signature and then book");
        }
        int end = payload.length;
        while (end > start && isJsonWhitespace(payload[end - 1])) end--;
        if (end <= start + 1 || payload[end - 1] != '}') {
            throw new MessageRejectedException(Reason.MALFORMED, "the envelope does not end after the book");
        }
        return new Envelope(schema, keyId, signature, start, end - 1);
    }

    /** RFC 8259 §2: the four whitespace characters JSON allows between tokens. */
    private static boolean isJsonWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    private static String text(JsonParser p, JsonToken t, String name) throws IOException, MessageRejectedException {
        if (t != JsonToken.VALUE_STRING) throw new MessageRejectedException(Reason.MALFORMED, name + " is not a string");
        return p.getText();
    }
}
