package com.freshscale.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A per-kg sale's net weight is what a class III scale indicated: a multiple of its interval e, which OIML R76-1 allows
 * only as 1, 2 or 5 × 10^k g and at least 0.1 g for class III (Table 3), so always a multiple of 100 mg; and at least
 * Min = 20 e ≥ 2 g (the scale refuses to price below its Min). The probe's 450,001 mg and 1 mg are quarantined as
 * {@code IMPLAUSIBLE_WEIGHT}; what honest scales weigh (2 g e, 5 g e, 0.1 g e) is counted. Scale a of the fixture never
 * reported its weighing ranges (older firmware), so its own Max, e and Min the server does not know: 2 g on a 2 g-e scale
 * cannot be judged here, but above 60 kg (the heaviest Max of any FreshScale configuration) no scale weighs. A scale that
 * reports its ranges is judged by them ({@code ScaleRangesIngestTest}).
 */
class ImpossibleWeightTest {
    static final Instant AT = TillFixture.NOW.minus(Duration.ofHours(1));

    @TempDir
    Path dir;

    @Test
    void aNetWeightNoScaleIndicatesIsQuarantined() throws Exception {
        TillFixture f = new TillFixture(dir);
        for (long netMg : new long[] {450_001, 1_000_050, 1, 1_900, 100, 60_000_100, 400_000_000}) {
            TillCheck.Verdict v = f.till.check(TillFixture.bananas(netMg, AT));
            assertThat(v).as(netMg + " mg").isNotNull();
            assertThat(v.reason()).as(netMg + " mg").isEqualTo(QuarantineReason.IMPLAUSIBLE_WEIGHT);
        }
    }

    @Test
    void weightsHonestScalesIndicateAreCounted() throws Exception {
        TillFixture f = new TillFixture(dir);
        for (long netMg : new long[] {40_000, 452_000, 6_005_000, 14_995_000, 2_000, 1_234_400, 60_000_000}) {
            assertThat(f.till.check(TillFixture.bananas(netMg, AT))).as(netMg + " mg").isNull();
        }
    }
}
