package com.freshscale.device.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.freshscale.protocol.http.NoMethodOverride;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.http.sse.SseClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk the shopper touches, served by the scale itself (Chromium in kiosk mode points at it): static
 * pages from {@code /kiosk} on the classpath, the live view over Server-Sent Events, and a small JSON API
 * for taps. The service menu's API needs a token obtained with the technician's PIN. Bad requests answer
 * 400 with {@code {"error": ...}} and change nothing.
 */
public final class KioskServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KioskServer.class);
    /**
     * Reads the taps' bodies and writes the view. A field given twice in a body is refused: Jackson would take the last
     * ({@code {"plu":"4011","plu":"4020"}} picked 4020) where a log or a proxy may show the first.
     */
    private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final java.util.regex.Pattern DUPLICATE = java.util.regex.Pattern.compile("Duplicate field '([^']{1,40})");
    /** A service login lasts this long without use (the technician walks away: the menu locks itself). */
    static final long SERVICE_IDLE_MS = 10 * 60_000L;

    private final KioskBackend scale;
    private final Javalin app;
    private final CopyOnWriteArrayList<SseClient> clients = new CopyOnWriteArrayList<>();
    private final Map<String, Long> tokens = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    /** The Host names the kiosk answers to, known once it is bound ({@link #start}); until then loopback only. */
    private volatile KioskHosts hosts = new KioskHosts("127.0.0.1");
    private final java.util.concurrent.ExecutorService push = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "kiosk-push");
        t.setDaemon(true);
        return t;
    });
    private final java.util.concurrent.atomic.AtomicReference<KioskView> latestView = new java.util.concurrent.atomic.AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicBoolean pushQueued = new java.util.concurrent.atomic.AtomicBoolean();
    /** Wrong PINs lock the menu, longer each time: a 4-digit PIN must not be guessable. Kept by the scale across restarts. */
    private final PinLockout lockout;

    public KioskServer(KioskBackend scale) {
        this.scale = scale;
        this.lockout = scale.serviceLockout();
        this.app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            // the screen is on the same machine: compression only delays the live events (gzip buffers them)
            cfg.http.disableCompression();
            // a request is the method its request line says, never X-HTTP-Method-Override's (Javalin would take it)
            cfg.jetty.modifyServletContextHandler(NoMethodOverride::install);
            cfg.staticFiles.add(sf -> {
                sf.hostedPath = "/";
                sf.directory = "/kiosk";
                sf.location = Location.CLASSPATH;
            });
        });
        app.before(ctx -> hosts.check(ctx.header("Host")));
        app.before(KioskServer::sameOriginJson);
        app.exception(BadRequest.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
        app.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
        app.exception(IllegalStateException.class, (e, ctx) -> error(ctx, 409, e.getMessage()));
        app.exception(io.javalin.http.HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            log.error("kiosk request {} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal error: " + e.getMessage());
        });

        app.sse("/api/events", client -> {
            client.keepAlive();
            client.onClose(() -> clients.remove(client));
            // the first view is sent before the client joins the broadcast, so only one thread writes to it
            send(client, scale.view());
            clients.add(client);
        });
        // views are pushed from a thread of their own: a slow or stuck browser never holds up the scale's session
        scale.onView(view -> {
            latestView.set(view);
            if (pushQueued.compareAndSet(false, true)) {
                push.execute(() -> {
                    pushQueued.set(false);
                    KioskView v = latestView.get();
                    for (SseClient c : clients) send(c, v);
                });
            }
        });

        app.get("/api/view", ctx -> ctx.json(scale.view()));
        app.get("/api/catalogue", ctx -> ctx.json(scale.catalogue()));
        app.get("/api/markings", ctx -> ctx.json(scale.markings()));
        app.get("/api/picture/{plu}", ctx -> {
            Optional<Path> p = scale.picture(ctx.pathParam("plu"));
            if (p.isEmpty()) {
                error(ctx, 404, "no picture for PLU " + ctx.pathParam("plu"));
                return;
            }
            ctx.header("Cache-Control", "max-age=86400").contentType("image/jpeg").result(Files.readAllBytes(p.get()));
        });
        app.get("/api/label/{sale}", ctx -> {
            Optional<byte[]> png = scale.labelPreview(ctx.pathParam("sale"));
            if (png.isEmpty()) {
                error(ctx, 404, "no label on screen for sale " + ctx.pathParam("sale"));
                return;
            }
            ctx.contentType("image/png").result(png.get());
        });

        app.post("/api/pick", ctx -> {
            JsonNode b = body(ctx);
            answer(ctx, scale.pick(text(b, "plu"), integer(b, "rank", 0, 12)));
        });
        app.post("/api/count", ctx -> answer(ctx, scale.count(integer(body(ctx), "pieces", 0, 100_000))));
        app.post("/api/back", ctx -> answer(ctx, scale.back()));
        app.post("/api/print", ctx -> answer(ctx, scale.print()));
        app.post("/api/retry-print", ctx -> answer(ctx, scale.retryPrint()));
        app.post("/api/pay", ctx -> answer(ctx, scale.payByCard()));
        app.post("/api/pay/abort", ctx -> answer(ctx, scale.abortPayment()));
        // no /api/zero, /api/tare, /api/clear-tare: a shopper neither zeroes nor tares a self-service scale
        // (a tare left behind priced the next shopper's item short); zero is the technician's, preset tare the PLU's

        app.get("/api/sim/photos", ctx -> ctx.json(simulation().photos()));
        app.post("/api/sim/place", ctx -> {
            JsonNode b = body(ctx);
            double grams = number(b, "grams", 0, 100_000);
            simulation().place(text(b, "photo"), grams);
            ctx.json(Map.of("ok", true));
        });
        app.post("/api/sim/take-off", ctx -> {
            simulation().takeOff();
            ctx.json(Map.of("ok", true));
        });
        app.post("/api/sim/paper", ctx -> {
            JsonNode b = body(ctx);
            if (!b.has("out") || !b.get("out").isBoolean()) throw new BadRequest("'out' must be true or false");
            simulation().printerPaperOut(b.get("out").asBoolean());
            ctx.json(Map.of("ok", true));
        });

        app.post("/api/sim/card-terminal", ctx -> {
            simulation().cardTerminalAnswer(text(body(ctx), "answer"));
            ctx.json(Map.of("ok", true));
        });

        app.post("/api/service/login", ctx -> {
            String pin = text(body(ctx), "pin");
            ctx.json(login(pin));
        });
        app.before("/api/service/*", ctx -> {
            if (ctx.path().equals("/api/service/login")) return;
            String token = ctx.header("X-Service-Token");
            Long last = token == null ? null : tokens.get(token);
            long now = System.currentTimeMillis();
            if (last == null || now - last > SERVICE_IDLE_MS) {
                if (token != null) tokens.remove(token);
                throw new io.javalin.http.UnauthorizedResponse("service menu locked: enter the PIN");
            }
            tokens.put(token, now);
        });
        KioskBackend.ServiceMenu service = scale.service();
        app.get("/api/service/status", ctx -> ctx.json(service.status()));
        app.get("/api/service/labels", ctx -> ctx.json(service.unprintedLabels()));
        app.post("/api/service/printer-test", ctx -> ctx.json(service.printerTest()));
        app.post("/api/service/reprint", ctx -> ctx.json(service.reprint(integer(body(ctx), "job", 1, Integer.MAX_VALUE))));
        app.post("/api/service/teach", ctx -> {
            JsonNode b = body(ctx);
            ctx.json(service.teach(text(b, "plu"), integer(b, "pictures", 1, 20)));
        });
        app.post("/api/service/zero", ctx -> ctx.json(service.zero(text(body(ctx), "technician"))));
        app.get("/api/service/calibration", ctx -> ctx.json(service.calibration()));
        app.post("/api/service/calibrate", ctx -> {
            JsonNode b = body(ctx);
            String step = text(b, "step");
            double ref = b.has("reference_g") ? number(b, "reference_g", 0, 100_000) : 0;
            ctx.json(service.calibrate(text(b, "technician"), step, ref));
        });
        app.get("/api/service/audit", ctx -> ctx.json(service.auditLog()));
        app.post("/api/service/enrol", ctx -> ctx.json(service.enrol(text(body(ctx), "code"))));
        app.get("/api/service/card-payments", ctx -> ctx.json(service.cardPayments()));
        app.post("/api/service/card-payments/reverse-last", ctx -> ctx.json(service.reverseLastPayment(text(body(ctx), "technician"))));
        app.post("/api/service/card-payments/end-of-day", ctx -> ctx.json(service.endOfDay(text(body(ctx), "technician"))));
        app.post("/api/service/logout", ctx -> {
            tokens.remove(ctx.header("X-Service-Token"));
            ctx.json(Map.of("ok", true));
        });
    }

    private synchronized Map<String, Object> login(String pin) {
        long now = System.currentTimeMillis();
        long locked = lockout.lockedForMs();
        if (locked > 0) {
            throw new BadRequest("too many wrong PINs: the service menu is locked for " + (locked / 1000 + 1) + " s");
        }
        if (!scale.service().pinMatches(pin)) {
            long lock = lockout.wrong();
            if (lock > 0) {
                scale.service().audit("kiosk", "service-locked", PinLockout.TRIES + " wrong PINs: locked for " + lock / 1000 + " s");
            }
            throw new BadRequest("wrong PIN");
        }
        lockout.right();
        byte[] b = new byte[16];
        random.nextBytes(b);
        String token = HexFormat.of().formatHex(b);
        tokens.put(token, now);
        scale.service().audit("technician", "service-login", "");
        return Map.of("token", token);
    }

    private KioskBackend.Simulation simulation() {
        return scale.simulation().orElseThrow(() -> new BadRequest("this scale is not simulated"));
    }

    public KioskServer start(String host, int port) {
        hosts = new KioskHosts(host);
        app.start(host, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    private static void send(SseClient c, KioskView view) {
        try {
            c.sendEvent("view", JSON.writeValueAsString(view));
        } catch (IOException | RuntimeException e) {
            log.debug("kiosk client gone: {}", e.toString());
        }
    }

    private static void answer(Context ctx, Session.Answer a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", a.accepted());
        if (!a.accepted()) {
            m.put("message", a.messageKey());
            if (a.detail() != null) m.put("detail", a.detail());
            ctx.status(409);
        }
        ctx.json(m);
    }

    /**
     * Every answer: not framed by another site, no content sniffing, the API not cached. A request that changes
     * something must be JSON (another site's form or plain-text POST needs no CORS preflight; JSON does) and, when
     * the browser names its origin, come from the kiosk's own (Origin, RFC 6454; Sec-Fetch-Site, Fetch Metadata).
     */
    static void sameOriginJson(Context ctx) {
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Content-Security-Policy", "frame-ancestors 'none'");
        ctx.header("X-Content-Type-Options", "nosniff");
        if (!ctx.path().startsWith("/api/")) return;
        ctx.header("Cache-Control", "no-store");
        String method = ctx.method().name();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) return;
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new io.javalin.http.HttpResponseException(415, "send the request as Content-Type: application/json");
        }
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            throw new io.javalin.http.HttpResponseException(403, "only the kiosk's own pages may do this");
        }
        String origin = ctx.header("Origin");
        String host = ctx.header("Host");
        if (origin != null && (host == null || !(origin.equals("http://" + host) || origin.equals("https://" + host)))) {
            throw new io.javalin.http.HttpResponseException(403, "only the kiosk's own pages may do this");
        }
    }

    private static JsonNode body(Context ctx) {
        byte[] b = ctx.bodyAsBytes();
        if (b.length == 0) return JSON.createObjectNode();
        if (b.length > 10_000) throw new BadRequest("request too large");
        try {
            JsonNode n = JSON.readTree(b);
            if (n == null || !n.isObject()) throw new BadRequest("request body must be a JSON object");
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            java.util.regex.Matcher twice = DUPLICATE.matcher(m);
            if (m.startsWith("Duplicate field") && twice.find()) {
                throw new BadRequest("request body gives the field '" + twice.group(1) + "' twice: give each field once");
            }
            if (m.startsWith("Invalid UTF-8")) throw new BadRequest("request body is not UTF-8 text: send JSON in UTF-8");
            throw new BadRequest("request body is not JSON");
        } catch (IOException e) {
            throw new BadRequest("request body is not JSON");
        }
    }

    private static String text(JsonNode b, String field) {
        JsonNode v = b.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) throw new BadRequest("'" + field + "' is required (text)");
        if (v.asText().length() > 200) throw new BadRequest("'" + field + "' is too long");
        return v.asText();
    }

    private static int integer(JsonNode b, String field, int min, int max) {
        JsonNode v = b.get(field);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) throw new BadRequest("'" + field + "' must be a whole number");
        int i = v.asInt();
        if (i < min || i > max) throw new BadRequest("'" + field + "' must be " + min + ".." + max);
        return i;
    }

    private static double number(JsonNode b, String field, double min, double max) {
        JsonNode v = b.get(field);
        if (v == null || !v.isNumber()) throw new BadRequest("'" + field + "' must be a number");
        double d = v.asDouble();
        if (!(d >= min && d <= max)) throw new BadRequest("'" + field + "' must be " + min + ".." + max);
        return d;
    }

    private static void error(Context ctx, int status, String message) {
        ctx.status(status).json(Map.of("ok", false, "error", message == null ? "error" : message));
    }

    @Override
    public void close() {
        push.shutdownNow();
        for (SseClient c : clients) c.close();
        app.stop();
    }

    /** A request the kiosk cannot act on. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }
}
