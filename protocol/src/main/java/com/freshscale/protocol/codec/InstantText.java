package com.freshscale.protocol.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads instants in the one form the codec writes them, {@code yyyy-MM-ddTHH:mm:ss[.fffffffff]Z}
 * (ISO 8601 in UTC, as {@link java.time.format.DateTimeFormatter#ISO_INSTANT} prints), by hand:
 * java.time's general parser took almost half of the server's time to decode a sales batch (one
 * {@code soldAt} per sale; measured with JFR in the ingest bench). Anything else, including every
 * malformed value, goes to Jackson's own {@link InstantDeserializer}, so what is accepted and the
 * errors for what is not stay exactly as before.
 */
final class InstantText {
    private InstantText() {}

    /** The instant {@code s} names if it is in the canonical form, else null. */
    static Instant parseCanonical(String s) {
        int n = s.length();
        if (n < 20 || n > 30 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null; // leap seconds and the like: the general parser decides
        }
        int nanos = 0;
        if (n > 20) {
            if (s.charAt(19) != '.') return null;
            int fraction = digits(s, 20, n - 1);
            if (fraction < 0) return null;
            nanos = fraction;
            for (int i = n - 1 - 20; i < 9; i++) nanos *= 10;
        }
        try {
            long days = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
        } catch (DateTimeException e) {
            return null; // 30 February: let the general parser word the error
        }
    }

    /** The decimal number in {@code s[from, to)}, or -1 if a character is not a digit (or there are none). */
    private static int digits(String s, int from, int to) {
        if (to <= from || to - from > 9) return -1;
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Jackson's instant deserializer with the canonical form read first. */
    static final class Deserializer extends StdScalarDeserializer<Instant> {
        Deserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_STRING)) {
                Instant fast = parseCanonical(p.getText());
                if (fast != null) return fast;
            } else {
                // epoch numbers are not instants on the wire: seconds or milliseconds, a scale and the server could
                // read the same number 1,000 years apart
                return (Instant) ctxt.handleUnexpectedToken(Instant.class, p.currentToken(), p,
                        "an instant must be an ISO-8601 string such as 2026-01-01T12:00:00Z, not " + p.currentToken());
            }
            return InstantDeserializer.INSTANT.deserialize(p, ctxt);
        }
    }
}
