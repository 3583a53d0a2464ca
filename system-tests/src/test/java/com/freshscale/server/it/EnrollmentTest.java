package com.freshscale.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.freshscale.device.sync.Enroller;
import com.freshscale.device.sync.ScaleSync;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, "What to build", identities: HQ makes a one-time code in the console for one scale; the new scale,
 * configured but without credentials, does not connect; enrolled with the code (over HTTP) it gets its identity
 * and the price-book key, connects, gets its store's book and shows in the fleet view as enrolled. A code works
 * once, for that scale only. Revoking the scale cuts it off at once and for good. Commands to a scale are limited.
 */
class EnrollmentTest {
    @TempDir
    Path dir;

    @Test
    void enrolConnectRevoke() throws Exception {
        try (TestServer server = TestServer.embedded(dir.resolve("server"))) {
            server.bananas("s1");
            String api = server.http() + "/api";
            Path identity = dir.resolve("scale/mqtt-identity.json");
            // the config names no price-book key: enrollment brings it
            var config = new com.freshscale.device.sync.SyncConfig("s1", "k9", server.brokerUrl, List.of(), 1000, 90, 100, 5, 10, 24,
                    identity.toString(), server.http());
            ScaleSync scale = Scale.start(dir.resolve("k9.db"), config);
            try {
                Thread.sleep(1500);
                assertThat(scale.enrolled()).isFalse();
                assertThat(scale.connected()).isFalse();

                // codes only from HQ, for a store that exists
                Http.Response made = Http.send("POST", api + "/enrollments", Map.of("storeId", "s1", "scaleId", "k9"));
                assertThat(made.status()).as(String.valueOf(made.body())).isEqualTo(201);
                String code = made.body().get("code").asText();
                assertThat(Http.send("POST", api + "/enrollments", Map.of("storeId", "s1", "scaleId", "k9"), null).status()).isEqualTo(401);
                assertThat(Http.send("POST", api + "/enrollments", Map.of("storeId", "nowhere", "scaleId", "k9")).status()).isEqualTo(404);

                // a wrong code and another scale's code are refused and change nothing
                assertThatThrownBy(() -> scale.enroll("AAAA-BBBB-CCCC")).isInstanceOf(Enroller.EnrollmentRefusedException.class)
                        .hasMessageContaining("unknown enrollment code");
                String other = Http.send("POST", api + "/enrollments", Map.of("storeId", "s1", "scaleId", "k8")).body().get("code").asText();
                assertThatThrownBy(() -> scale.enroll(other)).isInstanceOf(Enroller.EnrollmentRefusedException.class)
                        .hasMessageContaining("for scale k8");
                assertThat(scale.enrolled()).isFalse();

                scale.enroll(code.toLowerCase().replace("-", " "));
                assertThat(Files.getPosixFilePermissions(identity)).containsOnly(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
                await().atMost(Duration.ofSeconds(30)).until(() -> scale.connected()
                        && scale.currentPriceBook().flatMap(b -> b.plu("4011")).isPresent());
                // once only
                Http.Response again = Http.send("POST", api + "/enroll", Map.of("code", code, "storeId", "s1", "scaleId", "k9"), null);
                assertThat(again.status()).isEqualTo(400);
                assertThat(again.body().get("error").asText()).contains("used already");

                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    JsonNode scales = Http.send("GET", api + "/scales?store=s1", null).body();
                    JsonNode k9 = scales.findParents("scaleId").stream().filter(n -> n.get("scaleId").asText().equals("k9")).findFirst().orElseThrow();
                    assertThat(k9.get("enrollment").asText()).isEqualTo("ENROLLED");
                    assertThat(k9.get("state").asText()).isEqualTo("ONLINE");
                });

                // commands: logged and limited (a second reload within 30 s is refused with the wait)
                assertThat(Http.send("POST", api + "/scales/s1/k9/commands", Map.of("command", "REQUEST_STATUS")).status()).isEqualTo(202);
                assertThat(Http.send("POST", api + "/scales/s1/k9/commands", Map.of("command", "RELOAD_MODEL")).status()).isEqualTo(202);
                Http.Response twice = Http.send("POST", api + "/scales/s1/k9/commands", Map.of("command", "RELOAD_MODEL"));
                assertThat(twice.status()).isEqualTo(429);
                assertThat(twice.body().get("error").asText()).contains("wait");

                // revoked: cut off now, refused on every reconnect, shown as revoked
                Http.Response revoked = Http.send("POST", api + "/scales/s1/k9/revoke", Map.of());
                assertThat(revoked.status()).as(String.valueOf(revoked.body())).isEqualTo(200);
                assertThat(revoked.body().get("disconnected").asBoolean()).isTrue();
                await().atMost(Duration.ofSeconds(10)).until(() -> !scale.connected());
                Thread.sleep(3000); // several reconnect attempts
                assertThat(scale.connected()).isFalse();
                JsonNode scales = Http.send("GET", api + "/scales?store=s1", null).body();
                assertThat(scales.findValuesAsText("enrollment")).contains("REVOKED");
                JsonNode k9 = null;
                for (JsonNode e : scales) if (e.get("scaleId").asText().equals("k9")) k9 = e;
                assertThat(k9.get("state").asText()).as("its last status said ONLINE; it is cut off").isEqualTo("REVOKED");
                assertThat(Http.send("POST", api + "/scales/s1/k9/commands", Map.of("command", "REQUEST_STATUS")).status()).isEqualTo(404);
            } finally {
                scale.close();
            }
        }
    }
}
