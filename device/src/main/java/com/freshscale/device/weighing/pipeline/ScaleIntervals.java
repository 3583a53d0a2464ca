package com.freshscale.device.weighing.pipeline;

import com.freshscale.device.weighing.WeighingConfig;
import com.freshscale.protocol.status.WeighingRange;
import java.util.List;

/**
 * Max and e of a single- or multi-interval scale (OIML R76-1 T.3.2.6 / 3.2), and the limits that follow:
 * Min = 20 e1 (class III, Table 3), overload above Max + 9 e (R76-1 4.2.3), negative display limit −20 e1.
 */
public final class ScaleIntervals {
    /** Class III minimum capacity in e1 (R76-1 Table 3): the rule HQ judges a reported sale's net by, one definition. */
    public static final int MIN_E = WeighingRange.MIN_E;
    /** The indication is blanked above Max + 9 e (R76-1 4.2.3), as HQ's check of a sale's net assumes. */
    public static final int OVERLOAD_E = WeighingRange.OVERLOAD_E;
    /** Below −20 e1 the indication is blanked (limit of negative indication). */
    public static final int NEGATIVE_LIMIT_E = 20;

    private final long[] maxMg;
    private final long[] eMg;

    public ScaleIntervals(List<WeighingConfig.Range> ranges) {
        maxMg = new long[ranges.size()];
        eMg = new long[ranges.size()];
        for (int i = 0; i < maxMg.length; i++) {
            maxMg[i] = ranges.get(i).maxMg();
            eMg[i] = ranges.get(i).eMg();
        }
    }

    public long maxMg() {
        return maxMg[maxMg.length - 1];
    }

    /** e1, the finest interval. */
    public long e1Mg() {
        return eMg[0];
    }

    /** e of the highest range. */
    public long eMaxMg() {
        return eMg[eMg.length - 1];
    }

    public long minMg() {
        return MIN_E * eMg[0];
    }

    /** The interval in force for a load of {@code mg} (its magnitude): the first partial range that holds it. */
    public long intervalFor(double mg) {
        double a = Math.abs(mg);
        for (int i = 0; i < maxMg.length - 1; i++) if (a <= maxMg[i]) return eMg[i];
        return eMg[eMg.length - 1];
    }

    /** Rounds to the nearest multiple of {@code e} (halves away from zero). */
    public static long round(double mg, long e) {
        double q = mg / e;
        long k = (long) Math.floor(Math.abs(q) + 0.5);
        return (q < 0 ? -k : k) * e;
    }

    public boolean overload(double grossMg) {
        return grossMg > maxMg() + OVERLOAD_E * eMaxMg();
    }

    public boolean underload(double grossMg) {
        return grossMg < -NEGATIVE_LIMIT_E * e1Mg();
    }
}
