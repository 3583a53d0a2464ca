package com.freshscale.protocol.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.freshscale.protocol.Topics;
import com.freshscale.protocol.codec.MessageCodec;
import com.freshscale.protocol.codec.MessageRejectedException;
import com.freshscale.protocol.codec.Rejection;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A scale reports its weighing ranges (Max and e of each partial range, mg) in its status, an optional field: a status
 * of an older scale reads without it and one without it is written byte for byte as before; ranges no FreshScale scale
 * can have are refused with one line that says why (OIML R76-1 3.2, 3.4.2, Table 3).
 */
class ScaleStatusRangesTest {
    static final String TOPIC = Topics.status("s1", "a");
    static final List<WeighingRange> DEMO = List.of(new WeighingRange(6_000_000, 2_000), new WeighingRange(15_000_000, 5_000));

    static ScaleStatus status(List<WeighingRange> ranges) {
        return new ScaleStatus(ScaleStatus.SCHEMA, "s1", "a", ScaleStatus.State.ONLINE, Instant.parse("2026-12-07T10:00:00Z"), "1.0",
                null, 3, null, 0, false, "ok", ranges);
    }

    @Test
    void theRangesTravelInTheStatus() throws Exception {
        byte[] json = MessageCodec.encode(status(DEMO));
        assertThat(new String(json, StandardCharsets.UTF_8))
                .contains("\"weighingRanges\":[{\"eMg\":2000,\"maxMg\":6000000},{\"eMg\":5000,\"maxMg\":15000000}]");
        ScaleStatus back = MessageCodec.decodeStatus(TOPIC, json);
        assertThat(back).isEqualTo(status(DEMO));
        assertThat(back.weighingRanges()).isEqualTo(DEMO);
        assertThat(WeighingRange.describe(back.weighingRanges())).isEqualTo("Max 6 kg e 2 g, Max 15 kg e 5 g, Min 40 g");
    }

    @Test
    void aStatusOfAnOlderScaleReadsWithoutThemAndOneWithoutThemIsWrittenAsBefore() throws Exception {
        String old = "{\"at\":\"2026-12-07T10:00:00Z\",\"firmwareVersion\":\"1.0\",\"modelVersion\":null,\"outboxAlarm\":false,"
                + "\"outboxDepth\":0,\"priceBookProblem\":null,\"priceBookVersion\":3,\"printer\":\"ok\",\"scaleId\":\"a\",\"schema\":1,"
                + "\"state\":\"ONLINE\",\"storeId\":\"s1\"}";
        ScaleStatus read = MessageCodec.decodeStatus(TOPIC, old.getBytes(StandardCharsets.UTF_8));
        assertThat(read.weighingRanges()).isNull();
        assertThat(read).isEqualTo(status(null));
        assertThat(new String(MessageCodec.encode(read), StandardCharsets.UTF_8)).isEqualTo(old);
        // the Last Will says nothing about the ranges
        assertThat(ScaleStatus.offline("s1", "a", "1.0").weighingRanges()).isNull();
    }

    @Test
    void rangesNoFreshScaleScaleHasAreRefusedWithOneLine() {
        refused(List.of(), "1 to 3 ranges");
        refused(List.of(r(1_000_000, 1_000), r(2_000_000, 2_000), r(5_000_000, 5_000), r(10_000_000, 10_000)), "1 to 3 ranges");
        refused(List.of(r(6_000_000, 3_000)), "e is not 1, 2 or 5 × 10^k mg (R76-1 3.4.2)");
        refused(List.of(r(6_000_000, 2_500)), "R76-1 3.4.2");
        refused(List.of(r(15_000_000, 5_000), r(6_000_000, 10_000)), "Max must be above the previous range's Max");
        refused(List.of(r(6_000_000, 5_000), r(15_000_000, 5_000)), "e must be above the previous range's e");
        refused(List.of(r(6_000_000, 5_000), r(15_000_000, 2_000)), "e must be above the previous range's e");
        refused(List.of(r(30_000_000, 2_000)), "Max/e above 10000 (class III, R76-1 Table 3)");
        refused(List.of(r(100_000_000, 10_000)), "Max above 60 kg");
        refused(List.of(r(6_000_000, 2_000), r(15_000_000, 5_000), r(100_000_000, 10_000)), "Max above 60 kg");
        assertThatThrownBy(() -> r(0, 1)).hasMessage("weighingRanges: Max and e must be above 0 mg");
        assertThatThrownBy(() -> r(6_000_000, -2)).hasMessage("weighingRanges: Max and e must be above 0 mg");
        // the limits themselves are fine: 3 ranges, n = 10 000, Max 60 kg
        assertThat(status(List.of(r(6_000_000, 1_000), r(15_000_000, 2_000), r(60_000_000, 10_000))).weighingRanges()).hasSize(3);
        assertThat(status(List.of(r(20_000_000, 2_000))).weighingRanges()).hasSize(1);
    }

    @Test
    void onTheWireABadRangeIsAnInvalidStatus() {
        String good = new String(MessageCodec.encode(status(DEMO)), StandardCharsets.UTF_8);
        for (String[] bad : new String[][] {
                {"{\"eMg\":5000,\"maxMg\":15000000}", "{\"eMg\":3000,\"maxMg\":15000000}", "R76-1 3.4.2"},
                {"{\"eMg\":5000,\"maxMg\":15000000}", "{\"eMg\":50000,\"maxMg\":400000000}", "Max above 60 kg"},
                {"[{\"eMg\":2000,\"maxMg\":6000000},{\"eMg\":5000,\"maxMg\":15000000}]", "[]", "1 to 3 ranges"}}) {
            byte[] payload = good.replace(bad[0], bad[1]).getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> MessageCodec.decodeStatus(TOPIC, payload)).isInstanceOf(MessageRejectedException.class)
                    .hasMessageContaining(bad[2]).hasMessageNotContaining("\n")
                    .satisfies(e -> assertThat(((MessageRejectedException) e).reason()).isEqualTo(Rejection.Reason.INVALID));
        }
        // a range without its e is malformed (every field of a range is required)
        byte[] noE = good.replace("{\"eMg\":2000,\"maxMg\":6000000}", "{\"maxMg\":6000000}").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> MessageCodec.decodeStatus(TOPIC, noE)).isInstanceOf(MessageRejectedException.class);
    }

    @Test
    void aNetIsJudgedByTheRangesOfTheScaleThatWeighedIt() {
        assertThat(WeighingRange.judge(DEMO, 40_000)).isNull();                   // Min = 20 e1
        assertThat(WeighingRange.judge(DEMO, 1_234_000)).isNull();
        assertThat(WeighingRange.judge(DEMO, 6_000_000)).isNull();
        assertThat(WeighingRange.judge(DEMO, 6_005_000)).isNull();
        assertThat(WeighingRange.judge(DEMO, 15_045_000)).isNull();               // Max + 9 e (R76-1 4.2.3)
        assertThat(WeighingRange.judge(DEMO, 38_000)).isEqualTo("below Min 40 g");
        assertThat(WeighingRange.judge(DEMO, 400_000_000)).isEqualTo("above Max 15 kg (+ 9 e = 15.045 kg)");
        assertThat(WeighingRange.judge(DEMO, 15_050_000)).startsWith("above Max 15 kg");
        assertThat(WeighingRange.judge(DEMO, 1_233_000)).isEqualTo("not a multiple of e 2 g of the range up to 6 kg");
        assertThat(WeighingRange.judge(DEMO, 6_002_000)).isEqualTo("not a multiple of e 5 g of the range up to 15 kg");
        // a load a little above Max1 = 6.006 kg rounds by e2 = 5 g to 6.005 kg, below Max1: the scale indicates it
        List<WeighingRange> odd = List.of(r(6_006_000, 2_000), r(15_000_000, 5_000));
        assertThat(WeighingRange.judge(odd, 6_005_000)).isNull();
        assertThat(WeighingRange.judge(odd, 5_005_000)).isEqualTo("not a multiple of e 2 g of the range up to 6.006 kg");
    }

    private static WeighingRange r(long maxMg, long eMg) {
        return new WeighingRange(maxMg, eMg);
    }

    private static void refused(List<WeighingRange> ranges, String why) {
        assertThatThrownBy(() -> status(ranges)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(why)
                .hasMessageStartingWith("weighingRanges: ").hasMessageNotContaining("\n");
    }
}
