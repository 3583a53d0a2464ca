package com.freshscale.protocol.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.freshscale.protocol.Topics;
import com.freshscale.protocol.codec.Rejection.Reason;
import com.freshscale.protocol.sales.SalesAck;
import com.freshscale.protocol.sales.SalesBatch;
import com.freshscale.protocol.status.ScaleCommand;
import com.freshscale.protocol.status.ScaleStatus;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one JSON codec of the protocol. Output is canonical (properties and map keys sorted, instants as
 * ISO-8601 strings) so that the same value always gives the same bytes, which price-book signing relies on.
 * Input is strict: unknown properties, missing or null required values, numbers for enums, floats for
 * integers, strings for numbers or booleans and numbers for instants are rejected, as are payloads over the limit and schemas this build does not know.
 */
public final class MessageCodec {
    /** Limits per message type; generous for real traffic, small enough that nothing can exhaust memory. */
    public static final int MAX_SALES_BYTES = 512 * 1024;
    public static final int MAX_ACK_BYTES = 128 * 1024;
    public static final int MAX_STATUS_BYTES = 8 * 1024;
    public static final int MAX_COMMAND_BYTES = 4 * 1024;
    /** A 5,000-PLU book is about 0.6 MB (tabular, schema 2); 8 MB leaves room for names in several languages. */
    public static final int MAX_PRICEBOOK_BYTES = 8 * 1024 * 1024;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new com.fasterxml.jackson.databind.module.SimpleModule("canonical-instants")
                    .addDeserializer(java.time.Instant.class, new InstantText.Deserializer()))
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            // JSON types are checked, not coerced: "7" is not a number, 1 is not true, a number is not an instant
            // (a till takes what the scale sent, or nothing)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private MessageCodec() {}

    /** The shared mapper, for the few places that need trees (e.g. the server's HTTP API). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] encode(Object message) {
        try {
            return MAPPER.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    /**
     * Decodes a message of {@code type} whose {@code schema} field must equal {@code schema}. Every failure
     * is a {@link MessageRejectedException} with a reason; nothing else escapes.
     */
    public static <T extends Versioned> T decode(byte[] payload, Class<T> type, int schema, int maxBytes)
            throws MessageRejectedException {
        byte[] json = plain(payload, maxBytes);
        try {
            // fast path: one pass straight into the record; the tree below only explains a failure
            T value = MAPPER.readValue(json, type);
            if (value != null && value.schema() == schema) return value;
        } catch (IOException | IllegalArgumentException e) {
            // fall through to the precise diagnosis
        }
        JsonNode tree = tree(json, maxBytes);
        JsonNode s = tree.get("schema");
        if (s == null || !s.isInt()) throw new MessageRejectedException(Reason.MALFORMED, "no integer 'schema' field");
        if (s.intValue() != schema) {
            throw new MessageRejectedException(Reason.UNKNOWN_SCHEMA,
                    type.getSimpleName() + " schema " + s.intValue() + " is not supported (this build speaks " + schema + ")");
        }
        return bind(tree, type);
    }

    /**
     * Gzip-compresses a message for the wire. Large messages (sales batches, their acks, price books) are sent
     * compressed: JSON of sales and PLUs shrinks about tenfold, which matters on a store's uplink and on
     * every hop through the broker.
     * A receiver tells the two forms apart by the gzip magic bytes (RFC 1952 §2.3.1), which JSON never
     * starts with.
     */
    public static byte[] compress(byte[] json) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(json.length / 6 + 64);
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out, 8192) {
            {
                def.setLevel(java.util.zip.Deflater.BEST_SPEED);
            }
        }) {
            gz.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The JSON of a received payload: as is, or inflated if gzip-compressed. Inflating stops at
     * {@code maxBytes}, so a small compressed bomb cannot exhaust memory.
     */
    public static byte[] plain(byte[] payload, int maxBytes) throws MessageRejectedException {
        if (payload == null || payload.length == 0) throw new MessageRejectedException(Reason.MALFORMED, "empty payload");
        if (payload.length > maxBytes) {
            throw new MessageRejectedException(Reason.OVERSIZED, payload.length + " bytes > limit " + maxBytes);
        }
        if (payload.length < 2 || (payload[0] & 0xff) != 0x1f || (payload[1] & 0xff) != 0x8b) return payload;
        try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(payload), 8192)) {
            // The trailer's ISIZE (RFC 1952 §2.3.1, the inflated length mod 2^32) lets a 600 kB price book inflate
            // straight into one array of the right size instead of a growing buffer and a final copy. It is
            // only a hint from the sender: the stream must end exactly there, else the slow path decides.
            int hint = payload.length >= 18 ? java.nio.ByteBuffer.wrap(payload, payload.length - 4, 4)
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt() : -1;
            if (hint > 0 && hint <= maxBytes) {
                byte[] out = new byte[hint];
                int n = in.readNBytes(out, 0, hint);
                int next = n == hint ? in.read() : -1;
                if (next < 0) return n == hint ? out : java.util.Arrays.copyOf(out, n);
                // more than the hint (another gzip member, or a wrong ISIZE): the rest, still bounded
                byte[] rest = in.readNBytes(maxBytes - n);
                if (n + 1 + rest.length > maxBytes || in.read() >= 0) {
                    throw new MessageRejectedException(Reason.OVERSIZED, "inflates to more than " + maxBytes + " bytes");
                }
                byte[] all = java.util.Arrays.copyOf(out, n + 1 + rest.length);
                all[n] = (byte) next;
                System.arraycopy(rest, 0, all, n + 1, rest.length);
                return all;
            }
            byte[] out = in.readNBytes(maxBytes + 1);
            if (out.length > maxBytes) {
                throw new MessageRejectedException(Reason.OVERSIZED, "inflates to more than " + maxBytes + " bytes");
            }
            return out;
        } catch (IOException e) {
            throw new MessageRejectedException(Reason.MALFORMED, "bad gzip: " + e.getMessage(), e);
        }
    }

    /** Parses bytes (plain or gzip JSON) to a tree with the size check; every failure is a rejection. */
    public static JsonNode tree(byte[] payload, int maxBytes) throws MessageRejectedException {
        payload = plain(payload, maxBytes);
        if (payload.length > maxBytes) {
            throw new MessageRejectedException(Reason.OVERSIZED, payload.length + " bytes > limit " + maxBytes);
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(payload);
        } catch (IOException e) {
            throw new MessageRejectedException(Reason.MALFORMED, "not JSON: " + firstLine(e.getMessage()), e);
        }
        if (tree == null || !tree.isObject()) throw new MessageRejectedException(Reason.MALFORMED, "not a JSON object");
        return tree;
    }

    /** Binds a tree to a record; constructor validation failures are {@link Reason#INVALID}. */
    public static <T> T bind(JsonNode tree, Class<T> type) throws MessageRejectedException {
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (ValueInstantiationException e) {
            Throwable c = e.getCause() != null ? e.getCause() : e;
            throw new MessageRejectedException(Reason.INVALID, type.getSimpleName() + ": " + c.getMessage(), e);
        } catch (IOException | IllegalArgumentException e) {
            throw new MessageRejectedException(Reason.MALFORMED, type.getSimpleName() + ": " + firstLine(e.getMessage()), e);
        }
    }

    /** A sales batch received on {@code topic}; the batch and every sale must be from the topic's scale. */
    public static SalesBatch decodeSales(String topic, byte[] payload) throws MessageRejectedException {
        Topics.Address a = address(topic, Topics.Kind.SALES);
        SalesBatch b = decode(payload, SalesBatch.class, SalesBatch.SCHEMA, MAX_SALES_BYTES);
        requireFrom(a, b.storeId(), b.scaleId());
        return b;
    }

    public static SalesAck decodeAck(String topic, byte[] payload) throws MessageRejectedException {
        Topics.Address a = address(topic, Topics.Kind.ACKS);
        SalesAck ack = decode(payload, SalesAck.class, SalesAck.SCHEMA, MAX_ACK_BYTES);
        requireFrom(a, ack.storeId(), ack.scaleId());
        return ack;
    }

    public static ScaleStatus decodeStatus(String topic, byte[] payload) throws MessageRejectedException {
        Topics.Address a = address(topic, Topics.Kind.STATUS);
        ScaleStatus st = decode(payload, ScaleStatus.class, ScaleStatus.SCHEMA, MAX_STATUS_BYTES);
        requireFrom(a, st.storeId(), st.scaleId());
        return st;
    }

    public static ScaleCommand decodeCommand(String topic, byte[] payload) throws MessageRejectedException {
        address(topic, Topics.Kind.COMMANDS);
        return decode(payload, ScaleCommand.class, ScaleCommand.SCHEMA, MAX_COMMAND_BYTES);
    }

    /** Parses {@code topic}, which must be of {@code kind}. */
    public static Topics.Address address(String topic, Topics.Kind kind) throws MessageRejectedException {
        Topics.Address a;
        try {
            a = Topics.parse(topic);
        } catch (IllegalArgumentException e) {
            throw new MessageRejectedException(Reason.FOREIGN, e.getMessage());
        }
        if (a.kind() != kind) throw new MessageRejectedException(Reason.FOREIGN, "expected a " + kind + " topic: " + topic);
        return a;
    }

    private static void requireFrom(Topics.Address a, String storeId, String scaleId) throws MessageRejectedException {
        if (!a.storeId().equals(storeId) || !a.scaleId().equals(scaleId)) {
            throw new MessageRejectedException(Reason.FOREIGN, "message from " + storeId + "/" + scaleId
                    + " on the topic of " + a.storeId() + "/" + a.scaleId());
        }
    }

    static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
