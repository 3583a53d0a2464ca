package com.freshscale.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sale is priced by a book the scale had: it cannot be sold before that version was published, beyond the clock skew
 * a scale may have ({@link TillCheck#FUTURE}, the same 10 minutes the other way). The probe's sale, priced by today's
 * version and dated three days back, went into a closed business day; it is quarantined as {@code IMPLAUSIBLE_TIME}.
 * A sale sent days after it was sold (an outage) is counted.
 */
class SoldBeforeBookTest {
    @TempDir
    Path dir;

    @Test
    void aSaleDatedBeforeItsBookWasPublishedIsQuarantined() throws Exception {
        TillFixture f = new TillFixture(dir);
        TillCheck.Verdict v = f.till.check(TillFixture.bananas(1_000_000, TillFixture.PUBLISHED.minus(Duration.ofDays(3))));
        assertThat(v).isNotNull();
        assertThat(v.reason()).isEqualTo(QuarantineReason.IMPLAUSIBLE_TIME);
        assertThat(v.detail()).contains("published");
        assertThat(f.till.check(TillFixture.bananas(1_000_000, TillFixture.PUBLISHED.minus(Duration.ofMinutes(11))))).isNotNull();
    }

    @Test
    void aScaleClockBehindOrASaleSentDaysLaterIsCounted() throws Exception {
        TillFixture f = new TillFixture(dir);
        // a scale whose clock is 9 minutes behind sells just after the book arrived
        assertThat(f.till.check(TillFixture.bananas(1_000_000, TillFixture.PUBLISHED.minus(Duration.ofMinutes(9))))).isNull();
        // sold a minute after publication, sent two days later after an outage (the server's clock is at NOW)
        assertThat(f.till.check(TillFixture.bananas(1_000_000, TillFixture.PUBLISHED.plus(Duration.ofMinutes(1))))).isNull();
    }
}
