package com.freshscale.server.identity;

/**
 * An MQTT identity known to the server.
 *
 * @param kind     a scale or a server instance
 * @param storeId  the scale's store (null for a server)
 * @param scaleId  the scale's id (null for a server)
 */
public record Identity(String userName, Kind kind, String storeId, String scaleId, long createdMs, Long revokedMs) {
    public enum Kind { SCALE, SERVER }

    public boolean revoked() {
        return revokedMs != null;
    }
}
