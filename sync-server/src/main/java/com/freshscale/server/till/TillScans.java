package com.freshscale.server.till;

import com.freshscale.server.ingest.BusinessDays;
import com.freshscale.server.store.NotFoundException;
import com.freshscale.server.store.ServerDatabase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The till scans in the server database. A report is stored whole or not at all (one transaction), each scan once:
 * a scan already stored (same store, till and scan id) is counted as a duplicate and left as it was.
 */
public final class TillScans {
    /** One report's limit: a busy store's day is a few thousand scale labels; a bigger upload is split by the till. */
    public static final int MAX_SCANS_PER_REPORT = 50_000;
    /** Tills' clocks drift; a scan stamped further ahead of the server's clock than this is refused as implausible. */
    static final Duration MAX_AHEAD = Duration.ofHours(1);
    /** Nothing older: a till's journal older than a year is not reconciled against labels any more. */
    static final Duration MAX_AGE = Duration.ofDays(400);

    /** What one report did: scans newly stored, scans that were there already. */
    public record Stored(int stored, int duplicates) {}

    private final ServerDatabase database;
    private final BusinessDays businessDays;
    private final Clock clock;

    public TillScans(ServerDatabase database, BusinessDays businessDays, Clock clock) {
        this.database = database;
        this.businessDays = businessDays;
        this.clock = clock;
    }

    /**
     * Stores {@code scans} of {@code storeId} (which must exist) as reported by {@code source} ("api" or "csv").
     *
     * @throws IllegalArgumentException a scan is implausible (the whole report is refused, nothing is stored)
     * @throws NotFoundException        no such store
     */
    public Stored store(String storeId, List<TillScan> scans, String source) {
        if (scans.isEmpty()) throw new IllegalArgumentException("the report has no scans");
        if (scans.size() > MAX_SCANS_PER_REPORT) {
            throw new IllegalArgumentException("at most " + MAX_SCANS_PER_REPORT + " scans per report, not " + scans.size());
        }
        Instant now = clock.instant();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < scans.size(); i++) {
            TillScan s = scans.get(i);
            if (s.scannedAt().isAfter(now.plus(MAX_AHEAD))) {
                throw new IllegalArgumentException("scan " + (i + 1) + " (" + s.scanId() + ") is in the future: " + s.scannedAt());
            }
            if (s.scannedAt().isBefore(now.minus(MAX_AGE))) {
                throw new IllegalArgumentException("scan " + (i + 1) + " (" + s.scanId() + ") is older than " + MAX_AGE.toDays()
                        + " days: " + s.scannedAt());
            }
            if (!keys.add(s.tillId() + "\u0000" + s.scanId())) {
                throw new IllegalArgumentException("scan id " + s.scanId() + " of till " + s.tillId() + " is in the report twice");
            }
        }
        long received = now.toEpochMilli();
        return database.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM store WHERE store_id = ?")) {
                p.setString(1, storeId);
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) throw new NotFoundException("no store " + storeId);
                }
            }
            int stored = 0;
            try (PreparedStatement p = c.prepareStatement("INSERT INTO till_scan (store_id, till_id, scan_id, barcode, scanned_at_ms, "
                    + "scanned_day, price_minor, source, received_at_ms) VALUES (?,?,?,?,?,?,?,?,?) "
                    + "ON CONFLICT (store_id, till_id, scan_id) DO NOTHING")) {
                for (TillScan s : scans) {
                    p.setString(1, storeId);
                    p.setString(2, s.tillId());
                    p.setString(3, s.scanId());
                    p.setString(4, s.barcode());
                    p.setLong(5, s.scannedAt().toEpochMilli());
                    p.setString(6, businessDays.day(storeId, s.scannedAt()).toString());
                    if (s.priceMinor() == null) p.setNull(7, java.sql.Types.BIGINT);
                    else p.setLong(7, s.priceMinor());
                    p.setString(8, source);
                    p.setLong(9, received);
                    p.addBatch();
                }
                for (int k : p.executeBatch()) if (k > 0) stored++;
            }
            return new Stored(stored, scans.size() - stored);
        });
    }

    /** Number of scans stored for a store (tests and the health of an import). */
    public long count(String storeId) {
        return database.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM till_scan WHERE store_id = ?")) {
                p.setString(1, storeId);
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        });
    }
}
