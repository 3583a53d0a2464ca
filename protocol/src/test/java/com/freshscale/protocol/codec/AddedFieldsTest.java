package com.freshscale.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.freshscale.protocol.Fixtures;
import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.PriceBook;
import com.freshscale.protocol.pricebook.SaleType;
import com.freshscale.protocol.sales.Sale;
import com.freshscale.protocol.sales.SalesBatch;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fields added after the first release (origin, class and variety of an item; what a sale was sold as) are optional
 * on the wire: messages of older scales and servers still read, and a message without the new data is byte for byte
 * what older builds wrote.
 */
class AddedFieldsTest {
    static final Plu GALA = new Plu("4173", Map.of("en", "Gala apples"), SaleType.PER_KG, 299, "EUR", 0, 14, "ean13-price",
            "default", List.of("Gala"), true, "IT", "I", "Gala");

    @Test
    void aBookWithoutOriginsIsWrittenWithTheTenColumnsOlderScalesRead() throws Exception {
        String json = new String(PriceBookCodec.encode(Fixtures.book("s1", 7)), StandardCharsets.UTF_8);
        assertThat(json).contains("\"pluColumns\":[\"code\",\"names\",\"saleType\",\"unitPriceMinor\",\"presetTareMg\",\"shelfLifeDays\","
                + "\"barcodeLayout\",\"labelLayout\",\"modelLabels\",\"active\"]").doesNotContain("originCountry");
    }

    @Test
    void originClassAndVarietyTravelInTheBook() throws Exception {
        PriceBook book = new PriceBook("s1", 8, Fixtures.book("s1", 7).effectiveFrom(), "EUR",
                List.of(Fixtures.plu("4011", 199), GALA), List.of(), List.of());
        byte[] bytes = PriceBookCodec.encode(book);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"originCountry\",\"qualityClass\",\"variety\"]")
                .contains("true,null,null,null]").contains("true,\"IT\",\"I\",\"Gala\"]");
        PriceBook back = PriceBookCodec.decode(bytes, 0, bytes.length);
        assertThat(back).isEqualTo(book);
        assertThat(back.plu("4173").orElseThrow().variety()).isEqualTo("Gala");
    }

    @Test
    void anItemOfAnOlderServerReadsWithoutTheNewFieldsAndOneWithoutThemWritesAsBefore() throws Exception {
        String old = "{\"active\":true,\"barcodeLayout\":\"ean13-price\",\"code\":\"4011\",\"currency\":\"EUR\",\"labelLayout\":\"standard\","
                + "\"modelLabels\":[\"Banana\"],\"names\":{\"de\":\"Bananen\",\"en\":\"Bananas\"},\"presetTareMg\":0,\"saleType\":\"PER_KG\","
                + "\"shelfLifeDays\":5,\"unitPriceMinor\":199}";
        Plu plu = MessageCodec.mapper().readValue(old, Plu.class);
        assertThat(plu).isEqualTo(Fixtures.plu("4011", 199));
        assertThat(plu.originCountry()).isNull();
        assertThat(new String(MessageCodec.encode(plu), StandardCharsets.UTF_8)).isEqualTo(old);
        assertThat(MessageCodec.mapper().readValue(MessageCodec.encode(GALA), Plu.class)).isEqualTo(GALA);
        // still strict about what it does not know
        assertThatThrownBy(() -> MessageCodec.mapper().readValue(old.replace("}", ",\"colour\":\"red\"}"), Plu.class))
                .hasMessageContaining("colour");
    }

    @Test
    void aSaleOfAnOlderScaleReadsAndOneWithWhatItWasSoldAsKeepsIt() throws Exception {
        Sale old = Fixtures.sale("s1", "a", 1);
        byte[] oldJson = MessageCodec.encode(SalesBatch.of("s1", "a", List.of(old)));
        assertThat(new String(oldJson, StandardCharsets.UTF_8)).doesNotContain("itemName").doesNotContain("discountMinor");
        SalesBatch read = MessageCodec.decodeSales("fs/v1/stores/s1/scales/a/sales", oldJson);
        assertThat(read.sales().get(0)).isEqualTo(old);
        Sale sold = old.soldAs("Bananas", 229L, "Offer -20 %", 57L);
        SalesBatch back = MessageCodec.decodeSales("fs/v1/stores/s1/scales/a/sales", MessageCodec.encode(SalesBatch.of("s1", "a", List.of(sold))));
        assertThat(back.sales().get(0).itemName()).isEqualTo("Bananas");
        assertThat(back.sales().get(0).regularUnitPriceMinor()).isEqualTo(229L);
        assertThat(back.sales().get(0).discountMinor()).isEqualTo(57L);
    }

    /**
     * When the scale voided a sale ({@code voidedAt}) travels with the voided sale; a voided sale of an older scale, which
     * has no such field, still reads (as null) and one without it is written byte for byte as before.
     */
    @Test
    void theTimeOfAVoidTravelsAndAVoidOfAnOlderScaleReadsWithoutIt() throws Exception {
        String topic = "fs/v1/stores/s1/scales/a/sales";
        Sale sale = Fixtures.sale("s1", "a", 1).paidAtScale("52500038/0117/000042");
        java.time.Instant at = sale.soldAt().plusSeconds(300);
        Sale voided = sale.voided(Sale.refundedReason("52500038/0117/000042"), at);
        String json = new String(MessageCodec.encode(SalesBatch.of("s1", "a", List.of(voided))), StandardCharsets.UTF_8);
        assertThat(json).contains("\"voidedAt\":\"2026-11-26T10:20:30Z\"");
        Sale back = MessageCodec.decodeSales(topic, json.getBytes(StandardCharsets.UTF_8)).sales().get(0);
        assertThat(back).isEqualTo(voided);
        assertThat(back.voidedAt()).isEqualTo(at);

        Sale old = sale.voided(Sale.refundedReason("52500038/0117/000042"), null);
        String oldJson = new String(MessageCodec.encode(SalesBatch.of("s1", "a", List.of(old))), StandardCharsets.UTF_8);
        assertThat(oldJson).doesNotContain("voidedAt").isEqualTo(json.replace(",\"voidedAt\":\"2026-11-26T10:20:30Z\"", "")
                .replace("\"voidedAt\":\"2026-11-26T10:20:30Z\",", ""));
        assertThat(MessageCodec.decodeSales(topic, oldJson.getBytes(StandardCharsets.UTF_8)).sales().get(0).voidedAt()).isNull();
        // a counted sale does not carry it either
        assertThat(new String(MessageCodec.encode(sale), StandardCharsets.UTF_8)).doesNotContain("voidedAt");
    }

    /** A time of a void on a sale not voided, or before the sale, is corrupt: the codec refuses the message. */
    @Test
    void aTimeOfAVoidWithoutAVoidOrBeforeTheSaleIsRefused() throws Exception {
        String topic = "fs/v1/stores/s1/scales/a/sales";
        Sale sale = Fixtures.sale("s1", "a", 1);
        String voided = new String(MessageCodec.encode(SalesBatch.of("s1", "a",
                List.of(sale.voided("label not printed", sale.soldAt().plusSeconds(5))))), StandardCharsets.UTF_8);
        assertThat(voided).contains("\"voidedAt\":\"2026-11-26T10:15:35Z\"");
        byte[] early = voided.replace("2026-11-26T10:15:35Z", "2026-11-26T10:15:29Z").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> MessageCodec.decodeSales(topic, early)).isInstanceOf(MessageRejectedException.class)
                .hasMessageContaining("voidedAt must not be before soldAt");
        byte[] notVoided = voided.replace("\"voidReason\":\"label not printed\",", "").replace(",\"voidReason\":\"label not printed\"", "")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(new String(notVoided, StandardCharsets.UTF_8)).doesNotContain("voidReason");
        assertThatThrownBy(() -> MessageCodec.decodeSales(topic, notVoided)).isInstanceOf(MessageRejectedException.class)
                .hasMessageContaining("voidedAt is only set on a voided sale");
        byte[] number = voided.replace("\"2026-11-26T10:15:35Z\"", "1764152135000").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> MessageCodec.decodeSales(topic, number)).isInstanceOf(MessageRejectedException.class);
    }

    /**
     * When the scale fixed a sale's price ({@code pricedAt}, the press before a card payment) travels with the sale; a
     * sale of an older scale reads without it (null) and one without it is written byte for byte as before.
     */
    @Test
    void theTimeASaleWasPricedTravelsAndASaleOfAnOlderScaleReadsWithoutIt() throws Exception {
        String topic = "fs/v1/stores/s1/scales/a/sales";
        Sale sale = Fixtures.sale("s1", "a", 1).paidAtScale("52500038/0117/000042");
        Sale priced = sale.priced(sale.soldAt().minusSeconds(4));
        String json = new String(MessageCodec.encode(SalesBatch.of("s1", "a", List.of(priced))), StandardCharsets.UTF_8);
        assertThat(json).contains("\"pricedAt\":\"2026-11-26T10:15:26Z\"");
        Sale back = MessageCodec.decodeSales(topic, json.getBytes(StandardCharsets.UTF_8)).sales().get(0);
        assertThat(back).isEqualTo(priced);
        assertThat(back.pricedTime()).isEqualTo(sale.soldAt().minusSeconds(4));

        String oldJson = new String(MessageCodec.encode(SalesBatch.of("s1", "a", List.of(sale))), StandardCharsets.UTF_8);
        assertThat(oldJson).doesNotContain("pricedAt").isEqualTo(json.replace(",\"pricedAt\":\"2026-11-26T10:15:26Z\"", "")
                .replace("\"pricedAt\":\"2026-11-26T10:15:26Z\",", ""));
        Sale old = MessageCodec.decodeSales(topic, oldJson.getBytes(StandardCharsets.UTF_8)).sales().get(0);
        assertThat(old.pricedAt()).isNull();
        assertThat(old.pricedTime()).isEqualTo(sale.soldAt());
    }

    /** A time of pricing after the sale, or further before it than any payment takes, is corrupt: refused. */
    @Test
    void aTimeOfPricingAfterTheSaleOrLongBeforeItIsRefused() throws Exception {
        String topic = "fs/v1/stores/s1/scales/a/sales";
        Sale sale = Fixtures.sale("s1", "a", 1);
        String json = new String(MessageCodec.encode(SalesBatch.of("s1", "a", List.of(sale.priced(sale.soldAt())))),
                StandardCharsets.UTF_8);
        assertThat(json).contains("\"pricedAt\":\"2026-11-26T10:15:30Z\"");
        byte[] after = json.replace("\"pricedAt\":\"2026-11-26T10:15:30Z\"", "\"pricedAt\":\"2026-11-26T10:15:31Z\"")
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> MessageCodec.decodeSales(topic, after)).isInstanceOf(MessageRejectedException.class)
                .hasMessageContaining("pricedAt must not be after soldAt");
        byte[] early = json.replace("\"pricedAt\":\"2026-11-26T10:15:30Z\"", "\"pricedAt\":\"2026-11-26T10:05:29Z\"")
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> MessageCodec.decodeSales(topic, early)).isInstanceOf(MessageRejectedException.class)
                .hasMessageContaining("pricedAt must not be more than 10 min before soldAt");
        byte[] tenMinutes = json.replace("\"pricedAt\":\"2026-11-26T10:15:30Z\"", "\"pricedAt\":\"2026-11-26T10:05:30Z\"")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(MessageCodec.decodeSales(topic, tenMinutes).sales().get(0).pricedAt()).isEqualTo(sale.soldAt().minusSeconds(600));
    }

    static final Plu KIWI = new Plu("4030", Map.of("en", "Kiwi"), SaleType.PER_PIECE, 45, "EUR", 0, 10, "ean13-price",
            "default", List.of("Kiwi"), true, null, null, null, 85_000L);

    @Test
    void aTypicalPieceWeightTravelsInItsOwnLastColumnOnlyWhenSomeItemHasOne() throws Exception {
        PriceBook book = new PriceBook("s1", 8, Fixtures.book("s1", 7).effectiveFrom(), "EUR",
                List.of(Fixtures.plu("4011", 199), KIWI), List.of(), List.of());
        byte[] bytes = PriceBookCodec.encode(book);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"active\",\"typicalPieceMg\"]")
                .doesNotContain("originCountry").contains("true,null]").contains("true,85000]");
        assertThat(PriceBookCodec.decode(bytes, 0, bytes.length)).isEqualTo(book);
        // with the marketing columns too: they come first, the piece weight last
        PriceBook both = new PriceBook("s1", 9, book.effectiveFrom(), "EUR", List.of(GALA, KIWI), List.of(), List.of());
        byte[] b2 = PriceBookCodec.encode(both);
        assertThat(new String(b2, StandardCharsets.UTF_8)).contains("\"variety\",\"typicalPieceMg\"]")
                .contains("true,\"IT\",\"I\",\"Gala\",null]").contains("true,null,null,null,85000]");
        assertThat(PriceBookCodec.decode(b2, 0, b2.length)).isEqualTo(both);
        // the item record on the server (plu_json) carries it as an optional field
        assertThat(MessageCodec.mapper().readValue(MessageCodec.encode(KIWI), Plu.class)).isEqualTo(KIWI);
    }

    @Test
    void aBadTypicalPieceWeightInABookIsRefusedAsInvalidOrMalformed() throws Exception {
        PriceBook book = new PriceBook("s1", 8, Fixtures.book("s1", 7).effectiveFrom(), "EUR", List.of(KIWI), List.of(), List.of());
        String json = new String(PriceBookCodec.encode(book), StandardCharsets.UTF_8);
        byte[] negative = json.replace("true,85000]", "true,-5]").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> PriceBookCodec.decode(negative, 0, negative.length)).isInstanceOf(MessageRejectedException.class)
                .hasMessageContaining("typical piece weight");
        byte[] text = json.replace("true,85000]", "true,\"85 g\"]").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> PriceBookCodec.decode(text, 0, text.length)).isInstanceOf(MessageRejectedException.class)
                .hasMessageContaining("typicalPieceMg");
        byte[] reordered = json.replace("\"active\",\"typicalPieceMg\"]", "\"typicalPieceMg\",\"active\"]").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> PriceBookCodec.decode(reordered, 0, reordered.length)).isInstanceOf(MessageRejectedException.class)
                .hasMessageContaining("PLU columns");
    }

    @Test
    void badAddedFieldsAreRefused() {
        assertThatThrownBy(() -> KIWI.withTypicalPieceMg(0L)).hasMessageContaining("typical piece weight must be above 0");
        assertThatThrownBy(() -> KIWI.withTypicalPieceMg(Plu.MAX_TYPICAL_PIECE_MG + 1)).hasMessageContaining("at most 30 kg");
        assertThatThrownBy(() -> GALA.withTypicalPieceMg(180_000L)).hasMessageContaining("only an item sold per piece");
        assertThatThrownBy(() -> new Plu("4173", Map.of("en", "x"), SaleType.PER_KG, 1, "EUR", 0, 0, "ean13-price", "d", List.of(), true,
                "Italy", null, null)).hasMessageContaining("ISO 3166-1");
        assertThatThrownBy(() -> new Plu("4173", Map.of("en", "x"), SaleType.PER_KG, 1, "EUR", 0, 0, "ean13-price", "d", List.of(), true,
                null, "III", null)).hasMessageContaining("Extra, I, II");
        assertThatThrownBy(() -> Fixtures.sale("s1", "a", 1).soldAs(" ", null, null, null)).hasMessageContaining("itemName");
        assertThatThrownBy(() -> Fixtures.sale("s1", "a", 1).soldAs("Bananas", -1L, null, null)).hasMessageContaining("regularUnitPriceMinor");
    }
}
