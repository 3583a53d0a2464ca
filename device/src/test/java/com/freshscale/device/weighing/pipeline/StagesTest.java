package com.freshscale.device.weighing.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.device.weighing.RawRead;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each pipeline stage on its own. */
class StagesTest {
    private static final long PERIOD = 12_500_000L; // 80 SPS

    private static RawRead read(int counts, RawRead.Fault fault, long t) {
        RawRead r = new RawRead();
        r.set(counts, fault, t, 0);
        return r;
    }

    /** Feeds reads; returns the counts the filter released (each one read later). */
    private static List<Integer> released(BadReadFilter f, int... counts) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (f.accept(read(counts[i], RawRead.Fault.NONE, i * PERIOD))) out.add(f.counts());
        }
        return out;
    }

    @Test
    void badReadFilterDropsSpikesButFollowsARealStep() {
        BadReadFilter f = new BadReadFilter(5, 1_000);
        assertThat(released(f, 100, 101, 99, 100, 102)).isEmpty(); // filling the median's history
        // a two-read spike never becomes the median: never released
        assertThat(released(f, 90_000, 90_000, 101, 100, 99, 98)).containsExactly(102, 101, 100, 99);
        // a real step passes once it is the median, after (5+1)/2 reads
        assertThat(released(f, 50_000, 50_010, 50_005, 50_002, 50_001)).containsExactly(98, 50_005, 50_002);
    }

    @Test
    void aReadFollowedByALateConversionIsDroppedToo() {
        BadReadFilter f = new BadReadFilter(3, 1_000);
        released(f, 100, 101, 102);
        // 102 is held; the next conversion comes late (the chip re-settled): 102 is not trusted
        assertThat(f.accept(read(400, RawRead.Fault.LATE, 0))).isFalse();
        assertThat(released(f, 103, 104, 105)).containsExactly(103, 104);
    }

    @Test
    void badReadFilterDropsFlaggedReadsAndCountsThem() {
        BadReadFilter f = new BadReadFilter(3, 1_000);
        released(f, 1, 2, 3);
        // the first flagged read releases the good read before it; nothing after that
        assertThat(f.accept(read(2, RawRead.Fault.SATURATED, 0))).isTrue();
        assertThat(f.counts()).isEqualTo(3);
        for (RawRead.Fault fault : new RawRead.Fault[] {RawRead.Fault.SATURATED, RawRead.Fault.ONES_TAIL,
                RawRead.Fault.SCK_STRETCHED, RawRead.Fault.SETTLING, RawRead.Fault.LATE}) {
            assertThat(f.accept(read(2, fault, 0))).isFalse();
        }
        assertThat(f.consecutiveDropped()).isEqualTo(5);
    }

    @Test
    void movingAverageSmooths() {
        MovingAverage m = new MovingAverage(4);
        assertThat(m.add(4)).isEqualTo(4);
        assertThat(m.add(8)).isEqualTo(6);
        m.add(0);
        assertThat(m.add(0)).isEqualTo(3);
        assertThat(m.add(0)).isEqualTo(2); // the 4 has left the window
        assertThat(new MovingAverage(1).add(7)).isEqualTo(7);
        assertThat(m.peek(8)).isEqualTo(2); // (0 + 0 + 0 + 8) / 4, nothing added
        assertThat(m.add(8)).isEqualTo(2);
        assertThat(new MovingAverage(3).peek(5)).isEqualTo(5);
    }

    @Test
    void stableOnlyAfterAFullWindowWithinTheBand() {
        StabilityDetector d = StabilityDetector.forRate(300_000_000L, 80);
        boolean stable = false;
        int firstStable = -1;
        for (int i = 0; i < 40; i++) {
            stable = d.add(i * PERIOD, 1000 + (i % 2 == 0 ? 0.9 : -0.9), 1.0);
            if (stable && firstStable < 0) firstStable = i;
        }
        assertThat(firstStable).isEqualTo(24); // 300 ms = 24 periods after the first reading
        assertThat(d.windowMean()).isCloseTo(1000, org.assertj.core.data.Offset.offset(0.1));
        // one reading outside the band breaks stability at once
        assertThat(d.add(40 * PERIOD, 1002.5, 1.0)).isFalse();
    }

    @Test
    void spreadWiderThanTheBandIsNotStable() {
        StabilityDetector d = StabilityDetector.forRate(300_000_000L, 80);
        boolean any = false;
        for (int i = 0; i < 80; i++) any |= d.add(i * PERIOD, 1000 + 1.2 * Math.sin(i * 0.7), 1.0);
        assertThat(any).isFalse();
    }

    @Test
    void slowRampIsNotStable() {
        StabilityDetector d = StabilityDetector.forRate(300_000_000L, 80);
        boolean any = false;
        // 4 e/s with e = 2: 2.4 e per window
        for (int i = 0; i < 160; i++) any |= d.add(i * PERIOD, 8.0 * i * PERIOD / 1e9, 1.0);
        assertThat(any).isFalse();
    }

    @Test
    void zeroSettingRanges() {
        ZeroSetting z = new ZeroSetting(15_000_000, true, 0.5);
        assertThat(z.tryInitialZero(1_600_000)).isFalse(); // > 10 % of Max
        assertThat(z.zeroed()).isFalse();
        assertThat(z.tryInitialZero(-1_400_000)).isTrue();
        assertThat(z.zeroMg()).isEqualTo(-1_400_000);
        assertThat(z.set(300_000).accepted()).isTrue(); // 2 % of Max from the initial zero
        assertThat(z.set(1).accepted()).isFalse(); // one mg beyond
        assertThat(z.set(-600_000).accepted()).isTrue(); // back to -2 %
        assertThat(z.zeroMg()).isEqualTo(-1_700_000);
    }

    @Test
    void zeroTrackingIsRateLimitedAndOnlyNearZero() {
        ZeroSetting z = new ZeroSetting(15_000_000, true, 0.5);
        z.tryInitialZero(0);
        // e = 2 g: at most 1 g per second, i.e. 12.5 mg per 80 SPS sample
        assertThat(z.track(900, 900, 2_000, 12_500_000L)).isCloseTo(12.5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(z.track(5, 5, 2_000, 12_500_000L)).isEqualTo(5);
        assertThat(z.track(1_001, 900, 2_000, 12_500_000L)).isZero(); // beyond 0.5 e
        ZeroSetting off = new ZeroSetting(15_000_000, false, 0.5);
        off.tryInitialZero(0);
        assertThat(off.track(900, 900, 2_000, 12_500_000L)).isZero();
    }

    @Test
    void tareRules() {
        Tare t = new Tare(new ScaleIntervals(com.freshscale.device.weighing.TestScales.multiInterval().ranges()), 1_000_000);
        assertThat(t.take(999).reason()).contains("nothing on the platter"); // rounds to 0 with e1 = 2 g
        assertThat(t.take(1_000_001).reason()).contains("above the tare limit of 1000.0 g");
        assertThat(new Tare(new ScaleIntervals(com.freshscale.device.weighing.TestScales.multiInterval().ranges()), 99_000_000)
                .take(15_000_001).reason()).as("the limit is at most Max").contains("above the tare limit of 15000.0 g");
        assertThat(t.take(123_400).accepted()).isTrue();
        assertThat(t.mg()).isEqualTo(123_400);
        assertThat(t.shownMg()).isEqualTo(124_000);
        assertThat(t.preset(1_001).reason()).contains("multiple of e1");
        assertThat(t.preset(0).reason()).contains("positive");
        assertThat(t.preset(250_000).accepted()).isTrue();
        assertThat(t.clear().accepted()).isTrue();
        assertThat(t.active()).isFalse();
        assertThat(t.clear().accepted()).isFalse();
    }
}
