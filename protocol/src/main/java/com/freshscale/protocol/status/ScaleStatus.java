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
        String printer) implements com.freshscale.protocol.codec.Versioned {
    public static final int SCHEMA = 1;

    public enum State { ONLINE, OFFLINE }

    public ScaleStatus {
        Topics.id(storeId);
        Topics.id(scaleId);
        if (state == null) throw new IllegalArgumentException("state is required");
        if (at == null) throw new IllegalArgumentException("at is required");
        if (outboxDepth < 0 || priceBookVersion < 0) throw new IllegalArgumentException("negative counter");
    }

    /** The Last Will: what the broker announces when the scale drops off without saying goodbye. */
    public static ScaleStatus offline(String storeId, String scaleId, String firmwareVersion) {
        return new ScaleStatus(SCHEMA, storeId, scaleId, State.OFFLINE, Instant.now(), firmwareVersion, null, 0,
                null, 0, false, null);
    }
}
