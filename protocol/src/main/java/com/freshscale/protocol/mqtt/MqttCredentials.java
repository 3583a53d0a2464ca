package com.freshscale.protocol.mqtt;

import com.freshscale.protocol.Topics;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Objects;

/**
 * An MQTT identity's user name and password (MQTT 5.0 §3.1.3.5-6). The client id of a connection is always the
 * user name ({@link #clientId()}): the broker refuses any other, so nobody can take over another identity's
 * session without its password. The password never appears in {@link #toString()}, a log line or a URL.
 *
 * <p>Names: a scale is {@code {store}/scales/{scale}}, exactly its part of the topic tree under
 * {@code fs/v1/stores/}, so that a Mosquitto {@code acl_file} can grant it its own topics with one
 * {@code pattern ... fs/v1/stores/%u/sales} line for all scales; a server instance is {@code server-{id}}.
 */
public record MqttCredentials(String userName, char[] password) {
    public static final String SERVER_PREFIX = "server-";
    private static final String SCALES = "/scales/";

    public MqttCredentials {
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(password, "password");
        if (userName.isEmpty() || userName.length() > 80) throw new IllegalArgumentException("MQTT user name must be 1-80 characters");
        if (password.length == 0 || password.length > 256) throw new IllegalArgumentException("MQTT password must be 1-256 characters");
        password = password.clone();
    }

    /** The user name of scale {@code scaleId} of store {@code storeId}. */
    public static String scaleUser(String storeId, String scaleId) {
        return Topics.id(storeId) + SCALES + Topics.id(scaleId);
    }

    /** The user name of server instance {@code instanceId}. */
    public static String serverUser(String instanceId) {
        return SERVER_PREFIX + Topics.id(instanceId);
    }

    /** {store, scale} if {@code userName} names a scale, else null. */
    public static String[] scaleOf(String userName) {
        if (userName == null) return null;
        int i = userName.indexOf(SCALES);
        if (i < 0) return null;
        String store = userName.substring(0, i);
        String scale = userName.substring(i + SCALES.length());
        return Topics.validId(store) && Topics.validId(scale) ? new String[] {store, scale} : null;
    }

    /** True if {@code userName} names a server instance. */
    public static boolean isServer(String userName) {
        return userName != null && userName.startsWith(SERVER_PREFIX) && Topics.validId(userName.substring(SERVER_PREFIX.length()));
    }

    /** The client id this identity must connect with. */
    public String clientId() {
        return userName;
    }

    public byte[] passwordBytes() {
        return new String(password).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Refuses a broker URL that carries a user or password ({@code tcp://user:pass@host}): it would be written
     * into logs and process lists. Credentials are given separately (a file, or the server's own identity).
     */
    public static String requirePlainBrokerUrl(String url) {
        if (url == null) return null;
        try {
            URI u = new URI(url);
            if (u.getRawUserInfo() != null || url.contains("@")) {
                throw new IllegalArgumentException("the broker URL must not carry a user name or password (user:password@host): "
                        + "give the MQTT credentials separately (the scale's sync.credentials file, the server's --mqtt-user and "
                        + "--mqtt-password-file)");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("bad broker URL: " + e.getReason());
        }
        return url;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MqttCredentials c && c.userName.equals(userName) && Arrays.equals(c.password, password);
    }

    @Override
    public int hashCode() {
        return userName.hashCode();
    }

    @Override
    public String toString() {
        return "MqttCredentials[" + userName + ", password hidden]";
    }
}
