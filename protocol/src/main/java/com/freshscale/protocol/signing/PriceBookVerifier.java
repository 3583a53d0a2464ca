package com.freshscale.protocol.signing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.freshscale.protocol.codec.MessageCodec;
import com.freshscale.protocol.codec.MessageRejectedException;
import com.freshscale.protocol.codec.Rejection.Reason;
import com.freshscale.protocol.pricebook.PriceBook;
import com.freshscale.protocol.pricebook.Plu;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Verifies a signed price book (see {@link PriceBookSigner}) against the scale's trusted public keys, then
 * parses and checks it. Every failure is a {@link MessageRejectedException}: the caller keeps its last
 * valid book.
 */
public final class PriceBookVerifier {
    private final Map<String, PublicKey> trusted;

    /** Several keys may be trusted at once, so that the server's key can be rotated without a gap. */
    public PriceBookVerifier(Iterable<PublicKey> trustedKeys) {
        Map<String, PublicKey> m = new java.util.HashMap<>();
        for (PublicKey k : trustedKeys) m.put(Ed25519Keys.keyId(k), k);
        if (m.isEmpty()) throw new IllegalArgumentException("no trusted price-book key");
        this.trusted = Map.copyOf(m);
    }

    /** The verified book of store {@code storeId} from {@code payload}. */
    public PriceBook verify(String storeId, byte[] payload) throws MessageRejectedException {
        payload = MessageCodec.plain(payload, MessageCodec.MAX_PRICEBOOK_BYTES);
        Envelope env = envelope(payload);
        if (env.schema != PriceBookSigner.SCHEMA) {
            throw new MessageRejectedException(Reason.UNKNOWN_SCHEMA, "price book schema " + env.schema + " is not supported");
        }
        PublicKey key = trusted.get(env.keyId);
        if (key == null) throw new MessageRejectedException(Reason.BAD_SIGNATURE, "signed with untrusted key " + env.keyId);
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(env.signature);
        } catch (IllegalArgumentException e) {
            throw new MessageRejectedException(Reason.BAD_SIGNATURE, "signature is not base64");
        }
        byte[] bookBytes = Arrays.copyOfRange(payload, env.bookStart, env.bookEnd);
        if (!valid(key, bookBytes, sig)) throw new MessageRejectedException(Reason.BAD_SIGNATURE, "signature does not verify");
        PriceBook book = MessageCodec.bind(MessageCodec.tree(bookBytes, MessageCodec.MAX_PRICEBOOK_BYTES), PriceBook.class);
        check(storeId, book);
        return book;
    }

    private static boolean valid(PublicKey key, byte[] data, byte[] sig) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(data);
            return s.verify(sig);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Checks a signed book still must pass: a signature proves who wrote it, not that it is sane. */
    private static void check(String storeId, PriceBook book) throws MessageRejectedException {
        if (!book.storeId().equals(storeId)) {
            throw new MessageRejectedException(Reason.FOREIGN, "price book of store " + book.storeId() + " sent to " + storeId);
        }
        if (book.version() < 1) throw new MessageRejectedException(Reason.INVALID, "version must be >= 1");
        Set<String> codes = new HashSet<>();
        for (Plu p : book.plus()) {
            if (!codes.add(p.code())) throw new MessageRejectedException(Reason.INVALID, "PLU " + p.code() + " appears twice");
            if (p.unitPriceMinor() < 0) throw new MessageRejectedException(Reason.INVALID, "PLU " + p.code() + " has a negative price");
            if (!p.currency().equals(book.currency())) {
                throw new MessageRejectedException(Reason.INVALID, "PLU " + p.code() + " is priced in " + p.currency());
            }
        }
    }

    private record Envelope(int schema, String keyId, String signature, int bookStart, int bookEnd) {}

    /** Streams the top level of the envelope, noting where the {@code book} value starts and ends. */
    private static Envelope envelope(byte[] payload) throws MessageRejectedException {
        int schema = -1;
        String keyId = null;
        String signature = null;
        int start = -1;
        int end = -1;
        try (JsonParser p = MessageCodec.mapper().getFactory().createParser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new MessageRejectedException(Reason.MALFORMED, "not a JSON object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
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
                        p.skipChildren();
                        end = (int) p.currentLocation().getByteOffset();
                    }
                    default -> throw new MessageRejectedException(Reason.MALFORMED, "unknown field '" + name + "'");
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new MessageRejectedException(Reason.MALFORMED, "trailing data after the envelope");
            }
        } catch (IOException e) {
            throw new MessageRejectedException(Reason.MALFORMED, "not JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (schema < 0 || keyId == null || signature == null || start < 0) {
            throw new MessageRejectedException(Reason.MALFORMED, "envelope needs schema, keyId, signature and book");
        }
        return new Envelope(schema, keyId, signature, start, end);
    }

    private static String text(JsonParser p, JsonToken t, String name) throws IOException, MessageRejectedException {
        if (t != JsonToken.VALUE_STRING) throw new MessageRejectedException(Reason.MALFORMED, name + " is not a string");
        return p.getText();
    }
}
