package com.freshscale.server.till;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Sets one store's day of scale labels against the same day's till scans, as a scale management system's
 * discrepancy report does (what the scales printed against what the tills sold).
 *
 * <p>A price-embedded barcode does not name one label: two bags of apples of the same price carry the same digits.
 * So labels and scans are matched per barcode, in time order: each scan takes the oldest label of its barcode
 * not yet taken that was printed before it (allowing {@link #CLOCK_SKEW} between the scale's and the till's
 * clocks). What is left over is the discrepancy:
 * <ul>
 *   <li>a label no scan took: printed and never scanned (abandoned, or walked out with), with its value;</li>
 *   <li>a scan with no label of its barcode printed that day: scanned but never printed by a scale (a forged label,
 *       or one re-used from another day);</li>
 *   <li>a scan of a barcode whose labels were all taken already: scanned twice (the same label again, or a
 *       copy).</li>
 * </ul>
 * A label paid at the scale needs no scan; when a till scans one (its barcode rings zero or is refused), it is
 * counted as paid and scanned. The value of a surplus scan is the till's price when it says, else that of the
 * barcode's labels; a forged barcode's value without a till price is unknown (0).
 */
public final class Reconciliation {
    /** Scale and till clocks are each set from the network but may drift; a scan this far before its label still takes it. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    public record Label(String saleId, String scaleId, long saleNumber, String pluCode, String barcode, Instant soldAt,
                        long totalMinor, boolean paidAtScale) {}

    public record Scan(String tillId, String scanId, String barcode, Instant scannedAt, Long priceMinor) {}

    /** A count and its value in minor units. */
    public record Tally(long count, long valueMinor) {
        static final Tally ZERO = new Tally(0, 0);

        Tally plus(long value) {
            return new Tally(count + 1, valueMinor + value);
        }
    }

    /**
     * The day's totals.
     *
     * @param printed           every label the scales printed
     * @param paidAtScale       labels paid by card at the scale
     * @param paidAndScanned    of those, labels a till scanned too (it must not have charged them)
     * @param scannedAtTill     labels for the till that a till scanned (value: the label's total)
     * @param neverScanned      labels for the till that no till scanned
     * @param scannedNotPrinted scans of a barcode no scale printed that day
     * @param scannedTwice      scans beyond the labels printed with that barcode
     * @param scans             every scan of the day
     */
    public record Totals(Tally printed, Tally paidAtScale, long paidAndScanned, Tally scannedAtTill, Tally neverScanned,
                         Tally scannedNotPrinted, Tally scannedTwice, long scans) {}

    /** What happened to one barcode's labels and scans that day. */
    public record BarcodeLine(String barcode, String pluCode, int printed, int paidAtScale, int scanned, int matched,
                              Tally neverScanned, int scannedNotPrinted, int scannedTwice, Tally surplusScans,
                              List<String> tills, List<Long> neverScannedSaleNumbers, List<String> neverScannedScales) {
        public boolean discrepancy() {
            return neverScanned.count() > 0 || scannedNotPrinted > 0 || scannedTwice > 0;
        }
    }

    public record Result(Totals totals, List<BarcodeLine> lines) {}

    private Reconciliation() {
    }

    public static Result match(List<Label> labels, List<Scan> scans) {
        Map<String, Deque<Label>> open = new TreeMap<>();
        Map<String, Line> lines = new TreeMap<>();
        labels.stream().sorted(Comparator.comparing(Label::soldAt).thenComparing(Label::saleId)).forEach(l -> {
            open.computeIfAbsent(l.barcode(), k -> new ArrayDeque<>()).add(l);
            Line line = lines.computeIfAbsent(l.barcode(), Line::new);
            line.plu = l.pluCode();
            line.printed++;
            if (l.paidAtScale()) line.paid++;
        });
        Tally printed = Tally.ZERO;
        Tally paid = Tally.ZERO;
        for (Label l : labels) {
            printed = printed.plus(l.totalMinor());
            if (l.paidAtScale()) paid = paid.plus(l.totalMinor());
        }
        long paidAndScanned = 0;
        Tally scanned = Tally.ZERO;
        Tally notPrinted = Tally.ZERO;
        Tally twice = Tally.ZERO;
        List<Scan> byTime = scans.stream().sorted(Comparator.comparing(Scan::scannedAt).thenComparing(Scan::tillId)
                .thenComparing(Scan::scanId)).toList();
        for (Scan s : byTime) {
            Line line = lines.computeIfAbsent(s.barcode(), Line::new);
            line.scanned++;
            line.tills.add(s.tillId());
            Deque<Label> queue = open.get(s.barcode());
            Label taken = null;
            if (queue != null && !queue.isEmpty() && !queue.peekFirst().soldAt().isAfter(s.scannedAt().plus(CLOCK_SKEW))) {
                taken = queue.pollFirst();
            }
            if (taken != null) {
                line.matched++;
                if (taken.paidAtScale()) paidAndScanned++;
                else scanned = scanned.plus(taken.totalMinor());
            } else if (line.printed == 0) {
                line.notPrinted++;
                long v = s.priceMinor() != null ? s.priceMinor() : 0;
                notPrinted = notPrinted.plus(v);
                line.surplus = line.surplus.plus(v);
            } else {
                line.twice++;
                long v = s.priceMinor() != null ? s.priceMinor() : labelTotal(labels, s.barcode());
                twice = twice.plus(v);
                line.surplus = line.surplus.plus(v);
            }
        }
        Tally never = Tally.ZERO;
        for (Deque<Label> queue : open.values()) {
            for (Label l : queue) {
                if (l.paidAtScale()) continue; // paid by card: the till need not see it
                never = never.plus(l.totalMinor());
                Line line = lines.get(l.barcode());
                line.never = line.never.plus(l.totalMinor());
                line.neverNumbers.add(l.saleNumber());
                line.neverScales.add(l.scaleId());
            }
        }
        List<BarcodeLine> out = new ArrayList<>();
        for (Line l : lines.values()) {
            out.add(new BarcodeLine(l.barcode, l.plu, l.printed, l.paid, l.scanned, l.matched, l.never, l.notPrinted, l.twice,
                    l.surplus, List.copyOf(l.tills), List.copyOf(l.neverNumbers), List.copyOf(new TreeSet<>(l.neverScales))));
        }
        return new Result(new Totals(printed, paid, paidAndScanned, scanned, never, notPrinted, twice, scans.size()), out);
    }

    private static long labelTotal(List<Label> labels, String barcode) {
        long total = 0;
        for (Label l : labels) if (l.barcode().equals(barcode)) total = l.totalMinor();
        return total;
    }

    /** One barcode's counts while matching. */
    private static final class Line {
        final String barcode;
        String plu;
        int printed;
        int paid;
        int scanned;
        int matched;
        int notPrinted;
        int twice;
        Tally never = Tally.ZERO;
        Tally surplus = Tally.ZERO;
        final TreeSet<String> tills = new TreeSet<>();
        final List<Long> neverNumbers = new ArrayList<>();
        final List<String> neverScales = new ArrayList<>();

        Line(String barcode) {
            this.barcode = barcode;
        }
    }
}
