package com.freshscale.protocol.codec;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts rejected messages by reason and logs one line for each, so a bad scale or a bad server is
 * visible in the logs and the status without ever crashing the receiver.
 */
public final class Rejection {
    private static final Logger LOG = LoggerFactory.getLogger(Rejection.class);

    public enum Reason { MALFORMED, UNKNOWN_SCHEMA, OVERSIZED, FOREIGN, INVALID, BAD_SIGNATURE, NOT_NEWER }

    private final Map<Reason, LongAdder> counts = new EnumMap<>(Reason.class);

    public Rejection() {
        for (Reason r : Reason.values()) counts.put(r, new LongAdder());
    }

    /** Logs one line and counts the rejection. */
    public void record(String topic, MessageRejectedException e) {
        counts.get(e.reason()).increment();
        LOG.warn("rejected message on {}: {} ({})", topic, e.getMessage(), e.reason());
    }

    public long count(Reason reason) {
        return counts.get(reason).sum();
    }

    public long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Non-zero counts by reason, for status reports. */
    public Map<String, Long> snapshot() {
        Map<String, Long> m = new java.util.TreeMap<>();
        counts.forEach((r, c) -> {
            long n = c.sum();
            if (n > 0) m.put(r.name(), n);
        });
        return m;
    }
}
