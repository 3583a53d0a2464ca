package com.freshscale.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.freshscale.server.app.ServerApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Logins and permissions over a real server (embedded broker, SQLite) and real HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GuardHttpTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String HQ_PW = "hq-password-1";
    static final String ANNA_PW = "anna-password-1";
    ServerApp server;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        server = com.freshscale.server.LocalServer.start(dir, "guard-test");
        server.accounts().add(new Account("boss", Role.HQ, Set.of()), HQ_PW.toCharArray());
        server.accounts().add(new Account("anna", Role.MANAGER, Set.of("north")), ANNA_PW.toCharArray());
        server.prices().putStore("north", "North", "EUR", null);
        server.prices().putStore("south", "South", "EUR", null);
    }

    @AfterAll
    void stop() {
        if (server != null) server.close();
    }

    HttpRequest.Builder req(String method, String path, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
    }

    HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String basic(String user, String pw) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + pw).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> as(String user, String pw, String method, String path, String body) throws Exception {
        return send(req(method, path, body).header("Authorization", basic(user, pw)));
    }

    HttpResponse<String> login(String user, String pw) throws Exception {
        return send(req("POST", "/api/login", JSON.writeValueAsString(java.util.Map.of("user", user, "password", pw))));
    }

    static String sessionCookie(HttpResponse<String> login) {
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    static final String PLU = "{\"code\":\"4011\",\"names\":{\"en\":\"Bananas\"},\"saleType\":\"PER_KG\",\"unitPriceMinor\":199,"
            + "\"currency\":\"EUR\",\"presetTareMg\":0,\"shelfLifeDays\":0,\"barcodeLayout\":\"ean13-price\",\"labelLayout\":\"default\","
            + "\"modelLabels\":[],\"active\":true}";

    @Test
    void withoutCredentialsEveryApiRouteButHealthAnswers401() throws Exception {
        assertThat(send(req("GET", "/api/health", null)).statusCode()).isEqualTo(200);
        HttpResponse<String> r = send(req("GET", "/api/stores", null));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("log in first");
        assertThat(r.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Basic realm=\"FreshScale\"");
        // the console's own requests get no Basic challenge (no browser login box)
        assertThat(send(req("GET", "/api/stores", null).header(Guard.CONSOLE_HEADER, "1")).headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(send(req("PUT", "/api/stores/north/plus/4011", PLU)).statusCode()).isEqualTo(401);
        assertThat(send(req("GET", "/api/reports/sales", null)).statusCode()).isEqualTo(401);
        assertThat(send(req("POST", "/api/scales/north/s1/commands", "{\"command\":\"REQUEST_STATUS\"}")).statusCode()).isEqualTo(401);
        assertThat(send(req("GET", "/api/stores", null).header("Cookie", "fs_session=forged")).statusCode()).isEqualTo(401);
        assertThat(send(req("GET", "/api/stores", null).header("Authorization", "Bearer x")).statusCode()).isEqualTo(401);
        assertThat(send(req("GET", "/api/stores", null).header("Authorization", "Basic !!!")).statusCode()).isEqualTo(401);
        // the pages themselves are public: they show nothing without the API
        assertThat(send(req("GET", "/console/login.html", null)).statusCode()).isEqualTo(200);
    }

    @Test
    void hqMayDoEverything() throws Exception {
        assertThat(as("boss", HQ_PW, "GET", "/api/stores", null).body()).contains("north", "south");
        assertThat(as("boss", HQ_PW, "PUT", "/api/stores/east", "{\"name\":\"East\",\"currency\":\"EUR\"}").statusCode()).isEqualTo(200);
        assertThat(as("boss", HQ_PW, "PUT", "/api/stores/south/plus/4011", PLU).statusCode()).isEqualTo(200);
        assertThat(as("boss", HQ_PW, "GET", "/api/reports/sales?by=store", null).statusCode()).isEqualTo(200);
        assertThat(as("boss", HQ_PW, "GET", "/api/sales/count", null).statusCode()).isEqualTo(200);
        // past the guard: the command handler answers that no scale s1 has reported in north
        HttpResponse<String> command = as("boss", HQ_PW, "POST", "/api/scales/north/s1/commands", "{\"command\":\"REQUEST_STATUS\"}");
        assertThat(command.statusCode()).isEqualTo(404);
        assertThat(command.body()).contains("s1");
    }

    @Test
    void aManagerWorksOnItsOwnStoreOnly() throws Exception {
        assertThat(as("anna", ANNA_PW, "PUT", "/api/stores/north/plus/4011", PLU).statusCode()).isEqualTo(200);
        assertThat(as("anna", ANNA_PW, "POST", "/api/stores/north/changes", "{\"putPlus\":[" + PLU.replace("199", "179")
                + "],\"putPromotions\":[],\"addScheduledPrices\":[],\"deletePromotions\":[],\"deleteScheduledPrices\":[],\"deletePlus\":[]}").statusCode())
                .isEqualTo(200);
        assertThat(as("anna", ANNA_PW, "GET", "/api/reports/sales?store=north", null).statusCode()).isEqualTo(200);
        assertThat(as("anna", ANNA_PW, "GET", "/api/scales?store=north", null).statusCode()).isEqualTo(200);
        JsonNode stores = JSON.readTree(as("anna", ANNA_PW, "GET", "/api/stores", null).body());
        assertThat(stores).extracting(n -> n.get("storeId").asText()).containsExactly("north");

        HttpResponse<String> other = as("anna", ANNA_PW, "PUT", "/api/stores/south/plus/4011", PLU.replace("199", "1"));
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.body()).contains("anna manages north, not store south");
        assertThat(server.prices().plus("south")).allSatisfy(p -> assertThat(p.unitPriceMinor()).isNotEqualTo(1));
        assertThat(as("anna", ANNA_PW, "GET", "/api/stores/south/plus", null).statusCode()).isEqualTo(403);
        assertThat(as("anna", ANNA_PW, "GET", "/api/reports/sales?store=south", null).statusCode()).isEqualTo(403);
        assertThat(as("anna", ANNA_PW, "GET", "/api/reports/sales", null).statusCode()).isEqualTo(403); // the whole chain
        assertThat(as("anna", ANNA_PW, "GET", "/api/sales?store=south", null).statusCode()).isEqualTo(403);
        // HQ's jobs
        assertThat(as("anna", ANNA_PW, "PUT", "/api/stores/west", "{\"name\":\"West\",\"currency\":\"EUR\"}").statusCode()).isEqualTo(403);
        assertThat(as("anna", ANNA_PW, "POST", "/api/scales/north/s1/commands", "{\"command\":\"REQUEST_STATUS\"}").statusCode()).isEqualTo(403);
        assertThat(server.prices().stores()).extracting(s -> s.storeId()).doesNotContain("west");
    }

    @Test
    void theConsoleLogsInWithASessionCookieAndLogsOut() throws Exception {
        HttpResponse<String> ok = login("anna", ANNA_PW);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(ok.body()).get("role").asText()).isEqualTo("manager");
        String setCookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("fs_session=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict")
                .containsIgnoringCase("Path=/").doesNotContainIgnoringCase("Secure;").doesNotContainIgnoringCase("Max-Age");
        String cookie = sessionCookie(ok);
        JsonNode me = JSON.readTree(send(req("GET", "/api/me", null).header("Cookie", cookie)).body());
        assertThat(me.get("user").asText()).isEqualTo("anna");
        assertThat(me.get("stores").get(0).asText()).isEqualTo("north");
        assertThat(send(req("GET", "/api/stores/north/plus", null).header("Cookie", cookie)).statusCode()).isEqualTo(200);
        assertThat(send(req("GET", "/api/stores/south/plus", null).header("Cookie", cookie)).statusCode()).isEqualTo(403);

        assertThat(send(req("POST", "/api/logout", null).header("Cookie", cookie)).statusCode()).isEqualTo(204);
        HttpResponse<String> after = send(req("GET", "/api/stores/north/plus", null).header("Cookie", cookie));
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(after.body()).contains("session has ended");
    }

    @Test
    void aWrongPasswordIsRefusedAndChangesNothing() throws Exception {
        HttpResponse<String> r = login("boss", "not-the-password");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("wrong user name or password");
        assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
        // an unknown user gets the same answer: the API does not tell which user names exist
        assertThat(login("nobody", "not-the-password").body()).isEqualTo(r.body());
        assertThat(as("boss", "not-the-password", "PUT", "/api/stores/north/plus/4011", PLU.replace("199", "2")).statusCode()).isEqualTo(401);
        assertThat(server.prices().plus("north")).allSatisfy(p -> assertThat(p.unitPriceMinor()).isNotEqualTo(2));
        assertThat(send(req("POST", "/api/login", "{\"user\":\"boss\"}")).statusCode()).isEqualTo(400);
        assertThat(send(req("POST", "/api/login", "not json")).statusCode()).isEqualTo(400);
    }

    @Test
    void repeatedWrongPasswordsLockTheUserOut() throws Exception {
        server.accounts().add(new Account("carl", Role.MANAGER, Set.of("south")), "carl-password-1".toCharArray());
        for (int i = 0; i < LoginThrottle.USER_FREE_FAILURES; i++) {
            assertThat(login("carl", "guess-" + i).statusCode()).isEqualTo(401);
        }
        // now even the right password waits, and HTTP Basic is throttled alike
        HttpResponse<String> locked = login("carl", "carl-password-1");
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.body()).contains("too many failed logins");
        assertThat(Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 30L);
        assertThat(as("carl", "carl-password-1", "GET", "/api/stores", null).statusCode()).isEqualTo(429);
        // others are not affected
        assertThat(login("boss", HQ_PW).statusCode()).isEqualTo(200);
    }

    @Test
    void removingAnAccountOrChangingItsPasswordEndsItsLogins() throws Exception {
        server.accounts().add(new Account("dora", Role.MANAGER, Set.of("north")), "dora-password-1".toCharArray());
        String cookie = sessionCookie(login("dora", "dora-password-1"));
        assertThat(as("dora", "dora-password-1", "GET", "/api/stores", null).statusCode()).isEqualTo(200);
        server.accounts().setPassword("dora", "dora-password-2".toCharArray());
        assertThat(send(req("GET", "/api/stores", null).header("Cookie", cookie)).statusCode()).isEqualTo(401);
        assertThat(as("dora", "dora-password-1", "GET", "/api/stores", null).statusCode()).isEqualTo(401); // despite the Basic cache
        assertThat(as("dora", "dora-password-2", "GET", "/api/stores", null).statusCode()).isEqualTo(200);
        server.accounts().remove("dora");
        assertThat(as("dora", "dora-password-2", "GET", "/api/stores", null).statusCode()).isEqualTo(401);
    }

    @Test
    void aWriteThatIsNotJsonIsRefused() throws Exception {
        long before = server.prices().store("north").revision();
        // a cross-site form can send text/plain without a CORS preflight
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + "/api/stores/north/changes"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"putPlus\":[]}")).header("Content-Type", "text/plain")
                .header("Authorization", basic("boss", HQ_PW)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(415);
        // nor can a POST leave the type out (fetch with an untyped body sends none, without a preflight)
        HttpResponse<String> untyped = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort()
                        + "/api/stores/north/changes")).POST(HttpRequest.BodyPublishers.ofString("{\"putPlus\":[]}"))
                .header("Authorization", basic("boss", HQ_PW)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(untyped.statusCode()).isEqualTo(415);
        assertThat(server.prices().store("north").revision()).as("nothing changed").isEqualTo(before);
    }

    /** Issue 12, "Why" point 9: a 1 MB login name wrote a 1 MB log line; the console sent no protective headers. */
    @Test
    void aHugeLoginNameMakesAShortLogLineAndEveryAnswerCarriesTheProtectiveHeaders() throws Exception {
        ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(Guard.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines = new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        log.addAppender(lines);
        try {
            String name = "u".repeat(1_000_000);
            HttpResponse<String> r = send(req("POST", "/api/login", JSON.writeValueAsString(java.util.Map.of("user", name, "password", "x"))));
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(lines.list).isNotEmpty();
            assertThat(lines.list).allSatisfy(e -> assertThat(e.getFormattedMessage().length()).isLessThan(500));
        } finally {
            log.detachAppender(lines);
        }
        for (String path : java.util.List.of("/api/me", "/api/health", "/console/")) {
            HttpResponse<String> r = send(req("GET", path, null));
            assertThat(r.headers().firstValue("X-Frame-Options")).as(path).contains("DENY");
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(path).hasValueSatisfying(v -> assertThat(v).contains("frame-ancestors 'none'"));
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
            if (path.startsWith("/api/")) assertThat(r.headers().firstValue("Cache-Control")).as(path).contains("no-store");
        }
    }
}
