package com.freshscale.device.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.freshscale.protocol.codec.MessageCodec;
import com.freshscale.protocol.codec.MessageRejectedException;
import com.freshscale.protocol.enrollment.Enrollment;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Enrols the scale with the store server: {@code POST <serverUrl>/api/enroll {"code", "storeId", "scaleId"}}, the
 * one-time code a technician got from the console. The answer is the scale's {@link Enrollment} (its MQTT
 * identity and the price-book key). A refusal is an {@link EnrollmentRefusedException} with the server's reason.
 */
public final class Enroller {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String serverUrl;

    public Enroller(String serverUrl) {
        this.serverUrl = serverUrl.replaceAll("/+$", "");
    }

    /** Refused by the server (bad code) or not reachable: the message says which, for the technician. */
    public static final class EnrollmentRefusedException extends Exception {
        public EnrollmentRefusedException(String message) {
            super(message);
        }
    }

    public Enrollment enroll(String code, String storeId, String scaleId) throws EnrollmentRefusedException, InterruptedException {
        if (code == null || code.isBlank()) throw new EnrollmentRefusedException("type the enrollment code from the console");
        byte[] body = MessageCodec.encode(Map.of("code", code.strip(), "storeId", storeId, "scaleId", scaleId));
        HttpRequest r = HttpRequest.newBuilder(URI.create(serverUrl + "/api/enroll")).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(r, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new EnrollmentRefusedException("the server " + serverUrl + " cannot be reached: " + e.getMessage());
        }
        if (response.statusCode() != 200) {
            String reason = "HTTP " + response.statusCode();
            try {
                JsonNode n = MessageCodec.mapper().readTree(response.body());
                if (n != null && n.hasNonNull("error")) reason = n.get("error").asText();
            } catch (IOException ignored) {
                // not JSON: the status says it
            }
            throw new EnrollmentRefusedException("the server refused the enrollment: " + reason);
        }
        try {
            return MessageCodec.decode(response.body(), Enrollment.class, Enrollment.SCHEMA, Enrollment.MAX_BYTES);
        } catch (MessageRejectedException e) {
            throw new EnrollmentRefusedException("the server's answer is not an enrollment: " + e.getMessage());
        }
    }
}
