package com.freshscale.device.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A kiosk request is the method of its request line: Javalin 6 takes {@code X-HTTP-Method-Override} instead, so a GET
 * saying POST printed a label (a GET needs neither JSON nor a CORS preflight) and a POST saying GET or DELETE went to
 * another route. A real kiosk server over HTTP, in front of a backend that counts the taps it is asked for.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KioskMethodOverrideTest {
    private final AtomicInteger prints = new AtomicInteger();
    private final AtomicInteger backs = new AtomicInteger();
    private final HttpClient http = HttpClient.newHttpClient();
    private KioskServer kiosk;

    @BeforeAll
    void start() {
        kiosk = new KioskServer(new CountingBackend()).start("127.0.0.1", 0);
    }

    @AfterAll
    void stop() {
        kiosk.close();
    }

    @Test
    void aPostThatSaysGetOrDeleteIsAnsweredAsThePost() throws Exception {
        for (String method : new String[] {"GET", "DELETE", "PUT"}) {
            for (String header : new String[] {"X-HTTP-Method-Override", "x-http-method-override"}) {
                int before = backs.get();
                HttpResponse<String> r = send("POST", "/api/back", header, method);
                assertThat(r.statusCode()).as(method + ": " + r.body()).isEqualTo(200);
                assertThat(backs.get()).as("handled by the POST route").isEqualTo(before + 1);
            }
        }
    }

    @Test
    void aGetThatSaysPostPrintsNothing() throws Exception {
        HttpResponse<String> r = send("GET", "/api/print", "X-HTTP-Method-Override", "POST");
        assertThat(r.statusCode()).as(r.body()).isIn(404, 405);
        assertThat(prints.get()).isZero();
        // the route itself still prints, by its own method
        assertThat(send("POST", "/api/print", null, null).statusCode()).isEqualTo(200);
        assertThat(prints.get()).isEqualTo(1);
    }

    private HttpResponse<String> send(String method, String path, String header, String value) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + kiosk.port() + path))
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
        if (!method.equals("GET")) b.header("Content-Type", "application/json");
        if (header != null) b.header(header, value);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Answers every tap with OK and counts the ones the test looks at. */
    private final class CountingBackend extends AnsweringBackend {
        @Override
        public Session.Answer back() {
            backs.incrementAndGet();
            return OK;
        }

        @Override
        public Session.Answer print() {
            prints.incrementAndGet();
            return OK;
        }
    }
}
