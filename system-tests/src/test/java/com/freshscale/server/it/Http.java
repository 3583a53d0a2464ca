package com.freshscale.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.freshscale.protocol.codec.MessageCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A small JSON client for the server's HTTP API, logged in with HTTP Basic as {@link TestServer}'s HQ account. */
final class Http {
    record Response(int status, JsonNode body) {}

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private Http() {}

    static final String HQ = basic(TestServer.HQ_USER, TestServer.HQ_PASSWORD);

    static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static Response send(String method, String url, Object body) throws Exception {
        return send(method, url, body, HQ);
    }

    /** @param authorization the Authorization header, or null for none */
    static Response send(String method, String url, Object body, String authorization) throws Exception {
        HttpRequest.BodyPublisher pub = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body instanceof String s ? s.getBytes() : MessageCodec.encode(body));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).method(method, pub).header("Content-Type", "application/json");
        if (authorization != null) b.header("Authorization", authorization);
        HttpResponse<byte[]> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        JsonNode json = r.body().length == 0 ? null : MessageCodec.mapper().readTree(r.body());
        return new Response(r.statusCode(), json);
    }
}
