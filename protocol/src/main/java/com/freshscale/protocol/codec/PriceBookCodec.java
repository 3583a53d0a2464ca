package com.freshscale.protocol.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.freshscale.protocol.codec.Rejection.Reason;
import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.PriceBook;
import com.freshscale.protocol.pricebook.Promotion;
import com.freshscale.protocol.pricebook.SaleType;
import com.freshscale.protocol.pricebook.ScheduledPrice;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tabular JSON form of a price book (signed price-book schema 2): the PLUs are rows of a table whose
 * columns are named once in {@code pluColumns}, instead of one object per PLU with every property name
 * repeated. For 5,000 PLUs that halves the bytes a scale hashes for the signature and cuts the tokens it
 * parses by more than half; the rows are read with the streaming parser straight into {@link Plu} records,
 * which is several times faster than binding objects. A scale parses every book of its store, and a store
 * manager's import reaches every scale at once, so this is the cost that sets the fan-out time.
 *
 * <pre>
 * {"storeId":"s1","version":7,"effectiveFrom":"2026-11-26T06:00:00Z","currency":"EUR",
 *  "pluColumns":["code","names","saleType","unitPriceMinor","presetTareMg","shelfLifeDays",
 *                "barcodeLayout","labelLayout","modelLabels","active"],
 *  "plus":[["4011",{"de":"Bananen","en":"Bananas"},"PER_KG",199,0,5,"ean13-price","standard",["Banana"],true]],
 *  "scheduledPrices":[{...}],"promotions":[{...}]}
 * </pre>
 *
 * A PLU's currency is the book's (the book rejects mixed currencies anyway). Scheduled prices and
 * promotions are few and stay objects, bound by {@link MessageCodec}'s strict mapper. Decoding is strict:
 * unknown or repeated fields, other columns, wrong types and short or long rows are MALFORMED, a book its
 * records refuse (duplicate PLU, version 0, ...) is INVALID.
 */
public final class PriceBookCodec {
    /** The columns of a PLU row, in order; a book with other columns is not schema 2. */
    public static final List<String> PLU_COLUMNS = List.of("code", "names", "saleType", "unitPriceMinor",
            "presetTareMg", "shelfLifeDays", "barcodeLayout", "labelLayout", "modelLabels", "active");
    /**
     * The columns of a book in which some item has origin, class or variety (EU 543/2011): the ten above and those
     * three (string or null). A book whose items have none of them is written with the ten columns only, byte for
     * byte as before, so scales of older builds keep reading it; they refuse a book with these columns (as they refuse
     * every unknown column), which is why a store updates its scales before entering origins.
     */
    public static final List<String> PLU_COLUMNS_MARKETING;
    /**
     * The column added after them when some item has a typical piece weight (mg, number or null): written only then,
     * so a book without typical weights is byte for byte what it was, and older scales refuse a book with it as they
     * refuse the marketing columns.
     */
    public static final String TYPICAL_PIECE_COLUMN = "typicalPieceMg";

    static {
        List<String> c = new ArrayList<>(PLU_COLUMNS);
        c.addAll(List.of("originCountry", "qualityClass", "variety"));
        PLU_COLUMNS_MARKETING = List.copyOf(c);
    }

    /** Which optional column groups a book's rows carry. */
    private record Extras(boolean marketing, boolean typicalPiece) {
        List<String> columns() {
            List<String> c = new ArrayList<>(marketing ? PLU_COLUMNS_MARKETING : PLU_COLUMNS);
            if (typicalPiece) c.add(TYPICAL_PIECE_COLUMN);
            return c;
        }

        static Extras of(List<String> cols) {
            for (boolean m : new boolean[] {false, true}) {
                for (boolean t : new boolean[] {false, true}) {
                    Extras o = new Extras(m, t);
                    if (o.columns().equals(cols)) return o;
                }
            }
            return null;
        }
    }

    // readers of a value inside the book: the book's own end follows, so no trailing-token check here
    private static final ObjectReader SCHEDULED = MessageCodec.mapper().readerFor(new TypeReference<List<ScheduledPrice>>() {})
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final ObjectReader PROMOTIONS = MessageCodec.mapper().readerFor(new TypeReference<List<Promotion>>() {})
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private PriceBookCodec() {}

    /** The canonical tabular JSON of {@code book}: the same book always gives the same bytes. */
    public static byte[] encode(PriceBook book) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + book.plus().size() * 128);
        try (JsonGenerator g = MessageCodec.mapper().getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("storeId", book.storeId());
            g.writeNumberField("version", book.version());
            g.writeStringField("effectiveFrom", book.effectiveFrom().toString());
            g.writeStringField("currency", book.currency());
            Extras extras = new Extras(book.plus().stream().anyMatch(Plu::hasMarketingDetails),
                    book.plus().stream().anyMatch(p -> p.typicalPieceMg() != null));
            g.writeArrayFieldStart("pluColumns");
            for (String c : extras.columns()) g.writeString(c);
            g.writeEndArray();
            g.writeArrayFieldStart("plus");
            for (Plu p : book.plus()) writeRow(g, p, extras);
            g.writeEndArray();
            g.writeFieldName("scheduledPrices");
            MessageCodec.mapper().writeValue(g, book.scheduledPrices());
            g.writeFieldName("promotions");
            MessageCodec.mapper().writeValue(g, book.promotions());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the price book of " + book.storeId(), e);
        }
        return out.toByteArray();
    }

    private static void writeRow(JsonGenerator g, Plu p, Extras extras) throws IOException {
        g.writeStartArray();
        g.writeString(p.code());
        g.writeStartObject();
        // sorted, like every map the protocol writes: canonical bytes
        for (Map.Entry<String, String> n : new java.util.TreeMap<>(p.names()).entrySet()) g.writeStringField(n.getKey(), n.getValue());
        g.writeEndObject();
        g.writeString(p.saleType().name());
        g.writeNumber(p.unitPriceMinor());
        g.writeNumber(p.presetTareMg());
        g.writeNumber(p.shelfLifeDays());
        g.writeString(p.barcodeLayout());
        g.writeString(p.labelLayout());
        g.writeStartArray();
        for (String l : p.modelLabels()) g.writeString(l);
        g.writeEndArray();
        g.writeBoolean(p.active());
        if (extras.marketing()) {
            nullable(g, p.originCountry());
            nullable(g, p.qualityClass());
            nullable(g, p.variety());
        }
        if (extras.typicalPiece()) {
            if (p.typicalPieceMg() == null) g.writeNull();
            else g.writeNumber(p.typicalPieceMg());
        }
        g.writeEndArray();
    }

    private static void nullable(JsonGenerator g, String s) throws IOException {
        if (s == null) g.writeNull();
        else g.writeString(s);
    }

    /** The book in {@code json[offset, offset + length)}; every failure is a {@link MessageRejectedException}. */
    public static PriceBook decode(byte[] json, int offset, int length) throws MessageRejectedException {
        String storeId = null;
        String currency = null;
        Instant effectiveFrom = null;
        long version = -1;
        boolean columns = false;
        Extras extras = null;
        List<Plu> plus = null;
        List<ScheduledPrice> scheduled = null;
        List<Promotion> promotions = null;
        Set<String> seen = new HashSet<>();
        try (JsonParser p = MessageCodec.mapper().getFactory().createParser(json, offset, length)) {
            expect(p.nextToken(), JsonToken.START_OBJECT, "price book");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (!seen.add(name)) throw malformed("field '" + name + "' appears twice");
                JsonToken t = p.nextToken();
                switch (name) {
                    case "storeId" -> storeId = string(p, t, name);
                    case "currency" -> currency = string(p, t, name);
                    case "version" -> {
                        expect(t, JsonToken.VALUE_NUMBER_INT, name);
                        version = p.getLongValue();
                    }
                    case "effectiveFrom" -> effectiveFrom = Instant.parse(string(p, t, name));
                    case "pluColumns" -> {
                        expect(t, JsonToken.START_ARRAY, name);
                        List<String> cols = new ArrayList<>();
                        while (p.nextToken() != JsonToken.END_ARRAY) cols.add(string(p, p.currentToken(), name));
                        extras = Extras.of(cols);
                        if (extras == null) {
                            throw malformed("PLU columns " + cols + " are not " + PLU_COLUMNS
                                    + " (or those and the marketing columns, then " + TYPICAL_PIECE_COLUMN + ")");
                        }
                        columns = true;
                    }
                    case "plus" -> {
                        if (!columns || currency == null) throw malformed("'plus' before 'pluColumns' and 'currency'");
                        expect(t, JsonToken.START_ARRAY, name);
                        plus = new ArrayList<>();
                        Columns repeating = new Columns();
                        while (p.nextToken() != JsonToken.END_ARRAY) plus.add(readRow(p, currency, plus.size(), repeating, extras));
                    }
                    case "scheduledPrices" -> scheduled = SCHEDULED.readValue(p);
                    case "promotions" -> promotions = PROMOTIONS.readValue(p);
                    default -> throw malformed("unknown field '" + name + "'");
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) throw malformed("trailing data after the book");
        } catch (ValueInstantiationException e) {
            Throwable c = e.getCause() != null ? e.getCause() : e;
            throw new MessageRejectedException(Reason.INVALID, "price book: " + c.getMessage(), e);
        } catch (IOException | DateTimeParseException e) {
            throw new MessageRejectedException(Reason.MALFORMED, "price book: " + MessageCodec.firstLine(e.getMessage()), e);
        } catch (IllegalArgumentException | NullPointerException e) {
            // a record refused a value: a PLU code of letters, a negative price, an unknown sale type
            throw new MessageRejectedException(Reason.INVALID, "price book: " + e.getMessage(), e);
        }
        if (storeId == null || currency == null || effectiveFrom == null || version < 0 || plus == null
                || scheduled == null || promotions == null) {
            throw malformed("price book needs storeId, version, effectiveFrom, currency, pluColumns, plus, "
                    + "scheduledPrices and promotions");
        }
        try {
            return new PriceBook(storeId, version, effectiveFrom, currency, plus, scheduled, promotions);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new MessageRejectedException(Reason.INVALID, "price book: " + e.getMessage(), e);
        }
    }

    /**
     * A column whose rows mostly repeat one value (sale type, layouts, model label): the row's characters
     * are compared with the previous row's string and that string is reused, so 5,000 rows do not allocate
     * 5,000 equal strings on every scale.
     */
    private static final class Repeating {
        private String last;

        String text(JsonParser p) throws IOException {
            char[] chars = p.getTextCharacters();
            int offset = p.getTextOffset();
            int length = p.getTextLength();
            String l = last;
            if (l != null && l.length() == length) {
                int i = 0;
                while (i < length && l.charAt(i) == chars[offset + i]) i++;
                if (i == length) return l;
            }
            return last = new String(chars, offset, length);
        }
    }

    /** The repeating columns of one book being decoded. */
    private static final class Columns {
        final Repeating saleType = new Repeating();
        final Repeating barcodeLayout = new Repeating();
        final Repeating labelLayout = new Repeating();
        final Repeating modelLabel = new Repeating();
    }

    private static Plu readRow(JsonParser p, String currency, int row, Columns columns, Extras extras)
            throws IOException, MessageRejectedException {
        // messages are built only on failure: this runs 5,000 times per book on every scale
        expect(p.currentToken(), JsonToken.START_ARRAY, row, "row");
        String code = string(p, p.nextToken(), row, "code");
        expect(p.nextToken(), JsonToken.START_OBJECT, row, "names");
        // immutable collections built here are taken as they are by the record (Map.copyOf, List.copyOf);
        // Map.of and Map.ofEntries refuse a language given twice (IllegalArgumentException: INVALID)
        Map<String, String> names;
        if (p.nextToken() != JsonToken.FIELD_NAME) {
            names = Map.of();
        } else {
            String lang1 = p.currentName(); // field names are canonical strings in Jackson's symbol table
            String name1 = string(p, p.nextToken(), row, "names");
            if (p.nextToken() != JsonToken.FIELD_NAME) {
                names = Map.of(lang1, name1);
            } else {
                String lang2 = p.currentName();
                String name2 = string(p, p.nextToken(), row, "names");
                if (p.nextToken() != JsonToken.FIELD_NAME) {
                    names = Map.of(lang1, name1, lang2, name2);
                } else {
                    List<Map.Entry<String, String>> more = new ArrayList<>(4);
                    more.add(Map.entry(lang1, name1));
                    more.add(Map.entry(lang2, name2));
                    do {
                        String lang = p.currentName();
                        more.add(Map.entry(lang, string(p, p.nextToken(), row, "names")));
                    } while (p.nextToken() == JsonToken.FIELD_NAME);
                    @SuppressWarnings("unchecked")
                    Map.Entry<String, String>[] entries = more.toArray(new Map.Entry[0]);
                    names = Map.ofEntries(entries);
                }
            }
        }
        expect(p.currentToken(), JsonToken.END_OBJECT, row, "names");
        expect(p.nextToken(), JsonToken.VALUE_STRING, row, "saleType");
        SaleType saleType = SaleType.valueOf(columns.saleType.text(p));
        long unitPrice = integer(p, row, "unitPriceMinor");
        long tare = integer(p, row, "presetTareMg");
        long shelfLife = integer(p, row, "shelfLifeDays");
        if (shelfLife > Integer.MAX_VALUE) throw malformed("PLU row " + row + ": shelfLifeDays out of range");
        expect(p.nextToken(), JsonToken.VALUE_STRING, row, "barcodeLayout");
        String barcodeLayout = columns.barcodeLayout.text(p);
        expect(p.nextToken(), JsonToken.VALUE_STRING, row, "labelLayout");
        String labelLayout = columns.labelLayout.text(p);
        expect(p.nextToken(), JsonToken.START_ARRAY, row, "modelLabels");
        List<String> labels;
        if (p.nextToken() == JsonToken.END_ARRAY) {
            labels = List.of();
        } else {
            expect(p.currentToken(), JsonToken.VALUE_STRING, row, "modelLabels");
            String first = columns.modelLabel.text(p);
            if (p.nextToken() == JsonToken.END_ARRAY) {
                labels = List.of(first);
            } else {
                List<String> all = new ArrayList<>(4);
                all.add(first);
                do {
                    all.add(string(p, p.currentToken(), row, "modelLabels"));
                } while (p.nextToken() != JsonToken.END_ARRAY);
                labels = List.copyOf(all);
            }
        }
        JsonToken active = p.nextToken();
        if (active != JsonToken.VALUE_TRUE && active != JsonToken.VALUE_FALSE) {
            throw malformed("PLU row " + row + ": active is " + active + ", not true/false");
        }
        String origin = null;
        String qualityClass = null;
        String variety = null;
        if (extras.marketing()) {
            origin = nullableString(p, row, "originCountry");
            qualityClass = nullableString(p, row, "qualityClass");
            variety = nullableString(p, row, "variety");
        }
        Long typicalPiece = null;
        if (extras.typicalPiece()) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.VALUE_NULL) {
                expect(t, JsonToken.VALUE_NUMBER_INT, row, TYPICAL_PIECE_COLUMN);
                typicalPiece = p.getLongValue();
            }
        }
        expect(p.nextToken(), JsonToken.END_ARRAY, row, "end of the row (" + extras.columns().size() + " columns)");
        return new Plu(code, names, saleType, unitPrice, currency, tare, (int) shelfLife, barcodeLayout,
                labelLayout, labels, active == JsonToken.VALUE_TRUE, origin, qualityClass, variety, typicalPiece);
    }

    private static String nullableString(JsonParser p, int row, String column) throws IOException, MessageRejectedException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) return null;
        return string(p, t, row, column);
    }

    private static long integer(JsonParser p, int row, String column) throws IOException, MessageRejectedException {
        expect(p.nextToken(), JsonToken.VALUE_NUMBER_INT, row, column);
        return p.getLongValue();
    }

    private static String string(JsonParser p, JsonToken t, int row, String column) throws IOException, MessageRejectedException {
        expect(t, JsonToken.VALUE_STRING, row, column);
        return p.getText();
    }

    private static void expect(JsonToken t, JsonToken wanted, int row, String column) throws MessageRejectedException {
        if (t != wanted) throw malformed("PLU row " + row + ", " + column + ": expected " + wanted + ", found " + t);
    }

    private static String string(JsonParser p, JsonToken t, String what) throws IOException, MessageRejectedException {
        expect(t, JsonToken.VALUE_STRING, what);
        return p.getText();
    }

    private static void expect(JsonToken t, JsonToken wanted, String what) throws MessageRejectedException {
        if (t != wanted) throw malformed(what + ": expected " + wanted + ", found " + t);
    }

    private static MessageRejectedException malformed(String why) {
        return new MessageRejectedException(Reason.MALFORMED, why);
    }
}
