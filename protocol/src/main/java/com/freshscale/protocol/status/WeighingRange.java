package com.freshscale.protocol.status;

import java.math.BigDecimal;
import java.util.List;

/**
 * One (partial) weighing range of a scale as it reports it in its {@link ScaleStatus}: up to {@code maxMg} with the scale
 * interval {@code eMg}, both in milligrams. A single-interval scale has one range; a multi-interval scale (OIML R76-1
 * T.3.2.7 and 3.2) has up to three, Max and e increasing, partial range i holding the loads above Max(i−1) up to Max(i).
 * Min follows, it is not sent: Min = 20 e1 for class III (R76-1 Table 3).
 *
 * <p>The rules for a list of ranges ({@link #check}) are those every FreshScale configuration meets (device
 * {@code WeighingConfig}): 1 to 3 ranges, Max and e strictly increasing, e = 1, 2 or 5 × 10^k mg (R76-1 3.4.2),
 * n = Max/e at most 10 000 per range (class III, R76-1 Table 3) and Max at most {@link #MAX_MG}.
 */
public record WeighingRange(long maxMg, long eMg) {
    /** The heaviest Max of any FreshScale configuration: 60 kg. */
    public static final long MAX_MG = 60_000_000L;
    /** Partial ranges of a multi-interval scale at most (R76-1 3.2: i = 1 … r, r ≤ 3). */
    public static final int MAX_RANGES = 3;
    /** Class III: n = Max/e at most 10 000 (R76-1 Table 3). */
    public static final long MAX_N = 10_000;
    /** Class III: Min = 20 e1 (R76-1 Table 3). */
    public static final int MIN_E = 20;
    /** No indication above Max + 9 e (R76-1 4.2.3): the heaviest net a scale prices. */
    public static final int OVERLOAD_E = 9;

    public WeighingRange {
        if (maxMg <= 0 || eMg <= 0) throw new IllegalArgumentException("weighingRanges: Max and e must be above 0 mg");
    }

    /**
     * Null if {@code ranges} is a list of weighing ranges a FreshScale scale can have, else why not (one line). An empty
     * or null list is refused: a scale that does not report its ranges leaves the field out.
     */
    public static String check(List<WeighingRange> ranges) {
        if (ranges == null || ranges.isEmpty() || ranges.size() > MAX_RANGES) {
            return "weighingRanges: 1 to " + MAX_RANGES + " ranges (R76-1 3.2), not " + (ranges == null ? 0 : ranges.size());
        }
        long previousMax = 0;
        long previousE = 0;
        for (WeighingRange r : ranges) {
            if (r == null) return "weighingRanges: a range is null";
            String at = "weighingRanges: range " + r.describe() + ": ";
            if (!isDecimalStep(r.eMg())) return at + "e is not 1, 2 or 5 × 10^k mg (R76-1 3.4.2)";
            if (r.maxMg() <= previousMax) return at + "Max must be above the previous range's Max";
            if (r.eMg() <= previousE) return at + "e must be above the previous range's e (R76-1 3.2)";
            if (r.maxMg() / r.eMg() > MAX_N || (r.maxMg() / r.eMg() == MAX_N && r.maxMg() % r.eMg() != 0)) {
                return at + "Max/e above " + MAX_N + " (class III, R76-1 Table 3)";
            }
            if (r.maxMg() > MAX_MG) return at + "Max above " + grams(MAX_MG) + " (no FreshScale configuration weighs more)";
            previousMax = r.maxMg();
            previousE = r.eMg();
        }
        return null;
    }

    /** Min = 20 e1 of {@code ranges} (R76-1 Table 3, class III). */
    public static long minMg(List<WeighingRange> ranges) {
        return MIN_E * ranges.get(0).eMg();
    }

    /**
     * Null if a scale with {@code ranges} indicates a net of {@code netMg} and prices it, else why not: Min ≤ net ≤ Max
     * + 9 e of the top range (the scale blanks its indication above that, R76-1 4.2.3, and refuses to price below Min,
     * R76-1 Table 3), and net a multiple of the e of the partial range that holds it (R76-1 3.2). A net just below a
     * range's Max may also be a multiple of the next range's e: the scale chooses e by the unrounded load, so a load a
     * little above Max(i) rounds by e(i+1) and can come out within e(i+1)/2 below Max(i).
     */
    public static String judge(List<WeighingRange> ranges, long netMg) {
        long min = minMg(ranges);
        WeighingRange top = ranges.get(ranges.size() - 1);
        if (netMg < min) return "below Min " + grams(min);
        if (netMg > top.maxMg() + OVERLOAD_E * top.eMg()) {
            return "above Max " + grams(top.maxMg()) + " (+ 9 e = " + grams(top.maxMg() + OVERLOAD_E * top.eMg()) + ")";
        }
        for (int i = 0; i < ranges.size(); i++) {
            WeighingRange r = ranges.get(i);
            if (netMg > r.maxMg() && i < ranges.size() - 1) continue;
            if (netMg % r.eMg() == 0) return null;
            WeighingRange next = i + 1 < ranges.size() ? ranges.get(i + 1) : null;
            if (next != null && netMg % next.eMg() == 0 && 2 * (r.maxMg() - netMg) < next.eMg()) return null;
            return "not a multiple of e " + grams(r.eMg()) + " of the range up to " + grams(r.maxMg());
        }
        return null; // not reached: the top range holds every net up to its Max + 9 e
    }

    /** The ranges as an operator reads them: "Max 6 kg e 2 g, Max 15 kg e 5 g, Min 40 g". */
    public static String describe(List<WeighingRange> ranges) {
        StringBuilder b = new StringBuilder();
        for (WeighingRange r : ranges) b.append(b.length() > 0 ? ", " : "").append(r.describe());
        return b.append(", Min ").append(grams(minMg(ranges))).toString();
    }

    /** "Max 6 kg e 2 g". */
    public String describe() {
        return "Max " + grams(maxMg) + " e " + grams(eMg);
    }

    /** A mass in mg as g or kg, e.g. "2 g", "0.1 g", "15 kg", "15.045 kg". */
    public static String grams(long mg) {
        if (mg >= 1_000_000) return BigDecimal.valueOf(mg, 6).stripTrailingZeros().toPlainString() + " kg";
        return BigDecimal.valueOf(mg, 3).stripTrailingZeros().toPlainString() + " g";
    }

    /** 1, 2 or 5 × 10^k (R76-1 3.4.2): the scale intervals a scale may have; the scale's own configuration checks it too. */
    public static boolean isDecimalStep(long v) {
        while (v % 10 == 0) v /= 10;
        return v == 1 || v == 2 || v == 5;
    }
}
