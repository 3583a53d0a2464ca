package com.freshscale.protocol.status;

import com.freshscale.protocol.Topics;
import java.time.Instant;

/**
 * Topic {@code .../scales/{scale}/status}, retained: {@code ONLINE} while connected (published on every
 * connect and on change), {@code OFFLINE} as the scale's Last Will when the broker loses it.
 *
 * @param priceBookVersion   version of the price book the scale prices from, 0 if it has none
 * @param priceBookProblem   why the last price book received was not applied, or null
 * @param outboxDepth        sales not yet acknowledged by the server
 * @param outboxAlarm        the outbox is nearly full: the scale will soon refuse sales
 * @param printer            printer state as the label stage reports it ("ok", "paper-low", "no-paper", ...)
 * @param weighingRanges     the scale's weighing ranges, Max and e of each partial range in mg ({@link WeighingRange}; Min
 *                           follows as 20 e1, OIML R76-1 Table 3), so that HQ judges a sale's net by the scale that weighed it.
 *                           Optional: null from scales of older builds and in the {@code OFFLINE} Last Will, which say
 *                           nothing about the ranges (the server keeps the last ones reported). When present: 1 to 3
 *                           ranges (R76-1 3.2), Max and e strictly increasing, e = 1, 2 or 5 × 10^k mg (R76-1 3.4.2),
 *                           Max/e ≤ 10 000 (class III, R76-1 Table 3), Max ≤ 60 kg; anything else is refused
 *                           ({@link WeighingRange#check})
 */
public record ScaleStatus(
        int schema,
        String storeId,
        String scaleId,
        State state,
        Instant at,
        String firmwareVersion,
        String modelVersion,
        long priceBookVersion,
        String priceBookProblem,
        long outboxDepth,
        boolean outboxAlarm,
        String printer,
        @com.freshscale.protocol.codec.OptionalField java.util.List<WeighingRange> weighingRanges)
        implements com.freshscale.protocol.codec.Versioned {
    public static final int SCHEMA = 1;

    public enum State { ONLINE, OFFLINE }

    public ScaleStatus {
        Topics.id(storeId);
        Topics.id(scaleId);
        if (state == null) throw new IllegalArgumentException("state is required");
        if (at == null) throw new IllegalArgumentException("at is required");
        if (outboxDepth < 0 || priceBookVersion < 0) throw new IllegalArgumentException("negative counter");
        if (weighingRanges != null) {
            String why = WeighingRange.check(weighingRanges);
            if (why != null) throw new IllegalArgumentException(why);
            weighingRanges = java.util.List.copyOf(weighingRanges);
        }
    }

    /** A status without the weighing ranges (as scales of older builds send it). */
    public ScaleStatus(int schema, String storeId, String scaleId, State state, Instant at, String firmwareVersion,
                       String modelVersion, long priceBookVersion, String priceBookProblem, long outboxDepth,
                       boolean outboxAlarm, String printer) {
        this(schema, storeId, scaleId, state, at, firmwareVersion, modelVersion, priceBookVersion, priceBookProblem,
                outboxDepth, outboxAlarm, printer, null);
    }

    /** This status with the scale's weighing ranges ({@code null}: not reported). */
    public ScaleStatus withWeighingRanges(java.util.List<WeighingRange> ranges) {
        return new ScaleStatus(schema, storeId, scaleId, state, at, firmwareVersion, modelVersion, priceBookVersion,
                priceBookProblem, outboxDepth, outboxAlarm, printer, ranges);
    }

    /** The Last Will: what the broker announces when the scale drops off without saying goodbye. */
    public static ScaleStatus offline(String storeId, String scaleId, String firmwareVersion) {
        return new ScaleStatus(SCHEMA, storeId, scaleId, State.OFFLINE, Instant.now(), firmwareVersion, null, 0,
                null, 0, false, null);
    }
}
