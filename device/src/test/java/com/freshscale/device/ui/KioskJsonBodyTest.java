package com.freshscale.device.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A tap's JSON body with a field given twice is refused with a 400, and nothing is done: the probe's
 * {@code {"plu":"4011","plu":"4020"}} picked 4020 (the reader took the last), where a log or a proxy in between may show
 * 4011. A body that is not UTF-8 says so. A real kiosk server over HTTP, in front of a backend that records the picks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KioskJsonBodyTest {
    private final List<String> picks = new CopyOnWriteArrayList<>();
    private final List<Integer> counts = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private KioskServer kiosk;

    @BeforeAll
    void start() {
        kiosk = new KioskServer(new RecordingBackend()).start("127.0.0.1", 0);
    }

    @AfterAll
    void stop() {
        kiosk.close();
    }

    @Test
    void aFieldGivenTwiceIsRefusedAndNothingIsPicked() throws Exception {
        HttpResponse<String> r = post("/api/pick", "{\"plu\":\"4011\",\"plu\":\"4020\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("request body gives the field 'plu' twice");
        HttpResponse<String> c = post("/api/count", "{\"pieces\":3,\"pieces\":30}".getBytes(StandardCharsets.UTF_8));
        assertThat(c.statusCode()).as(c.body()).isEqualTo(400);
        assertThat(picks).isEmpty();
        assertThat(counts).isEmpty();
        // the same field in two objects is no duplicate; each once is picked as before
        HttpResponse<String> ok = post("/api/pick", "{\"plu\":\"4011\",\"rank\":0}".getBytes(StandardCharsets.UTF_8));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(picks).containsExactly("4011");
    }

    @Test
    void aBodyThatIsNotUtf8SaysSo() throws Exception {
        HttpResponse<String> r = post("/api/pick", "{\"plu\":\"4011\",\"note\":\"Äpfel\"}".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("not UTF-8");
    }

    private HttpResponse<String> post(String path, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + kiosk.port() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Answers every tap with OK and records the picks and counts. */
    private final class RecordingBackend extends AnsweringBackend {
        @Override
        public Session.Answer pick(String pluCode, int rank) {
            picks.add(pluCode);
            return OK;
        }

        @Override
        public Session.Answer count(int pieces) {
            counts.add(pieces);
            return OK;
        }
    }
}
