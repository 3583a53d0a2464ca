package com.freshscale.server.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.freshscale.protocol.Topics;
import com.freshscale.protocol.enrollment.Enrollment;
import com.freshscale.protocol.mqtt.MqttCredentials;
import com.freshscale.server.auth.Guard;
import com.freshscale.server.auth.LoginThrottle;
import com.freshscale.server.broker.EmbeddedBroker;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of scale identities.
 *
 * <pre>
 * POST /api/enrollments {"storeId","scaleId"}      HQ: a one-time code for that scale → {"code","storeId","scaleId","expiresAt"}
 * POST /api/enroll {"code","storeId","scaleId"}    the scale (no account): its {@link Enrollment}; wrong codes throttled like logins
 * POST /api/scales/{store}/{scale}/revoke          HQ: the scale's identity revoked, its connection cut → {"revoked","disconnected"}
 * </pre>
 */
public final class EnrollmentRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(EnrollmentRoutes.class);

    private EnrollmentRoutes() {}

    /**
     * @param broker            the embedded broker (cuts a revoked scale off at once), or null with an external one
     * @param brokerCertificate the broker's TLS certificate (PEM) the scale pins, or null
     */
    public static void register(Javalin app, Enrollments enrollments, Identities identities, EmbeddedBroker broker, Path publicKey,
                                String brokerCertificate, LoginThrottle throttle) {
        app.post("/api/enrollments", ctx -> {
            JsonNode b = object(ctx, "storeId", "scaleId");
            Enrollments.Code code = enrollments.create(text(b, "storeId"), text(b, "scaleId"), Guard.account(ctx).userName());
            LOG.info("{} made an enrollment code for scale {} of store {}", Guard.account(ctx).userName(), code.scaleId(), code.storeId());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", code.code());
            m.put("storeId", code.storeId());
            m.put("scaleId", code.scaleId());
            m.put("expiresAt", code.expiresAt().toString());
            ctx.status(201).json(m);
        });

        app.post("/api/enroll", ctx -> {
            JsonNode b = object(ctx, "code", "storeId", "scaleId");
            String store = text(b, "storeId");
            String scale = text(b, "scaleId");
            Topics.id(store);
            Topics.id(scale);
            String key = "enroll:" + store + "/" + scale;
            Duration wait = throttle.wait(key, ctx.ip());
            if (!wait.isZero()) {
                long s = Math.max(1, (wait.toMillis() + 999) / 1000);
                ctx.header("Retry-After", Long.toString(s));
                ctx.status(429).json(Map.of("error", "too many wrong enrollment codes: try again in " + s + " s"));
                return;
            }
            Enrollments.Enrolled e;
            try {
                e = enrollments.redeem(text(b, "code"), store, scale);
            } catch (IllegalArgumentException refused) {
                throttle.failed(key, ctx.ip());
                LOG.warn("enrollment of scale {} of store {} from {} refused: {}", scale, store, ctx.ip(), refused.getMessage());
                throw refused;
            }
            throttle.succeeded(key, ctx.ip());
            LOG.info("scale {} of store {} enrolled from {}", scale, store, ctx.ip());
            ctx.json(new Enrollment(Enrollment.SCHEMA, e.storeId(), e.scaleId(), e.credentials().userName(),
                    new String(e.credentials().password()), Files.readString(publicKey), brokerCertificate));
        });

        app.post("/api/scales/{store}/{scale}/revoke", ctx -> {
            String store = Topics.id(ctx.pathParam("store"));
            String scale = Topics.id(ctx.pathParam("scale"));
            boolean revoked = identities.revokeScale(store, scale);
            if (!revoked) throw new com.freshscale.server.store.NotFoundException("scale " + scale + " of store " + store
                    + " has no identity to revoke");
            boolean disconnected = broker != null && broker.disconnect(MqttCredentials.scaleUser(store, scale));
            LOG.warn("{} revoked scale {} of store {}{}", Guard.account(ctx).userName(), scale, store,
                    disconnected ? " (its connection was cut)" : "");
            ctx.json(Map.of("revoked", true, "disconnected", disconnected));
        });
    }

    private static JsonNode object(Context ctx, String... fields) throws IOException {
        JsonNode n;
        try {
            n = com.freshscale.server.http.JsonBodyError.reader().readTree(ctx.bodyAsBytes());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(com.freshscale.server.http.JsonBodyError.message("request body", e)
                    + " (the fields are " + String.join(", ", fields) + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException("the body must be JSON: " + String.join(", ", fields));
        }
        if (n == null || !n.isObject()) throw new IllegalArgumentException("the body must be a JSON object with " + String.join(", ", fields));
        java.util.Set<String> allowed = java.util.Set.of(fields);
        n.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) throw new IllegalArgumentException("unknown field '" + com.freshscale.protocol.LogText.cap(f) + "'");
        });
        return n;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) throw new IllegalArgumentException("'" + field + "' must be a string");
        return v.asText();
    }
}
