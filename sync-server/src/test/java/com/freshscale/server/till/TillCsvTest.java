package com.freshscale.server.till;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A till's exported scan file: columns by name, local or offset times, prices in the currency's decimals, clear errors. */
class TillCsvTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void readsAFileWithLocalAndOffsetTimesAndOptionalPrices() {
        String file = "\uFEFFscanned_at,till,barcode,scan_id,price\r\n"
                + "2026-12-06 14:03:12,till-3,2104011002460,R0815-2,2.46\r\n"
                + "2026-12-06T13:04:00Z,till-3,2104020001990,\"R0815/3\",\r\n"
                + "2026-12-06T14:05,till-4,2104020001990,R0816-1,1.99\n\n";
        List<TillScan> scans = TillCsv.parse(file, BERLIN, 2);
        assertThat(scans).containsExactly(
                new TillScan("till-3", "R0815-2", "2104011002460", Instant.parse("2026-12-06T13:03:12Z"), 246L),
                new TillScan("till-3", "R0815/3", "2104020001990", Instant.parse("2026-12-06T13:04:00Z"), null),
                new TillScan("till-4", "R0816-1", "2104020001990", Instant.parse("2026-12-06T13:05:00Z"), 199L));
    }

    @Test
    void pricesFollowTheCurrencysDecimals() {
        assertThat(TillCsv.minor("2.5", 2)).isEqualTo(250);
        assertThat(TillCsv.minor("120", 0)).isEqualTo(120);
        assertThatThrownBy(() -> TillCsv.minor("1.5", 0)).hasMessageContaining("more than 0 decimals");
        assertThatThrownBy(() -> TillCsv.minor("-1", 2)).hasMessageContaining("not an amount");
        assertThatThrownBy(() -> TillCsv.minor("1e3", 2)).hasMessageContaining("not an amount");
    }

    @Test
    void everyFaultNamesItsLineAndRefusesTheFile() {
        String header = "till,scan_id,barcode,scanned_at\n";
        assertThatThrownBy(() -> TillCsv.parse("", BERLIN, 2)).hasMessageContaining("empty");
        assertThatThrownBy(() -> TillCsv.parse(header, BERLIN, 2)).hasMessageContaining("no scans");
        assertThatThrownBy(() -> TillCsv.parse("till,scan_id,barcode\n", BERLIN, 2)).hasMessageContaining("'scanned_at' is missing");
        assertThatThrownBy(() -> TillCsv.parse("till,scan,barcode,scanned_at\n", BERLIN, 2)).hasMessageContaining("unknown column 'scan'");
        assertThatThrownBy(() -> TillCsv.parse(header + "t1,a,2104011002460,2026-12-06 10:00\nt1,b,21040110024x0,2026-12-06 10:01\n",
                BERLIN, 2)).hasMessageStartingWith("line 3: barcode");
        assertThatThrownBy(() -> TillCsv.parse(header + "t1,a,2104011002460,yesterday\n", BERLIN, 2))
                .hasMessageStartingWith("line 2: scanned_at 'yesterday'");
        assertThatThrownBy(() -> TillCsv.parse(header + "t1,a,2104011002460\n", BERLIN, 2)).hasMessageContaining("line 2: 3 fields");
        assertThatThrownBy(() -> TillCsv.parse(header + "t1,\"a,2104011002460,2026-12-06 10:00\n", BERLIN, 2))
                .hasMessageContaining("not closed");
        assertThatThrownBy(() -> TillCsv.parse(header + "till 1,a,2104011002460,2026-12-06 10:00\n", BERLIN, 2))
                .hasMessageStartingWith("line 2: till must be");
    }
}
