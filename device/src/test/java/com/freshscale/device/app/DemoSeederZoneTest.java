package com.freshscale.device.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The demo makes its store with the time zone the demo scale dates its labels in (Europe/Berlin): without it the server
 * counted the store's business day in its own zone (UTC), and labels printed at 23:45 UTC said the next day. A demo store
 * made before without a zone is given it once; a zone set in the console is left alone. Against a stand-in for the
 * server's HTTP API that records what the seeder sends.
 */
class DemoSeederZoneTest {
    static final ObjectMapper JSON = new ObjectMapper();

    HttpServer http;
    final List<String> calls = new CopyOnWriteArrayList<>();
    final Map<String, String> bodies = new java.util.concurrent.ConcurrentHashMap<>();

    /** A server whose demo store has {@code plus} and answers GET /api/stores/demo-store with {@code store} (null: 404). */
    String server(String plus, String store) throws Exception {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", ex -> {
            String call = ex.getRequestMethod() + " " + ex.getRequestURI().getPath();
            calls.add(call);
            bodies.put(call, new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String answer = call.equals("GET /api/stores/demo-store/plus") ? plus
                    : call.equals("GET /api/stores/demo-store") ? store : ex.getRequestMethod().equals("GET") ? null : "{}";
            byte[] b = (answer == null ? "{\"error\":\"no such store\"}" : answer).getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(answer == null ? 404 : 200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        http.start();
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        if (http != null) http.stop(0);
    }

    @Test
    void theDemoZoneIsTheOneTheDemoScaleDatesItsLabelsIn() throws Exception {
        assertThat(DemoSeeder.demoZone()).isEqualTo("Europe/Berlin");
    }

    @Test
    void aNewDemoStoreIsMadeInTheScalesZone() throws Exception {
        DemoSeeder seeder = new DemoSeeder(server("[]", null)).logIn("demo", "pw");
        assertThat(seeder.seed()).isTrue();
        JsonNode store = JSON.readTree(bodies.get("PUT /api/stores/demo-store"));
        assertThat(store.get("timeZone").asText()).isEqualTo("Europe/Berlin");
        assertThat(store.get("name").asText()).isEqualTo("FreshScale Demo Market");
        assertThat(calls).contains("POST /api/stores/demo-store/plus");
    }

    @Test
    void aDemoStoreMadeBeforeWithoutAZoneIsGivenTheScalesZoneAndKeepsItsName() throws Exception {
        DemoSeeder seeder = new DemoSeeder(server("[{\"code\":\"4011\"}]", "{\"storeId\":\"demo-store\",\"name\":\"Renamed\","
                + "\"currency\":\"EUR\",\"timeZone\":null,\"revision\":7,\"publishedVersion\":7}")).logIn("demo", "pw");
        assertThat(seeder.seed()).as("the prices are kept").isFalse();
        assertThat(calls).doesNotContain("POST /api/stores/demo-store/plus");
        JsonNode store = JSON.readTree(bodies.get("PUT /api/stores/demo-store"));
        assertThat(store.get("timeZone").asText()).isEqualTo("Europe/Berlin");
        assertThat(store.get("name").asText()).isEqualTo("Renamed");
        assertThat(store.get("currency").asText()).isEqualTo("EUR");
    }

    @Test
    void aZoneSetInTheConsoleIsLeftAlone() throws Exception {
        DemoSeeder seeder = new DemoSeeder(server("[{\"code\":\"4011\"}]", "{\"storeId\":\"demo-store\",\"name\":\"Demo\","
                + "\"currency\":\"EUR\",\"timeZone\":\"Europe/Lisbon\",\"revision\":7,\"publishedVersion\":7}")).logIn("demo", "pw");
        assertThat(seeder.seed()).isFalse();
        assertThat(calls).noneMatch(c -> c.startsWith("PUT "));
    }
}
