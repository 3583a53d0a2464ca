package com.freshscale.device.sync;

/** What later stages report about the scale for its status message. */
public interface ScaleHealth {
    /** Printer state, e.g. "ok", "paper-low", "no-paper", "offline". */
    String printer();

    /** Version of the recognition model in use, or null. */
    String modelVersion();

    /**
     * The scale's weighing ranges for its status (Max and e of each partial range, config section {@code weighing}), or null
     * when not known: HQ judges a per-kg sale's net by them.
     */
    default java.util.List<com.freshscale.protocol.status.WeighingRange> weighingRanges() {
        return null;
    }

    /**
     * The time zone the scale dates its labels in (config {@code pricing.timeZone}), for its status, or null when not
     * known: HQ shows when it differs from the zone of the store's business day.
     */
    default String timeZone() {
        return null;
    }

    /** Used when the app has not wired the printer and model yet (and in tests). */
    ScaleHealth UNKNOWN = new ScaleHealth() {
        @Override
        public String printer() {
            return "unknown";
        }

        @Override
        public String modelVersion() {
            return null;
        }
    };
}
