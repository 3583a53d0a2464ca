package com.freshscale.server.scales;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.protocol.Topics;
import com.freshscale.protocol.codec.MessageCodec;
import com.freshscale.protocol.codec.Rejection;
import com.freshscale.protocol.mqtt.MqttCredentials;
import com.freshscale.protocol.mqtt.MqttLink;
import com.freshscale.protocol.status.ScaleStatus;
import com.freshscale.server.app.ServerApp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scale's retained garbage on its own status topic is refused by the server, which then deletes it from the broker
 * (an empty retained message) so that it is not refused again at every connect; a good retained status stays. A real
 * server with its embedded broker, scales with their own identities.
 */
class RefusedRetainedStatusTest {

    @Test
    void aRefusedRetainedStatusIsClearedAndAGoodOneStays(@TempDir Path dir) throws Exception {
        try (ServerApp server = com.freshscale.server.LocalServer.start(dir, "status-clear-test")) {
            server.prices().putStore("s1", "Market Street", "EUR", null);
            MqttLink bad = scale(server, "bad");
            MqttLink good = scale(server, "good");
            try {
                byte[] status = MessageCodec.encode(new ScaleStatus(ScaleStatus.SCHEMA, "s1", "good", ScaleStatus.State.ONLINE,
                        Instant.now(), "1.0", null, 0, null, 0, false, null));
                assertThat(good.publishAndWait(Topics.status("s1", "good"), status, true, Duration.ofSeconds(30))).isTrue();
                waitFor(() -> rows(server, "good") == 1, "the good status is recorded");

                long malformed = server.rejections().count(Rejection.Reason.MALFORMED);
                assertThat(bad.publishAndWait(Topics.status("s1", "bad"), "{not json".getBytes(StandardCharsets.UTF_8), true,
                        Duration.ofSeconds(30))).isTrue();
                // live, it comes with retain 0 (MQTT 5 without retain-as-published): refused, not cleared (it might not be retained)
                waitFor(() -> server.rejections().count(Rejection.Reason.MALFORMED) == malformed + 1, "the live garbage is refused");
                assertThat(retained(server, "s1")).containsKey(Topics.status("s1", "bad"));

                // at the server's next connect it comes as retained: refused once more, and deleted from the broker
                reconnect(server);
                waitFor(() -> server.rejections().count(Rejection.Reason.MALFORMED) == malformed + 2, "the retained garbage is refused");
                waitFor(() -> !retained(server, "s2").containsKey(Topics.status("s1", "bad")), "the retained garbage is cleared");
                Map<String, String> left = retained(server, "s3");
                assertThat(left).as("the good status stays retained").containsEntry(Topics.status("s1", "good"), new String(status, StandardCharsets.UTF_8));

                // the clearing itself is no status and no rejection; nothing is refused at the next connect
                reconnect(server);
                Thread.sleep(1500);
                assertThat(server.rejections().count(Rejection.Reason.MALFORMED)).isEqualTo(malformed + 2);
                assertThat(rows(server, "bad")).as("nothing recorded for the garbage").isZero();
                assertThat(rows(server, "good")).isEqualTo(1);
            } finally {
                bad.close();
                good.close();
            }
        }
    }

    @Test
    void aRetainedStatusOfAScaleThatIsNoLongerEnrolledIsClearedToo(@TempDir Path dir) throws Exception {
        try (ServerApp server = com.freshscale.server.LocalServer.start(dir, "status-revoked-test")) {
            server.prices().putStore("s1", "Market Street", "EUR", null);
            MqttLink gone = scale(server, "gone");
            try {
                byte[] status = MessageCodec.encode(new ScaleStatus(ScaleStatus.SCHEMA, "s1", "gone", ScaleStatus.State.ONLINE,
                        Instant.now(), "1.0", null, 0, null, 0, false, null));
                assertThat(gone.publishAndWait(Topics.status("s1", "gone"), status, true, Duration.ofSeconds(30))).isTrue();
                waitFor(() -> rows(server, "gone") == 1, "the status is recorded");
            } finally {
                gone.close();
            }
            assertThat(server.identities().revokeScale("s1", "gone")).isTrue();
            long foreign = server.rejections().count(Rejection.Reason.FOREIGN);
            reconnect(server);
            waitFor(() -> server.rejections().count(Rejection.Reason.FOREIGN) == foreign + 1, "the revoked scale's status is refused");
            waitFor(() -> !retained(server, "r1").containsKey(Topics.status("s1", "gone")), "and cleared");
        }
    }

    static MqttLink scale(ServerApp server, String scale) throws InterruptedException {
        MqttCredentials c = server.identities().issueScale("s1", scale);
        MqttLink link = new MqttLink(MqttLink.Options.defaults(server.embeddedBrokerUrl(), c)).start();
        assertThat(link.awaitReady(Duration.ofSeconds(60))).isTrue();
        return link;
    }

    static void reconnect(ServerApp server) throws InterruptedException {
        long connects = server.link().connects();
        server.link().reconnectNow();
        waitFor(() -> server.link().connects() > connects && server.link().isReady(), "the server reconnects");
    }

    /** The retained status messages the broker keeps now, as a second server instance sees them when it subscribes. */
    static Map<String, String> retained(ServerApp server, String probe) {
        Map<String, String> seen = new ConcurrentHashMap<>();
        MqttLink l = new MqttLink(MqttLink.Options.defaults(server.embeddedBrokerUrl(), server.identities().issueServer("probe-" + probe)));
        l.subscribe(Topics.ALL_STATUS, 1, (topic, payload, retained) -> {
            if (retained) seen.put(topic, new String(payload, StandardCharsets.UTF_8));
        });
        try {
            l.start();
            assertThat(l.awaitReady(Duration.ofSeconds(60))).isTrue();
            Thread.sleep(1000); // retained messages come right after the SUBACK
            return Map.copyOf(seen);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        } finally {
            l.close();
        }
    }

    static long rows(ServerApp server, String scale) {
        try (Connection c = server.database().connect();
             PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM scale_status WHERE store_id = 's1' AND scale_id = ?")) {
            p.setString(1, scale);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out: " + what);
            Thread.sleep(50);
        }
    }
}
