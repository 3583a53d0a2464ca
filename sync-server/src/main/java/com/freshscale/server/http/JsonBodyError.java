package com.freshscale.server.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.freshscale.protocol.LogText;
import com.freshscale.protocol.codec.MessageCodec;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request body the JSON reader refused, said in the API's own words: what the body is ("change set", "PLU"), the
 * field where it went wrong as the JSON names it ({@code putPlus[0].unitPriceMinor}) and what that field takes ("a
 * whole number", "one of PER_KG, PER_PIECE, FIXED"). Jackson's own messages name Java types and classes
 * ({@code com.freshscale.server.prices.ChangeSet}, {@code `long`}) and reader settings, which tell a manager or an
 * integrator nothing and show the server's insides; none of them is passed on, only the messages of the data's own
 * checks (the records' constructors), which are written for the API's users.
 */
public final class JsonBodyError {
    private static final Pattern MISSING = Pattern.compile("Missing (?:required )?creator property '([^']*)'");
    /** A Java type as Jackson writes it: {@code `long`}, {@code java.time.Instant}, {@code com.freshscale...ChangeSet}. */
    private static final Pattern JAVA_TYPE = Pattern.compile("`[^`]*`|\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][\\w$]*");
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']*)'");
    /**
     * The reader of every request body: the codec's strict mapper, and a field given twice in one object is refused. A
     * JSON reader takes the last of {@code {"plu":"4011","plu":"4020"}} and another tool in between (a proxy, a log, a
     * browser's check) may take the first: what was checked would not be what is stored (RFC 8259 4: names SHOULD be
     * unique, and then a receiver's behaviour is unpredictable).
     */
    private static final ObjectReader READER = MessageCodec.mapper().reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());

    private JsonBodyError() {
    }

    /** The reader for request bodies (thread-safe): {@link MessageCodec#mapper()}'s rules, no field given twice. */
    public static ObjectReader reader() {
        return READER;
    }

    /** The user's words for a body of {@code type}. */
    static String noun(Class<?> type) {
        return switch (type.getSimpleName()) {
            case "Plu" -> "PLU";
            case "Plu[]" -> "list of PLUs";
            case "ScheduledPrice" -> "scheduled price";
            case "Promotion" -> "promotion";
            case "ChangeSet" -> "change set";
            case "CommandBody" -> "command";
            default -> "request body";
        };
    }

    /** The 400 message for {@code e}, raised reading a body that should be a {@code noun}. */
    public static String message(String noun, JsonProcessingException e) {
        String at = e instanceof JsonMappingException m ? path(m.getPath()) : "";
        if (e instanceof ValueInstantiationException) {
            // a record's own check refused the value: its message is written for the API's users
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return "bad " + noun + ": " + (at.isEmpty() ? "" : at + ": ") + own(cause);
        }
        String where = at.isEmpty() ? "the body" : at;
        if (e instanceof UnrecognizedPropertyException u) {
            String parent = path(u.getPath().subList(0, u.getPath().size() - 1));
            return "bad " + noun + " JSON: unknown field '" + LogText.cap(u.getPropertyName()) + "'" + (parent.isEmpty() ? "" : " in " + parent)
                    + " (the fields are " + String.join(", ", names(u.getKnownPropertyIds())) + ")";
        }
        if (e instanceof MismatchedInputException mi) {
            String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            Matcher missing = MISSING.matcher(original);
            if (missing.find()) {
                String name = missing.group(1);
                // the path may or may not end at the missing field itself
                String field = at.isEmpty() ? name : at.equals(name) || at.endsWith("." + name) ? at : at + "." + name;
                return "bad " + noun + " JSON: '" + field + "' is required";
            }
            if (original.startsWith("Trailing token")) return "bad " + noun + " JSON: more after the " + noun + " ends" + location(e);
            String expected = expected(mi.getTargetType());
            if (expected == null) return "bad " + noun + " JSON: " + where + " is not valid here" + location(e);
            String value = e instanceof InvalidFormatException f && f.getValue() != null ? ", not " + shown(f.getValue()) : "";
            if (original.contains("`null`")) value = ", not null";
            return "bad " + noun + " JSON: " + where + " must be " + expected + value;
        }
        if (e instanceof JsonMappingException) return "bad " + noun + " JSON: " + where + " is not valid here" + location(e);
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        Matcher twice = DUPLICATE.matcher(original);
        if (original.startsWith("Duplicate field") && twice.find()) {
            return "bad " + noun + " JSON: the field '" + LogText.cap(twice.group(1)) + "' is given twice" + location(e)
                    + "; give each field once";
        }
        if (original.startsWith("Invalid UTF-8") || original.startsWith("Invalid UTF8")) {
            // the parser's words ("Invalid UTF-8 middle byte 0x70") tell no one that the file was saved in Latin-1
            return "bad " + noun + " JSON: the body is not UTF-8 text" + location(e) + ": send JSON in UTF-8 (RFC 8259 8.1), not "
                    + "Latin-1 or Windows-1252; an export from a spreadsheet or an old editor often is";
        }
        // the text is no JSON at all: the parser's messages name characters and tokens, no types
        return "bad " + noun + " JSON: " + withoutTypes(firstPart(e.getOriginalMessage())) + location(e);
    }

    /** {@code putPlus[0].unitPriceMinor}: the field as the JSON names it. */
    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                if (out.length() > 0) out.append('.');
                out.append(LogText.cap(r.getFieldName()));
            } else if (r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    /** What a field of {@code type} takes, in JSON terms; null if there is nothing clear to say. */
    private static String expected(Class<?> type) {
        if (type == null) return null;
        if (type == long.class || type == int.class || type == short.class || type == Long.class || type == Integer.class
                || type == Short.class || type == java.math.BigInteger.class) {
            return "a whole number";
        }
        if (type == double.class || type == float.class || type == Double.class || type == Float.class || type == java.math.BigDecimal.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) return "true or false";
        if (type == String.class) return "a string";
        if (type == java.time.Instant.class) return "a time in ISO 8601 UTC, e.g. 2030-01-01T06:00:00Z";
        if (type == java.time.LocalDate.class) return "a date YYYY-MM-DD";
        if (type.isEnum()) {
            return "one of " + String.join(", ", java.util.Arrays.stream(type.getEnumConstants()).map(String::valueOf).toList());
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) return "a list [...]";
        if (Map.class.isAssignableFrom(type) || type.isRecord()) return "an object {...}";
        return null;
    }

    private static List<String> names(Collection<Object> known) {
        TreeSet<String> out = new TreeSet<>();
        if (known != null) known.forEach(k -> out.add(String.valueOf(k)));
        return List.copyOf(out);
    }

    private static String shown(Object value) {
        return value instanceof String s ? "\"" + LogText.cap(s) + "\"" : LogText.cap(String.valueOf(value));
    }

    /** The message of a record's own check; a bare {@code requireNonNull(x, "code")} says only the field's name. */
    private static String own(Throwable cause) {
        String m = cause.getMessage();
        if (m == null) return "a required field is missing";
        if (cause instanceof NullPointerException && m.matches("[A-Za-z]+")) return "'" + m + "' is required";
        return m;
    }

    private static String location(JsonProcessingException e) {
        JsonLocation l = e.getLocation();
        if (l == null || l.getLineNr() < 1) return "";
        return " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")";
    }

    /** The parser's message up to where it starts to describe its own input source. */
    private static String firstPart(String m) {
        if (m == null) return "not JSON";
        String s = m.lines().findFirst().orElse("");
        int source = s.indexOf("[Source:");
        if (source >= 0) s = s.substring(0, source).replaceFirst("\\s*\\(?(start marker at )?$", "");
        return s.isBlank() ? "not JSON" : s;
    }

    private static String withoutTypes(String m) {
        return JAVA_TYPE.matcher(m).replaceAll("a value");
    }
}
