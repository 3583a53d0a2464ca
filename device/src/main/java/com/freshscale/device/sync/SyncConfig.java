package com.freshscale.device.sync;

import com.freshscale.protocol.Topics;
import java.util.List;

/**
 * Section {@code sync} of the scale's config file: who the scale is, where the broker is, which keys sign
 * its price books, where its MQTT credentials are, and the outbox limits. Every key is required (ConfigFile
 * binds strictly). The credentials file is written when a technician enrols the scale (service menu, with a
 * one-time code made in the console, sent to {@code serverUrl}); until then the scale works offline and does
 * not connect. It also carries the price-book key enrollment gave, so {@code priceBookKeys} may be empty.
 *
 * <pre>
 * sync:
 *   storeId: store-042
 *   scaleId: scale-03
 *   brokerUrl: tcp://store-server:1883
 *   priceBookKeys: []            # extra trusted keys besides the one enrollment gives (key rotation)
 *   credentials: /var/lib/freshscale/mqtt-identity.json   # written by enrollment, mode 0600
 *   serverUrl: https://store-server   # the console/API the scale enrols with
 *   outboxCapacity: 100000       # sales kept while offline; a busy scale sells ~2,000 a day
 *   outboxAlarmPercent: 90       # status alarm (and UI warning) from this fill level
 *   batchSize: 100               # sales per MQTT message
 *   ackTimeoutSeconds: 30        # resend unacknowledged sales after this
 *   maxInFlight: 10              # publishes awaiting PUBACK; at most the broker's Receive Maximum
 *   sessionExpiryHours: 168      # broker keeps our session this long while we are offline
 * </pre>
 */
public record SyncConfig(
        String storeId,
        String scaleId,
        String brokerUrl,
        List<String> priceBookKeys,
        int outboxCapacity,
        int outboxAlarmPercent,
        int batchSize,
        int ackTimeoutSeconds,
        int maxInFlight,
        int sessionExpiryHours,
        String credentials,
        String serverUrl) {

    public SyncConfig {
        if (!Topics.validId(storeId)) throw new IllegalArgumentException("storeId must be 1-32 of A-Z a-z 0-9 _ -");
        if (!Topics.validId(scaleId)) throw new IllegalArgumentException("scaleId must be 1-32 of A-Z a-z 0-9 _ -");
        if (brokerUrl == null || !(brokerUrl.startsWith("tcp://") || brokerUrl.startsWith("ssl://"))) {
            throw new IllegalArgumentException("brokerUrl must be tcp://host:port or ssl://host:port");
        }
        com.freshscale.protocol.mqtt.MqttCredentials.requirePlainBrokerUrl(brokerUrl);
        if (priceBookKeys == null) throw new IllegalArgumentException("priceBookKeys is a list of public key files (may be empty: [])");
        if (credentials == null || credentials.isBlank()) {
            throw new IllegalArgumentException("credentials must name the file enrollment writes the MQTT identity to");
        }
        if (serverUrl == null || !(serverUrl.startsWith("http://") || serverUrl.startsWith("https://")) || serverUrl.contains("@")) {
            throw new IllegalArgumentException("serverUrl must be http(s)://host[:port] of the store server (no user or password in it)");
        }
        priceBookKeys = List.copyOf(priceBookKeys);
        range("outboxCapacity", outboxCapacity, 100, 10_000_000);
        range("outboxAlarmPercent", outboxAlarmPercent, 1, 100);
        range("batchSize", batchSize, 1, com.freshscale.protocol.sales.SalesBatch.MAX_SALES);
        range("ackTimeoutSeconds", ackTimeoutSeconds, 1, 3600);
        range("maxInFlight", maxInFlight, 1, 65535);
        range("sessionExpiryHours", sessionExpiryHours, 0, 24 * 365);
    }

    private static void range(String name, int v, int min, int max) {
        if (v < min || v > max) throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], is " + v);
    }

    /** The number of pending sales from which the outbox alarm is raised. */
    public int alarmThreshold() {
        return (int) ((long) outboxCapacity * outboxAlarmPercent / 100);
    }
}
