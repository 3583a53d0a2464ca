package com.freshscale.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class InstantTextTest {
    private record Stamp(Instant at) {}

    @Property(tries = 300)
    void readsWhatTheCodecWritesExactlyAsJavaTimeDoes(@ForAll @LongRange(min = 0, max = 253_402_300_799L) long second,
                                                      @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
                                                      @ForAll @IntRange(min = 0, max = 3) int precision) {
        int n = switch (precision) { case 0 -> 0; case 1 -> nanos / 1_000_000 * 1_000_000; case 2 -> nanos / 1000 * 1000; default -> nanos; };
        Instant t = Instant.ofEpochSecond(second, n);
        String text = t.toString();
        assertThat(InstantText.parseCanonical(text)).isEqualTo(Instant.parse(text));
    }

    @Test
    void otherFormsAreLeftToTheGeneralParser() {
        for (String s : new String[] {"2026-11-26T09:00:00+01:00", "2026-11-26T09:00Z", "2026-02-30T09:00:00Z",
                "2026-11-26T24:00:00Z", "2026-11-26T09:00:60Z", "+12026-11-26T09:00:00Z", "2026-11-26 09:00:00Z",
                "2026-11-26T09:00:00.Z", "2026-11-26T09:00:00.1234567890Z", "2026-1a-26T09:00:00Z", "2026-11-26T09:00:00z"}) {
            assertThat(InstantText.parseCanonical(s)).as(s).isNull();
        }
        assertThat(InstantText.parseCanonical("2026-11-26T09:00:00.5Z")).isEqualTo(Instant.parse("2026-11-26T09:00:00.500Z"));
    }

    @Test
    void theCodecStillAcceptsAndRejectsWhatItDidBefore() throws Exception {
        var mapper = MessageCodec.mapper();
        assertThat(mapper.readValue("{\"at\":\"2026-11-26T09:00:00.123Z\"}", Stamp.class).at())
                .isEqualTo(Instant.parse("2026-11-26T09:00:00.123Z"));
        // not canonical but valid ISO_INSTANT: Jackson's deserializer reads it as before
        assertThat(mapper.readValue("{\"at\":\"2026-11-26T10:00:00+01:00\"}", Stamp.class).at())
                .isEqualTo(Instant.parse("2026-11-26T09:00:00Z"));
        assertThatThrownBy(() -> mapper.readValue("{\"at\":\"2026-02-30T09:00:00Z\"}", Stamp.class))
                .isInstanceOf(com.fasterxml.jackson.databind.JsonMappingException.class);
        assertThatThrownBy(() -> mapper.readValue("{\"at\":\"yesterday\"}", Stamp.class))
                .isInstanceOf(com.fasterxml.jackson.databind.JsonMappingException.class);
    }
}
