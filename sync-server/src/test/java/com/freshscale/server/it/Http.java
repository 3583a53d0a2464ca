package com.freshscale.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.freshscale.protocol.codec.MessageCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A small JSON client for the server's HTTP API. */
final class Http {
    record Response(int status, JsonNode body) {}

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private Http() {}

    static Response send(String method, String url, Object body) throws Exception {
        HttpRequest.BodyPublisher pub = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body instanceof String s ? s.getBytes() : MessageCodec.encode(body));
        HttpResponse<byte[]> r = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).method(method, pub)
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofByteArray());
        JsonNode json = r.body().length == 0 ? null : MessageCodec.mapper().readTree(r.body());
        return new Response(r.statusCode(), json);
    }
}
