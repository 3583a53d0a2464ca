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
 * @param timeZone           the time zone the scale dates its labels in (packed and sell-by dates; config
 *                           {@code pricing.timeZone}), an IANA name such as {@code Europe/Berlin}, so that HQ can show
 *                           when it differs from the zone of the store's business day. Optional: null from scales of
 *                           older builds and in the {@code OFFLINE} Last Will (the server keeps the last one reported).
 *                           When present it must be a time zone id as {@link java.time.ZoneId#of} reads it, at most
 *                           {@value #MAX_ZONE_CHARS} characters; a well-formed region name this JDK's time-zone database
 *                           does not know (yet) is accepted, so that a newer scale's status is not lost to an older server
 *                           ({@link #checkZone})
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
        @com.freshscale.protocol.codec.OptionalField java.util.List<WeighingRange> weighingRanges,
        @com.freshscale.protocol.codec.OptionalField String timeZone)
        implements com.freshscale.protocol.codec.Versioned {
    public static final int SCHEMA = 1;
    /** The longest time-zone id a status carries (the longest IANA name is 32 characters). */
    public static final int MAX_ZONE_CHARS = 64;
    private static final java.util.regex.Pattern REGION = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9~/._+-]+");

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
        if (timeZone != null) {
            String why = checkZone(timeZone);
            if (why != null) throw new IllegalArgumentException("timeZone: " + why);
        }
    }

    /**
     * Why {@code id} is no time-zone id a status may carry, or null if it is one: what {@link java.time.ZoneId#of} reads
     * (a region such as {@code Europe/Berlin}, {@code UTC}, an offset such as {@code +01:00}), or a well-formed region
     * name that this JDK's time-zone database does not know yet (a scale's newer database).
     */
    public static String checkZone(String id) {
        if (id.isEmpty() || id.length() > MAX_ZONE_CHARS) return "must be 1 to " + MAX_ZONE_CHARS + " characters";
        try {
            java.time.ZoneId.of(id);
            return null;
        } catch (java.time.zone.ZoneRulesException e) {
            return REGION.matcher(id).matches() ? null : "'" + id + "' is not a time zone id (e.g. Europe/Berlin)";
        } catch (java.time.DateTimeException e) {
            return "'" + id + "' is not a time zone id (e.g. Europe/Berlin)";
        }
    }

    /** A status without the time zone (as scales of older builds send it). */
    public ScaleStatus(int schema, String storeId, String scaleId, State state, Instant at, String firmwareVersion,
                       String modelVersion, long priceBookVersion, String priceBookProblem, long outboxDepth,
                       boolean outboxAlarm, String printer, java.util.List<WeighingRange> weighingRanges) {
        this(schema, storeId, scaleId, state, at, firmwareVersion, modelVersion, priceBookVersion, priceBookProblem,
                outboxDepth, outboxAlarm, printer, weighingRanges, null);
    }

    /** A status without the weighing ranges and time zone (as scales of older builds send it). */
    public ScaleStatus(int schema, String storeId, String scaleId, State state, Instant at, String firmwareVersion,
                       String modelVersion, long priceBookVersion, String priceBookProblem, long outboxDepth,
                       boolean outboxAlarm, String printer) {
        this(schema, storeId, scaleId, state, at, firmwareVersion, modelVersion, priceBookVersion, priceBookProblem,
                outboxDepth, outboxAlarm, printer, null, null);
    }

    /** This status with the scale's weighing ranges ({@code null}: not reported). */
    public ScaleStatus withWeighingRanges(java.util.List<WeighingRange> ranges) {
        return new ScaleStatus(schema, storeId, scaleId, state, at, firmwareVersion, modelVersion, priceBookVersion,
                priceBookProblem, outboxDepth, outboxAlarm, printer, ranges, timeZone);
    }

    /** This status with the time zone the scale dates its labels in ({@code null}: not reported). */
    public ScaleStatus withTimeZone(String zone) {
        return new ScaleStatus(schema, storeId, scaleId, state, at, firmwareVersion, modelVersion, priceBookVersion,
                priceBookProblem, outboxDepth, outboxAlarm, printer, weighingRanges, zone);
    }

    /** The Last Will: what the broker announces when the scale drops off without saying goodbye. */
    public static ScaleStatus offline(String storeId, String scaleId, String firmwareVersion) {
        return new ScaleStatus(SCHEMA, storeId, scaleId, State.OFFLINE, Instant.now(), firmwareVersion, null, 0,
                null, 0, false, null);
    }
}
