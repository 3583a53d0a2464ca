package com.freshscale.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.freshscale.protocol.Fixtures;
import com.freshscale.protocol.Topics;
import com.freshscale.protocol.codec.Rejection.Reason;
import com.freshscale.protocol.sales.Sale;
import com.freshscale.protocol.sales.SalesAck;
import com.freshscale.protocol.sales.SalesBatch;
import com.freshscale.protocol.status.ScaleStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
    private static final String TOPIC = Topics.sales("s1", "x");

    private static byte[] batch(int n) {
        List<Sale> sales = new ArrayList<>();
        for (int i = 1; i <= n; i++) sales.add(Fixtures.sale("s1", "x", i));
        return MessageCodec.encode(SalesBatch.of("s1", "x", sales));
    }

    private static Reason reject(String topic, byte[] payload) {
        try {
            MessageCodec.decodeSales(topic, payload);
        } catch (MessageRejectedException e) {
            return e.reason();
        }
        throw new AssertionError("accepted");
    }

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void salesBatchRoundTripsPlainAndCompressed() throws Exception {
        byte[] plain = batch(100);
        SalesBatch a = MessageCodec.decodeSales(TOPIC, plain);
        byte[] gz = MessageCodec.compress(plain);
        assertThat(gz.length).isLessThan(plain.length / 3);
        SalesBatch b = MessageCodec.decodeSales(TOPIC, gz);
        assertThat(a).isEqualTo(b);
        assertThat(a.sales()).hasSize(100);
        assertThat(MessageCodec.encode(a)).isEqualTo(plain); // canonical: same value, same bytes
    }

    @Test
    void theMismatchFlagTravelsAndMustNameAnotherRecognisedPlu() throws Exception {
        Sale s = Fixtures.sale("s1", "x", 1);
        assertThat(s.mismatch()).isFalse();
        Sale other = new Sale(s.saleId(), "s1", "x", 1, "4225", s.saleType(), s.netMg(), 0, 349, null, 431, "EUR",
                s.barcode(), s.soldAt(), 3, "4011", 0.97, false, 3, true);
        SalesBatch decoded = MessageCodec.decodeSales(TOPIC, MessageCodec.encode(SalesBatch.of("s1", "x", List.of(other))));
        assertThat(decoded.sales().get(0).mismatch()).isTrue();
        // a flag naming nothing, or the PLU that was sold, is corrupt
        assertThatThrownBy(() -> new Sale(s.saleId(), "s1", "x", 1, "4225", s.saleType(), s.netMg(), 0, 349, null, 431, "EUR",
                s.barcode(), s.soldAt(), 3, null, null, false, 3, true)).hasMessageContaining("mismatch");
        assertThatThrownBy(() -> new Sale(s.saleId(), "s1", "x", 1, "4011", s.saleType(), s.netMg(), 0, 349, null, 431, "EUR",
                s.barcode(), s.soldAt(), 3, "4011", 0.97, false, 3, true)).hasMessageContaining("mismatch");
    }

    @Test
    void aPaymentAtTheScaleTravelsWithTheSaleAndIsChecked() throws Exception {
        Sale s = Fixtures.sale("s1", "x", 1);
        assertThat(s.paymentReference()).isNull();
        Sale paid = s.paidAtScale("52500038/000117/000042");
        SalesBatch decoded = MessageCodec.decodeSales(TOPIC, MessageCodec.encode(SalesBatch.of("s1", "x", List.of(s, paid))));
        assertThat(decoded.sales()).extracting(Sale::paymentReference).containsExactly(null, "52500038/000117/000042");
        assertThatThrownBy(() -> s.paidAtScale("")).hasMessageContaining("paymentReference");
        assertThatThrownBy(() -> s.paidAtScale("a b")).hasMessageContaining("paymentReference");
        assertThatThrownBy(() -> s.paidAtScale("x".repeat(65))).hasMessageContaining("paymentReference");
    }

    @Test
    void rejectsMalformedJson() {
        assertThat(reject(TOPIC, json("{\"schema\":1,"))).isEqualTo(Reason.MALFORMED);
        assertThat(reject(TOPIC, json("[1,2]"))).isEqualTo(Reason.MALFORMED);
        assertThat(reject(TOPIC, new byte[0])).isEqualTo(Reason.MALFORMED);
        assertThat(reject(TOPIC, new byte[] {0x1f, (byte) 0x8b, 1, 2, 3})).isEqualTo(Reason.MALFORMED);
        String ok = new String(batch(1), StandardCharsets.UTF_8);
        assertThat(reject(TOPIC, json(ok + "{}"))).isEqualTo(Reason.MALFORMED);
        assertThat(reject(TOPIC, json(ok.replace("\"schema\":1,", "\"schema\":1,\"extra\":1,"))))
                .isEqualTo(Reason.MALFORMED);
    }

    /** Issue 12, "Why" point 8: strings for numbers, a string schema and a numeric soldAt were coerced. */
    @Test
    void typesAreCheckedNotCoerced() {
        String ok = new String(batch(1), StandardCharsets.UTF_8);
        assertThat(MessageCodec.mapper().isEnabled(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS)).isFalse();
        assertThat(reject(TOPIC, json(ok.replace("\"schema\":1", "\"schema\":\"1\"")))).isEqualTo(Reason.MALFORMED);
        assertThat(reject(TOPIC, json(ok.replace("\"totalMinor\":246", "\"totalMinor\":\"246\"")))).isIn(Reason.MALFORMED, Reason.INVALID);
        assertThat(reject(TOPIC, json(ok.replace("\"autoPicked\":false", "\"autoPicked\":0")))).isIn(Reason.MALFORMED, Reason.INVALID);
        String soldAt = "\"soldAt\":\"2026-11-26T10:15:30Z\"";
        assertThat(ok).contains(soldAt);
        assertThat(reject(TOPIC, json(ok.replace(soldAt, "\"soldAt\":1764152130")))).isIn(Reason.MALFORMED, Reason.INVALID);
        assertThat(reject(TOPIC, json(ok.replace(soldAt, "\"soldAt\":1764152130000")))).isIn(Reason.MALFORMED, Reason.INVALID);
    }

    @Test
    void rejectsUnknownSchema() {
        String ok = new String(batch(1), StandardCharsets.UTF_8);
        assertThat(reject(TOPIC, json(ok.replace("\"schema\":1", "\"schema\":2")))).isEqualTo(Reason.UNKNOWN_SCHEMA);
        assertThat(reject(TOPIC, json(ok.replace("\"schema\":1,", "")))).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void rejectsOversizedPlainAndInflated() {
        byte[] big = new byte[MessageCodec.MAX_SALES_BYTES + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        big[0] = '{';
        assertThat(reject(TOPIC, big)).isEqualTo(Reason.OVERSIZED);
        // a compressed bomb: tiny on the wire, huge inflated
        byte[] bomb = MessageCodec.compress(new byte[50 * 1024 * 1024]);
        assertThat(bomb.length).isLessThan(MessageCodec.MAX_SALES_BYTES);
        assertThat(reject(TOPIC, bomb)).isEqualTo(Reason.OVERSIZED);
    }

    @Test
    void theGzipTrailersLengthIsOnlyAHint() throws Exception {
        byte[] plain = batch(50);
        byte[] gz = MessageCodec.compress(plain);
        assertThat(MessageCodec.plain(gz, MessageCodec.MAX_SALES_BYTES)).isEqualTo(plain);
        // ISIZE (the last four bytes, little-endian) claiming fewer, more, or far more bytes than inflate
        for (int claim : new int[] {plain.length - 1000, plain.length + 1000, Integer.MAX_VALUE, 0}) {
            byte[] lying = gz.clone();
            java.nio.ByteBuffer.wrap(lying, lying.length - 4, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(claim);
            // the trailer is checked after inflating: a wrong ISIZE is a corrupt stream, never a wrong message
            assertThatThrownBy(() -> MessageCodec.plain(lying, MessageCodec.MAX_SALES_BYTES))
                    .isInstanceOfSatisfying(MessageRejectedException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
        }
        // two gzip members in a row (RFC 1952 §2.2) inflate to both, whatever the last trailer says
        byte[] twice = java.util.Arrays.copyOf(gz, gz.length * 2);
        System.arraycopy(gz, 0, twice, gz.length, gz.length);
        byte[] both = MessageCodec.plain(twice, MessageCodec.MAX_SALES_BYTES);
        assertThat(both).hasSize(plain.length * 2);
        assertThat(java.util.Arrays.copyOfRange(both, plain.length, both.length)).isEqualTo(plain);
    }

    @Test
    void rejectsForeignMessages() {
        assertThat(reject(Topics.sales("s1", "other"), batch(1))).isEqualTo(Reason.FOREIGN);
        assertThat(reject(Topics.acks("s1", "x"), batch(1))).isEqualTo(Reason.FOREIGN);
        assertThat(reject("not/ours", batch(1))).isEqualTo(Reason.FOREIGN);
    }

    @Test
    void rejectsOutOfRangeValues() {
        String ok = new String(batch(1), StandardCharsets.UTF_8);
        assertThat(reject(TOPIC, json(ok.replace("\"netMg\":1234000", "\"netMg\":-5")))).isEqualTo(Reason.INVALID);
        assertThat(reject(TOPIC, json(ok.replace("\"pluCode\":\"4011\"", "\"pluCode\":\"apple\"")))).isEqualTo(Reason.INVALID);
        assertThat(reject(TOPIC, json(ok.replace("\"recognitionConfidence\":0.91", "\"recognitionConfidence\":1.5"))))
                .isEqualTo(Reason.INVALID);
        assertThat(reject(TOPIC, json(ok.replace("\"netMg\":1234000", "\"netMg\":1.5")))).isIn(Reason.MALFORMED, Reason.INVALID);
        // a sale of another scale smuggled into this scale's batch
        assertThat(reject(TOPIC, json(ok.replace("\"scaleId\":\"x\",\"soldAt\"", "\"scaleId\":\"y\",\"soldAt\""))))
                .isEqualTo(Reason.INVALID);
    }

    @Test
    void acksAndStatusAreCheckedAgainstTheirTopic() throws Exception {
        byte[] ack = MessageCodec.encode(SalesAck.of("s1", "x", List.of(Sale.newId())));
        assertThat(MessageCodec.decodeAck(Topics.acks("s1", "x"), ack).saleIds()).hasSize(1);
        assertThatThrownBy(() -> MessageCodec.decodeAck(Topics.acks("s1", "y"), ack))
                .isInstanceOf(MessageRejectedException.class);
        byte[] st = MessageCodec.encode(ScaleStatus.offline("s1", "x", "1.0"));
        assertThat(MessageCodec.decodeStatus(Topics.status("s1", "x"), st).state()).isEqualTo(ScaleStatus.State.OFFLINE);
    }

    @Test
    void rejectionsAreCounted() {
        Rejection r = new Rejection();
        r.record(TOPIC, new MessageRejectedException(Reason.OVERSIZED, "big"));
        r.record(TOPIC, new MessageRejectedException(Reason.OVERSIZED, "big"));
        assertThat(r.count(Reason.OVERSIZED)).isEqualTo(2);
        assertThat(r.total()).isEqualTo(2);
        assertThat(r.snapshot()).containsEntry("OVERSIZED", 2L);
    }
}
