package com.freshscale.protocol.enrollment;

import com.freshscale.protocol.Topics;
import com.freshscale.protocol.mqtt.MqttCredentials;
import java.util.Objects;

/**
 * What a scale receives when it is enrolled ({@code POST /api/enroll} with a one-time code made in the console),
 * and keeps as its credentials file ({@code sync.credentials}, mode 0600): who it is, its MQTT identity, the
 * public key its price books are signed with, and the broker's TLS certificate to pin (null: none given).
 *
 * @param mqttUser          the identity's user name, also the client id ({@link MqttCredentials})
 * @param mqttPassword      its password; never logged ({@link #toString()} hides it)
 * @param priceBookKey      the server's Ed25519 public key, PEM
 * @param brokerCertificate the broker's X.509 certificate, PEM, or null
 */
public record Enrollment(int schema, String storeId, String scaleId, String mqttUser, String mqttPassword, String priceBookKey,
                         String brokerCertificate) implements com.freshscale.protocol.codec.Versioned {
    public static final int SCHEMA = 1;
    public static final int MAX_BYTES = 16 * 1024;

    public Enrollment {
        Topics.id(storeId);
        Topics.id(scaleId);
        Objects.requireNonNull(mqttUser, "mqttUser");
        Objects.requireNonNull(mqttPassword, "mqttPassword");
        Objects.requireNonNull(priceBookKey, "priceBookKey");
        if (!mqttUser.equals(MqttCredentials.scaleUser(storeId, scaleId))) {
            throw new IllegalArgumentException("MQTT user " + mqttUser + " is not the identity of scale " + scaleId + " of store " + storeId);
        }
        if (mqttPassword.isEmpty() || mqttPassword.length() > 256) throw new IllegalArgumentException("bad MQTT password");
        if (priceBookKey.length() > 4096) throw new IllegalArgumentException("price-book key too long");
        if (brokerCertificate != null && brokerCertificate.length() > 8192) throw new IllegalArgumentException("broker certificate too long");
    }

    public MqttCredentials credentials() {
        return new MqttCredentials(mqttUser, mqttPassword.toCharArray());
    }

    @Override
    public String toString() {
        return "Enrollment[" + mqttUser + ", password hidden]";
    }
}
