package com.freshscale.server.scales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.freshscale.protocol.Topics;
import com.freshscale.protocol.codec.MessageCodec;
import com.freshscale.protocol.mqtt.MqttLink;
import com.freshscale.protocol.status.ScaleStatus;
import com.freshscale.server.app.ServerApp;
import com.freshscale.server.auth.Account;
import com.freshscale.server.auth.Role;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's case: a store without a time zone of its own is counted in the chain's zone (UTC, the server's system
 * zone), while its scale dates its labels in Europe/Berlin, so a label printed at 23:45 UTC says the 8th and HQ reports
 * it on the 7th. The scale reports its zone in its status; {@code GET /api/scales} lists it with the store's
 * business-day zone and a warning while they differ, and none once the store's zone is set. A scale of older firmware
 * (no zone) gets no warning; the Last Will keeps the zone reported before. A real server (embedded broker, SQLite, HTTP).
 */
class ScaleZoneHttpTest {
    @TempDir
    Path dir;

    static ScaleStatus status(String scale, String zone) {
        return new ScaleStatus(ScaleStatus.SCHEMA, "s1", scale, ScaleStatus.State.ONLINE, Instant.now(), "1.0", null, 1, null, 0, false,
                "ok", null, zone);
    }

    @Test
    void aScaleWhoseLabelsAreDatedInAnotherZoneThanItsStoresDayIsListedWithAWarning() throws Exception {
        try (ServerApp server = start(ZoneId.of("UTC"))) {
            server.accounts().add(new Account("hq", Role.HQ, Set.of()), "scale-zone-pw".toCharArray());
            server.prices().putStore("s1", "Market Street", "EUR", null);
            try (MqttLink a = connect(server, "a"); MqttLink b = connect(server, "b"); MqttLink c = connect(server, "c")) {
                publish(a, "a", status("a", "Europe/Berlin"));
                publish(b, "b", status("b", null));                 // older firmware: no zone
                publish(c, "c", status("c", "Etc/UTC"));            // UTC under another name
                await().atMost(Duration.ofSeconds(30)).until(() -> scale(server, "a").hasNonNull("timeZone")
                        && scale(server, "b").hasNonNull("status") && scale(server, "c").hasNonNull("timeZone"));

                JsonNode sa = scale(server, "a");
                assertThat(sa.get("timeZone").asText()).isEqualTo("Europe/Berlin");
                assertThat(sa.get("storeTimeZone").asText()).isEqualTo("UTC");
                assertThat(sa.get("zoneWarning").asText()).isEqualTo("the scale dates its labels in Europe/Berlin, but HQ counts store "
                        + "s1's business day in UTC (the chain's zone: the store has none of its own): a label printed near midnight "
                        + "shows another date than HQ's day. Set the store's time zone or the scale's pricing.timeZone so that they agree");
                // the fields the console had keep their place
                assertThat(sa.get("state").asText()).isEqualTo("ONLINE");
                assertThat(sa.get("status").get("printer").asText()).isEqualTo("ok");
                assertThat(sa.has("rangesText")).isTrue();
                JsonNode sb = scale(server, "b");
                assertThat(sb.get("timeZone").isNull()).isTrue();
                assertThat(sb.get("zoneWarning").isNull()).as("nothing to compare").isTrue();
                assertThat(scale(server, "c").get("zoneWarning").isNull()).as("Etc/UTC is UTC").isTrue();

                // the store gets the scale's zone: a's warning is gone at once, c's comes
                HttpResponse<String> put = http(server, "PUT", "/api/stores/s1",
                        "{\"name\":\"Market Street\",\"currency\":\"EUR\",\"timeZone\":\"Europe/Berlin\"}");
                assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
                sa = scale(server, "a");
                assertThat(sa.get("storeTimeZone").asText()).isEqualTo("Europe/Berlin");
                assertThat(sa.get("zoneWarning").isNull()).isTrue();
                assertThat(scale(server, "c").get("zoneWarning").asText())
                        .startsWith("the scale dates its labels in Etc/UTC, but HQ counts store s1's business day in Europe/Berlin:");

                // the Last Will says nothing about the zone: the one reported before stays, and so does the check
                publish(c, "c", ScaleStatus.offline("s1", "c", "1.0"));
                await().atMost(Duration.ofSeconds(30)).until(() -> scale(server, "c").get("state").asText().equals("OFFLINE"));
                assertThat(scale(server, "c").get("timeZone").asText()).isEqualTo("Etc/UTC");
                assertThat(scale(server, "c").get("zoneWarning").isNull()).isFalse();

                // a scale enrolled but never heard of has nothing to compare either
                server.identities().issueScale("s1", "d");
                JsonNode sd = scale(server, "d");
                assertThat(sd.get("state").asText()).isEqualTo("NEVER_CONNECTED");
                assertThat(sd.get("timeZone").isNull()).isTrue();
                assertThat(sd.get("storeTimeZone").asText()).isEqualTo("Europe/Berlin");
                assertThat(sd.get("zoneWarning").isNull()).isTrue();
            }
        }
    }

    @Test
    void zonesAgreeByTheirRulesAndAZoneThisServerDoesNotKnowIsSaidSo() {
        assertThat(ScaleZones.agree("Europe/Berlin", ZoneId.of("Europe/Berlin"))).isTrue();
        assertThat(ScaleZones.agree("Etc/UTC", ZoneId.of("UTC"))).isTrue();
        assertThat(ScaleZones.agree("Z", ZoneId.of("UTC"))).isTrue();
        assertThat(ScaleZones.agree("Asia/Calcutta", ZoneId.of("Asia/Kolkata"))).isTrue();
        assertThat(ScaleZones.agree("+01:00", ZoneId.of("Europe/Berlin"))).as("no summer time").isFalse();
        assertThat(ScaleZones.agree("Europe/Lisbon", ZoneId.of("Europe/Berlin"))).isFalse();
        assertThat(ScaleZones.warning("Mars/Olympus_Mons", "s1", ZoneId.of("Europe/Berlin"), true))
                .startsWith("the scale dates its labels in Mars/Olympus_Mons (a zone this server does not know), but HQ counts store "
                        + "s1's business day in Europe/Berlin:");
        assertThat(ScaleZones.warning(null, "s1", ZoneId.of("Europe/Berlin"), true)).isNull();
    }

    ServerApp start(ZoneId chainZone) throws Exception {
        int mqtt;
        try (ServerSocket s = new ServerSocket(0)) {
            mqtt = s.getLocalPort();
        }
        return ServerApp.start(new ServerApp.Options(dir, "127.0.0.1", mqtt, null, "127.0.0.1", 0, null, "scale-zone-test", chainZone));
    }

    static MqttLink connect(ServerApp server, String id) {
        MqttLink link = new MqttLink(MqttLink.Options.defaults(server.embeddedBrokerUrl(), server.identities().issueScale("s1", id)));
        link.start();
        try {
            assertThat(link.awaitReady(Duration.ofSeconds(30))).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return link;
    }

    static void publish(MqttLink link, String id, ScaleStatus s) throws Exception {
        assertThat(link.publishAndWait(Topics.status("s1", id), MessageCodec.encode(s), true, Duration.ofSeconds(10))).isTrue();
    }

    static HttpResponse<String> http(ServerApp server, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("hq:scale-zone-pw".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode scale(ServerApp server, String id) throws Exception {
        HttpResponse<String> r = http(server, "GET", "/api/scales?store=s1", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        for (JsonNode s : MessageCodec.mapper().readTree(r.body())) if (s.get("scaleId").asText().equals(id)) return s;
        throw new AssertionError("no scale " + id + " in " + r.body());
    }
}
