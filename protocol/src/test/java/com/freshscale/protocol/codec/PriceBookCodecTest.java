package com.freshscale.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.protocol.Fixtures;
import com.freshscale.protocol.codec.Rejection.Reason;
import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.PriceBook;
import com.freshscale.protocol.pricebook.SaleType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PriceBookCodecTest {
    private static PriceBook decode(String json) throws MessageRejectedException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        return PriceBookCodec.decode(b, 0, b.length);
    }

    private static Reason reject(String json) {
        try {
            decode(json);
        } catch (MessageRejectedException e) {
            return e.reason();
        }
        throw new AssertionError("accepted: " + json);
    }

    private static String fixture() {
        return new String(PriceBookCodec.encode(Fixtures.book("s1", 7)), StandardCharsets.UTF_8);
    }

    @Test
    void aBookComesBackEqualWithItsScheduledPricesAndPromotions() throws Exception {
        PriceBook book = Fixtures.book("s1", 7);
        assertThat(decode(fixture())).isEqualTo(book);
        assertThat(fixture()).startsWith("{\"storeId\":\"s1\",\"version\":7,\"effectiveFrom\":\"2026-11-26T06:00:00Z\","
                + "\"currency\":\"EUR\",\"pluColumns\":[\"code\",\"names\",");
        assertThat(fixture()).contains("[\"4011\",{\"de\":\"Bananen\",\"en\":\"Bananas\"},\"PER_KG\",199,0,5,\"ean13-price\","
                + "\"standard\",[\"Banana\"],true]");
    }

    @Test
    void theSameBookAlwaysGivesTheSameBytes() {
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("en", "Pears");
        ab.put("de", "Birnen");
        Map<String, String> ba = new LinkedHashMap<>();
        ba.put("de", "Birnen");
        ba.put("en", "Pears");
        PriceBook one = book(List.of(new Plu("4409", ab, SaleType.PER_KG, 249, "EUR", 0, 4, "ean13", "std", List.of("Pear"), true)));
        PriceBook two = book(List.of(new Plu("4409", ba, SaleType.PER_KG, 249, "EUR", 0, 4, "ean13", "std", List.of("Pear"), true)));
        assertThat(PriceBookCodec.encode(one)).isEqualTo(PriceBookCodec.encode(two));
    }

    @Test
    void fiveThousandPlusTakeLessThanHalfTheBytesOfOneObjectEach() throws Exception {
        List<Plu> plus = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            String code = String.valueOf(10000 + i);
            plus.add(new Plu(code, Map.of("en", "Produce item " + code, "de", "Artikel " + code), SaleType.PER_KG,
                    99 + i % 900, "EUR", 0, 3, "ean13-price", "standard", List.of("Label" + (i % 80)), i % 7 != 0));
        }
        PriceBook book = book(plus);
        byte[] table = PriceBookCodec.encode(book);
        assertThat(table.length).isLessThan(MessageCodec.encode(book).length / 2);
        assertThat(PriceBookCodec.decode(table, 0, table.length)).isEqualTo(book);
    }

    @Test
    void decodesFromTheMiddleOfAnEnvelope() throws Exception {
        byte[] inner = PriceBookCodec.encode(Fixtures.book("s1", 7));
        byte[] outer = new byte[inner.length + 20];
        System.arraycopy(inner, 0, outer, 10, inner.length);
        assertThat(PriceBookCodec.decode(outer, 10, inner.length)).isEqualTo(Fixtures.book("s1", 7));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown field        | \"currency\":\"EUR\", | \"currency\":\"EUR\",\"colour\":1,",
            "repeated field       | \"currency\":\"EUR\", | \"currency\":\"EUR\",\"currency\":\"EUR\",",
            "other columns        | \"active\"]         | \"enabled\"]",
            "short row            | [\"Banana\"],true]   | [\"Banana\"]]",
            "long row             | [\"Banana\"],true]   | [\"Banana\"],true,1]",
            "price as string      | \"PER_KG\",199,     | \"PER_KG\",\"199\",",
            "price as float       | \"PER_KG\",199,     | \"PER_KG\",199.5,",
            "price too big        | \"PER_KG\",199,     | \"PER_KG\",99999999999999999999,",
            "active as number     | [\"Banana\"],true]   | [\"Banana\"],1]",
            "null code            | [\"4011\",          | [null,",
            "bad time             | 2026-11-26T06:00:00Z | yesterday",
            "no promotions        | ,\"promotions\":[   | ,\"offers\":[",
            "not an object        | {\"storeId\"        | [\"storeId\"",
    })
    void malformedBooksAreRejected(String what, String from, String to) {
        assertThat(rejectEdited(from, to)).as(what).isEqualTo(Reason.MALFORMED);
    }

    /** Why the fixture book is rejected once its first {@code from} is replaced by {@code to}. */
    private static Reason rejectEdited(String from, String to) {
        String json = fixture();
        assertThat(json).contains(from);
        return reject(json.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));
    }

    @Test
    void trailingDataAndTruncationAreMalformed() {
        assertThat(reject(fixture() + "{}")).isEqualTo(Reason.MALFORMED);
        assertThat(reject(fixture().substring(0, fixture().length() / 2))).isEqualTo(Reason.MALFORMED);
        assertThat(reject("")).isEqualTo(Reason.MALFORMED);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "duplicate PLU        | [\"4225\",  | [\"4011\",",
            "letters in the code  | [\"4225\",  | [\"42x5\",",
            "negative price       | \"PER_KG\",199, | \"PER_KG\",-199,",
            "unknown sale type    | \"PER_KG\",199, | \"PER_GRAM\",199,",
            "version zero         | \"version\":7 | \"version\":0",
            "promotion too big    | \"value\":2500 | \"value\":25000",
            "a name twice         | {\"de\":\"Bananen\",\"en\" | {\"de\":\"Bananen\",\"de\"",
    })
    void booksTheirRecordsRefuseAreInvalid(String what, String from, String to) {
        assertThat(rejectEdited(from, to)).as(what).isEqualTo(Reason.INVALID);
    }

    private static PriceBook book(List<Plu> plus) {
        return new PriceBook("s1", 3, Instant.parse("2026-11-26T06:00:00Z"), "EUR", plus, List.of(), List.of());
    }
}
