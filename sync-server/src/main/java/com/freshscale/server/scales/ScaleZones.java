package com.freshscale.server.scales;

import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * Whether a scale dates its labels in the zone its store's business day is counted in. A label printed at 23:45 UTC
 * by a scale in Europe/Berlin says "packed 08.12." while a store counted in UTC reports the sale on 07.12.: nothing
 * else checks that the two agree, so the console shows the difference with the scale.
 */
public final class ScaleZones {
    private ScaleZones() {
    }

    /**
     * The warning to show with a scale, or null when its zone agrees with its store's or it reported none (older
     * firmware: nothing to compare).
     *
     * @param scaleZone  the zone the scale reported in its status, or null
     * @param storeId    the scale's store
     * @param storeZone  the zone of the store's business day
     * @param storesOwn  whether that is the store's own zone (false: the chain's, the server's --business-zone)
     */
    public static String warning(String scaleZone, String storeId, ZoneId storeZone, boolean storesOwn) {
        if (scaleZone == null || agree(scaleZone, storeZone)) return null;
        String known = known(scaleZone) ? "" : " (a zone this server does not know)";
        return "the scale dates its labels in " + scaleZone + known + ", but HQ counts store " + storeId + "'s business day in "
                + storeZone.getId() + (storesOwn ? "" : " (the chain's zone: the store has none of its own)")
                + ": a label printed near midnight shows another date than HQ's day. Set the store's time zone or the scale's "
                + "pricing.timeZone so that they agree";
    }

    /**
     * The same zone: the same id, or the same rules under another name (UTC and Etc/UTC, Asia/Calcutta and Asia/Kolkata).
     */
    static boolean agree(String scaleZone, ZoneId storeZone) {
        if (scaleZone.equals(storeZone.getId())) return true;
        try {
            ZoneId z = ZoneId.of(scaleZone);
            return z.normalized().equals(storeZone.normalized()) || z.getRules().equals(storeZone.getRules());
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static boolean known(String zone) {
        try {
            ZoneId.of(zone);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
