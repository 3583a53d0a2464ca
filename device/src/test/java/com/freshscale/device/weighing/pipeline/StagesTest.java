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

    private static List<Boolean> feed(BadReadFilter f, int... counts) {
        List<Boolean> out = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) out.add(f.accept(read(counts[i], RawRead.Fault.NONE, i * PERIOD)));
        return out;
    }

    @Test
    void badReadFilterDropsSpikesButFollowsARealStep() {
        BadReadFilter f = new BadReadFilter(5, 1_000);
        assertThat(feed(f, 100, 101, 99, 100, 102)).containsExactly(false, false, false, false, true);
        // two-read spike: never the median, dropped
        assertThat(feed(f, 90_000, 90_000, 101, 100, 99)).containsExactly(false, false, true, true, true);
        // a real step: accepted once it is the median, after (5+1)/2 reads
        assertThat(feed(f, 50_000, 50_010, 50_005, 50_002)).containsExactly(false, false, true, true);
        assertThat(f.consecutiveDropped()).isZero();
    }

    @Test
    void badReadFilterDropsFlaggedReadsAndCountsThem() {
        BadReadFilter f = new BadReadFilter(3, 1_000);
        feed(f, 1, 2, 3);
        for (RawRead.Fault fault : new RawRead.Fault[] {RawRead.Fault.SATURATED, RawRead.Fault.ONES_TAIL,
                RawRead.Fault.SCK_STRETCHED, RawRead.Fault.SETTLING}) {
            assertThat(f.accept(read(2, fault, 0))).isFalse();
        }
        assertThat(f.consecutiveDropped()).isEqualTo(4);
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
}
