package com.freshscale.protocol.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.freshscale.protocol.Topics;
import com.freshscale.protocol.codec.MessageCodec;
import com.freshscale.protocol.codec.MessageRejectedException;
import com.freshscale.protocol.codec.Rejection;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A scale reports the time zone it dates its labels in (packed and sell-by dates) in its status, an optional field as
 * the weighing ranges: a status of an older scale reads without it and one without it is written byte for byte as
 * before; what is no time-zone id is refused with one line.
 */
class ScaleStatusZoneTest {
    static final String TOPIC = Topics.status("s1", "a");

    static ScaleStatus status(String zone) {
        return new ScaleStatus(ScaleStatus.SCHEMA, "s1", "a", ScaleStatus.State.ONLINE, Instant.parse("2026-12-07T23:45:00Z"), "1.0",
                null, 3, null, 0, false, "ok", null, zone);
    }

    @Test
    void theZoneTravelsInTheStatus() throws Exception {
        byte[] json = MessageCodec.encode(status("Europe/Berlin"));
        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"timeZone\":\"Europe/Berlin\"");
        ScaleStatus back = MessageCodec.decodeStatus(TOPIC, json);
        assertThat(back).isEqualTo(status("Europe/Berlin"));
        assertThat(back.timeZone()).isEqualTo("Europe/Berlin");
        // with the weighing ranges beside it, each kept by the other's wither
        ScaleStatus both = status("Europe/Berlin").withWeighingRanges(ScaleStatusRangesTest.DEMO);
        assertThat(both.timeZone()).isEqualTo("Europe/Berlin");
        assertThat(both.withTimeZone(null).weighingRanges()).isEqualTo(ScaleStatusRangesTest.DEMO);
        assertThat(MessageCodec.decodeStatus(TOPIC, MessageCodec.encode(both))).isEqualTo(both);
    }

    @Test
    void aStatusOfAnOlderScaleReadsWithoutItAndOneWithoutItIsWrittenAsBefore() throws Exception {
        String old = "{\"at\":\"2026-12-07T23:45:00Z\",\"firmwareVersion\":\"1.0\",\"modelVersion\":null,\"outboxAlarm\":false,"
                + "\"outboxDepth\":0,\"priceBookProblem\":null,\"priceBookVersion\":3,\"printer\":\"ok\",\"scaleId\":\"a\",\"schema\":1,"
                + "\"state\":\"ONLINE\",\"storeId\":\"s1\"}";
        ScaleStatus read = MessageCodec.decodeStatus(TOPIC, old.getBytes(StandardCharsets.UTF_8));
        assertThat(read.timeZone()).isNull();
        assertThat(read).isEqualTo(status(null));
        assertThat(new String(MessageCodec.encode(read), StandardCharsets.UTF_8)).isEqualTo(old);
        // the Last Will says nothing about the zone
        assertThat(ScaleStatus.offline("s1", "a", "1.0").timeZone()).isNull();
    }

    @Test
    void whatIsNoTimeZoneIdIsRefusedWithOneLine() {
        for (String bad : new String[] {"", "Berlin Time", "Europe/Berlin;DROP", "+25:00", "UTC+99", "<script>", "x".repeat(65)}) {
            assertThatThrownBy(() -> status(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("timeZone: ").hasMessageNotContaining("\n");
        }
        // ids java.time reads are fine: regions, UTC, offsets
        for (String good : new String[] {"Europe/Berlin", "America/Argentina/Buenos_Aires", "UTC", "Etc/GMT-14", "+01:00", "UTC+1"}) {
            assertThat(status(good).timeZone()).isEqualTo(good);
        }
        // a well-formed region the server's time-zone database does not know (a scale's newer one) does not cost the status
        assertThat(status("Mars/Olympus_Mons").timeZone()).isEqualTo("Mars/Olympus_Mons");
    }

    @Test
    void onTheWireABadZoneIsAnInvalidStatus() {
        String good = new String(MessageCodec.encode(status("Europe/Berlin")), StandardCharsets.UTF_8);
        byte[] payload = good.replace("Europe/Berlin", "Europe Berlin").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> MessageCodec.decodeStatus(TOPIC, payload)).isInstanceOf(MessageRejectedException.class)
                .hasMessageContaining("not a time zone id").hasMessageNotContaining("\n")
                .satisfies(e -> assertThat(((MessageRejectedException) e).reason()).isEqualTo(Rejection.Reason.INVALID));
        byte[] number = good.replace("\"Europe/Berlin\"", "1").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> MessageCodec.decodeStatus(TOPIC, number)).isInstanceOf(MessageRejectedException.class);
    }
}
