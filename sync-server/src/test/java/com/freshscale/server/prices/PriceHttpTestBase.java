package com.freshscale.server.prices;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.freshscale.server.LocalServer;
import com.freshscale.server.app.ServerApp;
import com.freshscale.server.auth.Account;
import com.freshscale.server.auth.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What the price API's tests share: a real server (SQLite) with an HQ account and store s1 "Market Street" in EUR,
 * the HTTP calls they make as that account, and what they read back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PriceHttpTestBase {
    static final ObjectMapper JSON = new ObjectMapper();
    ServerApp server;
    final HttpClient http = HttpClient.newHttpClient();
    private String authorization;

    /** Starts the server in {@code dir} with the account {@code anna} (password {@code name-pw}) and store s1. */
    void startServer(Path dir, String name) throws Exception {
        server = LocalServer.start(dir, name + "-test");
        String password = name + "-pw";
        server.accounts().add(new Account("anna", Role.HQ, Set.of()), password.toCharArray());
        server.prices().putStore("s1", "Market Street", "EUR", null);
        authorization = "Basic " + Base64.getEncoder().encodeToString(("anna:" + password).getBytes(StandardCharsets.UTF_8));
    }

    @AfterAll
    void stop() {
        if (server != null) server.close();
    }

    /**
     * A change set with nothing in it but {@code extra} (its own lists or fields): each list {@code extra} does not give is
     * empty. A list is never given twice (the server refuses a field given twice).
     */
    static String changes(String extra) {
        StringBuilder b = new StringBuilder("{");
        for (String list : new String[] {"putPlus", "putPromotions", "addScheduledPrices", "deletePromotions", "deleteScheduledPrices",
                "deletePlus"}) {
            if (!extra.contains("\"" + list + "\":")) b.append('"').append(list).append("\":[],");
        }
        return b.append(extra).append('}').toString();
    }

    HttpResponse<String> send(String method, String path, String body) throws Exception {
        return send(method, path, body, new String[0]);
    }

    /** As {@link #send(String, String, String)}, with {@code headers} (name, value, ...) added. */
    HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                .header("Authorization", authorization)
                .header("Content-Type", "application/json");
        if (headers.length > 0) b.headers(headers);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The message of a refusal, which must be a 400. */
    String error(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        return JSON.readTree(r.body()).get("error").asText();
    }

    long revision() {
        return server.prices().store("s1").revision();
    }
}
