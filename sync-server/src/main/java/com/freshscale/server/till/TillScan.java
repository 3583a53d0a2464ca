package com.freshscale.server.till;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * One scale label a checkout scanned, as the till reports it.
 *
 * @param tillId     the till (checkout lane) that scanned it, e.g. {@code till-3}
 * @param scanId     the till's own id of the scan line (receipt and line number, a journal id): unique per till, so a
 *                   report sent twice is stored once
 * @param barcode    the digits scanned (the scale's EAN-13/UPC-A, 8-14 digits)
 * @param scannedAt  when the till scanned it
 * @param priceMinor what the till charged for the line in minor units, or null if the till does not say
 */
public record TillScan(String tillId, String scanId, String barcode, Instant scannedAt, Long priceMinor) {
    static final Pattern TILL = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    static final Pattern SCAN = Pattern.compile("[A-Za-z0-9_.:/-]{1,64}");
    static final Pattern BARCODE = Pattern.compile("[0-9]{8,14}");
    /** As a sale's total (protocol Sale.MAX_TOTAL_MINOR): anything larger is not a produce label. */
    static final long MAX_PRICE_MINOR = 1_000_000_000L;

    public TillScan {
        if (tillId == null || !TILL.matcher(tillId).matches()) {
            throw new IllegalArgumentException("till must be 1-64 letters, digits or _ . -, not '" + tillId + "'");
        }
        if (scanId == null || !SCAN.matcher(scanId).matches()) {
            throw new IllegalArgumentException("scan id must be 1-64 letters, digits or _ . : / -, not '" + scanId + "'");
        }
        if (barcode == null || !BARCODE.matcher(barcode).matches()) {
            throw new IllegalArgumentException("barcode must be 8-14 digits, not '" + barcode + "'");
        }
        if (scannedAt == null) throw new IllegalArgumentException("the scan time is required");
        if (priceMinor != null && (priceMinor < 0 || priceMinor > MAX_PRICE_MINOR)) {
            throw new IllegalArgumentException("price out of range: " + priceMinor);
        }
    }
}
