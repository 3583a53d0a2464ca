package com.freshscale.server.auth;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import io.javalin.router.ParsedEndpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs people in and checks every /api request against {@link AccessRules}, in one before-handler. The
 * console logs in with {@code POST /api/login} and then sends its session cookie; scripts and HQ tools send
 * HTTP Basic credentials with each request (RFC 7617). Errors: 401 (no or wrong credentials, session
 * ended), 403 (the account may not do this), 429 (too many failed logins, with Retry-After), 415 (a write
 * that is not JSON).
 *
 * <pre>
 * POST /api/login   {"user","password"} → {"user","role","stores"} and the session cookie
 * POST /api/logout  ends the session of the cookie → 204
 * GET  /api/me      → {"user","role","stores"}
 * </pre>
 */
public final class Guard {
    private static final Logger LOG = LoggerFactory.getLogger(Guard.class);
    public static final String COOKIE = "fs_session";
    /** Sent by the console's own requests: its 401s must not make the browser pop up a Basic login box. */
    public static final String CONSOLE_HEADER = "X-FreshScale-Console";
    private static final String ACCOUNT = "freshscale.account";
    /**
     * A verified Basic password is remembered this long (as an HMAC under a key that dies with the process,
     * never the password): a script's thousand requests then cost one PBKDF2 hash, not a thousand.
     */
    private static final Duration BASIC_CACHE = Duration.ofMinutes(5);
    private static final int BASIC_CACHE_SIZE = 10_000;

    private final Accounts accounts;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final boolean secureCookie;
    private final Clock clock;
    private final byte[] cacheKey = new byte[32];
    private final Map<String, Cached> basicCache = new ConcurrentHashMap<>();

    private record Cached(String userName, String passwordHash, long expiresMs) {}

    record LoginBody(String user, char[] password) {}

    /** Thrown by the checks; answered as {"error": ...} with its status. */
    static final class Refused extends RuntimeException {
        final int status;
        final long retryAfterSeconds;

        Refused(int status, String message, long retryAfterSeconds) {
            super(message, null, false, false);
            this.status = status;
            this.retryAfterSeconds = retryAfterSeconds;
        }
    }

    /**
     * @param secureCookie mark the session cookie Secure: set it when the console is reached over HTTPS (a TLS
     *                     reverse proxy), so that the browser never sends the cookie in clear text
     */
    public Guard(Accounts accounts, Sessions sessions, LoginThrottle throttle, boolean secureCookie, Clock clock) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.throttle = throttle;
        this.secureCookie = secureCookie;
        this.clock = clock;
        new SecureRandom().nextBytes(cacheKey);
    }

    /** The account of this request (after the before-handler), or null on a public route. */
    public static Account account(Context ctx) {
        return ctx.attribute(ACCOUNT);
    }

    /** Adds the before-handler and the login, logout and me routes. */
    public void install(Javalin app) {
        app.exception(Refused.class, (e, ctx) -> {
            if (e.status == 401 && ctx.header(CONSOLE_HEADER) == null) {
                ctx.header("WWW-Authenticate", "Basic realm=\"FreshScale\", charset=\"UTF-8\"");
            }
            if (e.retryAfterSeconds > 0) ctx.header("Retry-After", Long.toString(e.retryAfterSeconds));
            ctx.status(e.status).json(Map.of("error", e.getMessage()));
        });
        app.beforeMatched(this::check);
        app.post("/api/login", this::login);
        app.post("/api/logout", ctx -> {
            sessions.end(ctx.cookie(COOKIE));
            ctx.cookie(cookie("", 0));
            ctx.status(204);
        });
        app.get("/api/me", ctx -> ctx.json(describe(account(ctx))));
    }

    /** Refuses to start a server with an /api route that has no line in {@link AccessRules}. */
    public static void requireRulesFor(Javalin app) {
        List<String> missing = app.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream().map(ParsedEndpoint::getEndpoint)
                .filter(e -> e.getPath().startsWith("/api/") && java.util.Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
                        .contains(e.getMethod().name()) && AccessRules.permission(e.getMethod().name(), e.getPath()).isEmpty())
                .map(e -> e.getMethod() + " " + e.getPath()).toList();
        if (!missing.isEmpty()) throw new IllegalStateException("HTTP routes without an access rule in AccessRules: " + missing);
    }

    private void check(Context ctx) {
        String route = ctx.endpointHandlerPath();
        if (!route.startsWith("/api/")) return; // the console's static pages: they show nothing without the API
        String method = ctx.method().name();
        String type = ctx.contentType();
        boolean json = type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
        // Another site's page can POST without a CORS preflight (an HTML form with text/plain, form-urlencoded or
        // multipart; fetch with a body of no type, which sends no Content-Type), with Basic credentials the browser
        // remembers; a JSON request needs the preflight. So a POST must be JSON (logout has no body and only ends
        // a session), and PUT, PATCH and DELETE, which always need the preflight, may leave the type out.
        boolean post = method.equals("POST") && !route.equals("/api/logout");
        if (AccessRules.takesCsv(method, route)) {
            // text/csv, like JSON, is not a type an HTML form can send: the browser asks (preflight) first
            boolean csv = type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("text/csv");
            if (!csv) throw new Refused(415, "send the file as Content-Type: text/csv", 0);
        } else if ((post && !json) || (!method.equals("GET") && !method.equals("HEAD") && type != null && !json)) {
            throw new Refused(415, "send the request body as Content-Type: application/json", 0);
        }
        // a route missing from the table is HQ's only (requireRulesFor keeps that from happening)
        AccessRules.Permission permission = AccessRules.permission(method, route).orElse(AccessRules.Permission.HQ);
        if (permission == AccessRules.Permission.PUBLIC) return;
        Account account = authenticate(ctx);
        String pathStore = ctx.pathParamMap().get("store");
        AccessRules.Decision d = AccessRules.decide(permission, account, pathStore, ctx.queryParam("store"));
        if (!d.allowed()) {
            String reason = d.reason();
            if (d.status() == 401 && !accounts.any()) reason = NO_ACCOUNTS;
            throw new Refused(d.status(), reason, 0);
        }
        ctx.attribute(ACCOUNT, account);
    }

    static final String NO_ACCOUNTS = "no user account exists yet: on the server, create one with "
            + "`freshscale-server user add <name> --role hq` (password from stdin), then log in";

    private Account authenticate(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null) return basic(ctx, authorization);
        String token = ctx.cookie(COOKIE);
        if (token == null) return null;
        return sessions.resolve(token).orElseThrow(() -> new Refused(401, "your session has ended: log in again", 0));
    }

    private Account basic(Context ctx, String authorization) {
        if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw new Refused(401, "only HTTP Basic authorization is accepted (Authorization: Basic base64(user:password))", 0);
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new Refused(401, "the Basic credentials are not base64", 0);
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) throw new Refused(401, "the Basic credentials need user:password", 0);
        String user = decoded.substring(0, colon);
        char[] password = decoded.substring(colon + 1).toCharArray();
        try {
            String key = cacheKey(user, password);
            Cached hit = basicCache.get(key);
            if (hit != null && hit.expiresMs() > clock.millis()) {
                // the account is read afresh: a removed account or a new password ends the cached login at once
                Optional<Accounts.Stored> now = accounts.find(user);
                if (now.isPresent() && now.get().passwordHash().equals(hit.passwordHash())) return now.get().account();
                basicCache.remove(key);
            }
            // the hash cached is the one this password was checked against, not a second read: a password
            // changed in between must not leave the old one cached as good
            Accounts.Stored s = verify(user, password, ctx.ip());
            if (basicCache.size() >= BASIC_CACHE_SIZE) basicCache.clear();
            basicCache.put(key, new Cached(user, s.passwordHash(), clock.millis() + BASIC_CACHE.toMillis()));
            return s.account();
        } finally {
            PasswordHasher.wipe(password);
        }
    }

    /** One password check for the login form and HTTP Basic alike: throttled, logged, the same answers. */
    private Accounts.Stored verify(String user, char[] password, String address) {
        // no account has a name this long: a megabyte of "user name" is counted (and stored) as its first 128 characters
        if (user.length() > 128) user = user.substring(0, 128);
        Duration wait = throttle.wait(user, address);
        if (!wait.isZero()) {
            long s = Math.max(1, (wait.toMillis() + 999) / 1000);
            throw new Refused(429, "too many failed logins: try again in " + s + " s", s);
        }
        Optional<Accounts.Stored> a = accounts.verifyStored(user, password);
        if (a.isEmpty()) {
            throttle.failed(user, address);
            // capped: a 1 MB "user name" is one line of the usual size, and no forged second line
            LOG.warn("failed login for user '{}' from {}", com.freshscale.protocol.LogText.cap(user).replaceAll("[^A-Za-z0-9._@() -]", "?"),
                    address);
            throw new Refused(401, accounts.any() ? "wrong user name or password" : NO_ACCOUNTS, 0);
        }
        throttle.succeeded(user, address);
        return a.get();
    }

    private void login(Context ctx) throws IOException {
        LoginBody b;
        try {
            // a user given twice is refused: a proxy or log that took the first would see another user log in
            b = com.freshscale.server.http.JsonBodyError.reader().forType(LoginBody.class).readValue(ctx.bodyAsBytes());
        } catch (IOException e) {
            throw new IllegalArgumentException("send {\"user\": \"...\", \"password\": \"...\"}");
        }
        if (b == null || b.user() == null || b.password() == null) throw new IllegalArgumentException("'user' and 'password' are required");
        try {
            Account a = verify(b.user(), b.password(), ctx.ip()).account();
            ctx.cookie(cookie(sessions.start(a.userName()), -1));
            LOG.info("{} ({}) logged in from {}", a.userName(), a.role().id(), ctx.ip());
            ctx.json(describe(a));
        } finally {
            PasswordHasher.wipe(b.password());
        }
    }

    /** HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it: CSRF), Secure behind TLS. */
    private Cookie cookie(String value, int maxAge) {
        return new Cookie(COOKIE, value, "/", maxAge, secureCookie, 0, true, null, null, SameSite.STRICT);
    }

    private static Map<String, Object> describe(Account a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user", a.userName());
        m.put("role", a.role().id());
        m.put("stores", a.stores().stream().sorted().toList());
        return m;
    }

    private String cacheKey(String user, char[] password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(cacheKey, "HmacSHA256"));
            mac.update(user.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            java.nio.ByteBuffer encoded = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(password));
            try {
                mac.update(encoded.duplicate());
            } finally {
                // the password's bytes do not outlive the request, as its chars do not (PasswordHasher.wipe)
                if (encoded.hasArray()) java.util.Arrays.fill(encoded.array(), (byte) 0);
            }
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
