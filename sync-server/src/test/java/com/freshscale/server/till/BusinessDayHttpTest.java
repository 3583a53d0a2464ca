package com.freshscale.server.till;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.freshscale.server.app.ServerApp;
import com.freshscale.server.auth.Account;
import com.freshscale.server.auth.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's date fields start from the store's business day, which the server knows and the browser does not: at
 * 23:45 UTC Berlin is on the next day already, and a Tills tab that took the browser's date showed "No labels" for
 * sales made minutes before. {@code GET /api/stores/{store}/business-day} answers the store's day now in the zone its
 * sales are counted in (its own, else the chain's), to HQ and the store's manager only. A real server (SQLite, HTTP).
 */
class BusinessDayHttpTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PW = "business-day-pw";
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theStoresBusinessDayIsTheDateOfItsOwnZoneElseTheChains(@TempDir Path dir) throws Exception {
        // the test server's chain zone is Europe/Berlin
        try (ServerApp server = com.freshscale.server.LocalServer.start(dir, "business-day-test")) {
            server.accounts().add(new Account("hq", Role.HQ, Set.of()), PW.toCharArray());
            server.accounts().add(new Account("boss-east", Role.MANAGER, Set.of("east")), PW.toCharArray());
            // UTC+14 and UTC-11: 25 hours apart, never on the same date
            server.prices().putStore("east", "Kiritimati", "EUR", "Pacific/Kiritimati");
            server.prices().putStore("west", "Pago Pago", "EUR", "Pacific/Pago_Pago");
            server.prices().putStore("plain", "Chain's zone", "EUR", null);

            JsonNode east = day(server, "hq", "east", 200);
            assertThat(east.get("storeId").asText()).isEqualTo("east");
            assertThat(east.get("timeZone").asText()).isEqualTo("Pacific/Kiritimati");
            assertThat(east.get("ownZone").asBoolean()).isTrue();
            assertThat(east.get("today").asText()).isIn(today("Pacific/Kiritimati"));
            JsonNode west = day(server, "hq", "west", 200);
            assertThat(west.get("today").asText()).isIn(today("Pacific/Pago_Pago")).isNotEqualTo(east.get("today").asText());
            JsonNode plain = day(server, "hq", "plain", 200);
            assertThat(plain.get("timeZone").asText()).isEqualTo("Europe/Berlin");
            assertThat(plain.get("ownZone").asBoolean()).as("the chain's").isFalse();
            assertThat(plain.get("today").asText()).isIn(today("Europe/Berlin"));

            // a store's zone set through the API counts at once
            assertThat(send(server, "PUT", "/api/stores/plain", "hq", "{\"name\":\"Now in Kiritimati\",\"currency\":\"EUR\","
                    + "\"timeZone\":\"Pacific/Kiritimati\"}").statusCode()).isEqualTo(200);
            assertThat(day(server, "hq", "plain", 200).get("today").asText()).isEqualTo(east.get("today").asText());

            // the store's manager asks for it, not for another store's; an unknown store is 404
            assertThat(day(server, "boss-east", "east", 200).get("today").asText()).isEqualTo(east.get("today").asText());
            day(server, "boss-east", "west", 403);
            day(server, "hq", "nowhere", 404);
        }
    }

    /** The date in {@code zone} now, or the day before (a request answered just before midnight). */
    static String[] today(String zone) {
        ZoneId z = ZoneId.of(zone);
        return new String[] {LocalDate.now(z).toString(), LocalDate.now(z).minusDays(1).toString()};
    }

    JsonNode day(ServerApp server, String user, String store, int status) throws Exception {
        HttpResponse<String> r = send(server, "GET", "/api/stores/" + store + "/business-day", user, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }

    HttpResponse<String> send(ServerApp server, String method, String path, String user, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + PW).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
