package com.freshscale.device.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.freshscale.protocol.pricebook.DemoPriceBook;
import com.freshscale.protocol.codec.MessageCodec;
import com.freshscale.protocol.pricebook.PriceBook;
import com.freshscale.protocol.pricebook.Promotion;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Puts the demo price book (50 produce items, two promotions) into a fresh demo server through its HTTP API,
 * as a store manager would with the console; the server then signs and publishes it to the scale. A store
 * that already has PLUs is left alone: the demo keeps the prices changed in the console across restarts.
 * It logs in with HTTP Basic as the demo server's HQ account ({@link #logIn}). The store is made with the time zone the
 * demo scale dates its labels in ({@link #demoZone}), so that HQ counts its sales on the day the labels say; a demo store
 * made before without a zone is given it ({@link #adoptZone}).
 */
public final class DemoSeeder {
    private static final ObjectMapper JSON = MessageCodec.mapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String server;
    private String authorization;

    public DemoSeeder(String serverUrl) {
        this.server = serverUrl.replaceAll("/+$", "");
    }

    /** The account to send with every request (HTTP Basic, RFC 7617): the server refuses changes without one. */
    public DemoSeeder logIn(String user, String password) {
        this.authorization = "Basic " + java.util.Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return this;
    }

    /** Waits until the server answers its health check, up to {@code timeout}. */
    public void awaitServer(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                if (send("GET", "/api/health", null).statusCode() == 200) return;
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the server at " + server + " did not answer within " + timeout.toSeconds() + " s " + last);
    }

    /** The time zone the demo scale dates its labels in: {@code pricing.timeZone} of the demo config (Europe/Berlin). */
    public static String demoZone() throws IOException {
        return RunCommand.demoConfig(Map.of()).section("pricing", com.freshscale.device.pricing.PricingConfig.class).timeZone();
    }

    /**
     * Seeds the store in the demo scale's zone ({@link #seed(String)}), or gives a store seeded before without a zone that
     * zone ({@link #adoptZone}). Returns true when it seeded the store.
     */
    public boolean seed() throws IOException, InterruptedException {
        String zone = demoZone();
        if (seed(zone)) return true;
        adoptZone(zone);
        return false;
    }

    /**
     * Makes the demo store, its business day in {@code timeZone} (the zone the scale dates its labels in), with the demo
     * price book. Returns true when it seeded the store, false when the store already had PLUs.
     */
    public boolean seed(String timeZone) throws IOException, InterruptedException {
        PriceBook book = DemoPriceBook.load();
        String store = "/api/stores/" + book.storeId();
        HttpResponse<String> plus = send("GET", store + "/plus", null);
        if (plus.statusCode() == 200 && JSON.readTree(plus.body()).size() > 0) return false;
        expect(send("PUT", store, JSON.writeValueAsString(Map.of("name", "FreshScale Demo Market", "currency", book.currency(),
                "timeZone", timeZone))));
        expect(send("POST", store + "/plus", JSON.writeValueAsString(book.plus())));
        for (Promotion p : book.promotions()) {
            expect(send("PUT", store + "/promotions/" + p.id(), JSON.writeValueAsString(p)));
        }
        return true;
    }

    /**
     * Gives the demo store {@code timeZone} if it has no zone of its own (one made by an older demo: its business day was
     * the server's zone, UTC on most machines, while the scale dated its labels in Europe/Berlin). A zone set in the
     * console is left alone. Returns true when it set the zone.
     */
    public boolean adoptZone(String timeZone) throws IOException, InterruptedException {
        String store = "/api/stores/" + DemoPriceBook.load().storeId();
        HttpResponse<String> r = send("GET", store, null);
        if (r.statusCode() != 200) return false;
        JsonNode s = JSON.readTree(r.body());
        if (s.hasNonNull("timeZone")) return false;
        Map<String, String> body = new java.util.LinkedHashMap<>();
        body.put("name", s.get("name").asText());
        body.put("currency", s.get("currency").asText());
        body.put("timeZone", timeZone);
        expect(send("PUT", store, JSON.writeValueAsString(body)));
        return true;
    }

    private static void expect(HttpResponse<String> r) throws IOException {
        if (r.statusCode() / 100 != 2) {
            String msg = r.body();
            try {
                JsonNode n = JSON.readTree(r.body());
                if (n.has("error")) msg = n.get("error").asText();
            } catch (IOException ignored) {
                // not JSON: show the body
            }
            throw new IOException(r.request().method() + " " + r.request().uri() + ": " + r.statusCode() + " " + msg);
        }
    }

    /**
     * One request; a 503 (the server's database busy, e.g. while it signs the book just changed) is retried
     * a few times, as the API's contract says nothing changed.
     */
    private HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = sendOnce(method, path, body);
        for (int retry = 1; retry <= 8 && r.statusCode() == 503; retry++) {
            Thread.sleep(100L * retry);
            r = sendOnce(method, path, body);
        }
        return r;
    }

    private HttpResponse<String> sendOnce(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json");
        if (authorization != null) b.header("Authorization", authorization);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
