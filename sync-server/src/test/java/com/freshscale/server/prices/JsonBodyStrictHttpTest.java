package com.freshscale.server.prices;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every request body the console server reads refuses a field given twice with a 400 that names it, and changes nothing:
 * the reader would take the last ({@code {"plu":"4011","plu":"4020"}}) where a proxy or a log may show the first. A body
 * that is not UTF-8 (a Latin-1 export) is said to be so, not with the parser's "Invalid UTF-8 middle byte 0x70". A real
 * server over HTTP.
 */
class JsonBodyStrictHttpTest extends PriceHttpTestBase {
    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        startServer(dir, "json-strict");
        assertThat(send("PUT", "/api/stores/s1/plus/4011", PriceRulesHttpTest.bananas("Bananas", 229)).statusCode()).isEqualTo(200);
    }

    @Test
    void aFieldGivenTwiceIsRefusedAndNothingChanges() throws Exception {
        long before = revision();
        String promotion = "{\"id\":\"wk48\",\"pluCode\":\"4011\",\"kind\":\"PERCENT_OFF\",\"value\":1000,\"value\":9000,"
                + "\"validFrom\":\"2030-01-01T00:00:00Z\",\"validUntil\":\"2030-01-08T00:00:00Z\",\"texts\":{\"en\":\"-10 %\"}}";
        assertThat(error(send("PUT", "/api/stores/s1/promotions/wk48", promotion)))
                .isEqualTo("bad promotion JSON: the field 'value' is given twice (line 1, column 72); give each field once");
        // nested, in a change set
        String plu = PriceRulesHttpTest.bananas("Bananas", 229).replace("\"unitPriceMinor\":229", "\"unitPriceMinor\":229,\"unitPriceMinor\":1");
        assertThat(error(send("POST", "/api/stores/s1/changes", changes("\"putPlus\":[" + plu + "]"))))
                .startsWith("bad change set JSON: the field 'unitPriceMinor' is given twice");
        assertThat(revision()).as("nothing changed").isEqualTo(before);
        assertThat(send("GET", "/api/stores/s1/promotions", null).body()).doesNotContain("wk48");
        // each field once: taken
        HttpResponse<String> once = send("PUT", "/api/stores/s1/promotions/wk48", promotion.replace("\"value\":9000,", ""));
        assertThat(once.statusCode()).as(once.body()).isEqualTo(200);
    }

    @Test
    void aLoginOrAnEnrolmentWithAFieldGivenTwiceIsRefused() throws Exception {
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + "/api/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"anna\",\"user\":\"bob\",\"password\":\"json-strict-pw\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(400);
        assertThat(login.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(error(send("POST", "/api/enrollments", "{\"storeId\":\"s1\",\"scaleId\":\"a\",\"scaleId\":\"b\"}")))
                .startsWith("bad request body JSON: the field 'scaleId' is given twice");
    }

    @Test
    void aBodyInLatin1IsSaidNotToBeUtf8() throws Exception {
        byte[] latin1 = PriceRulesHttpTest.bananas("Äpfel", 229).getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + "/api/stores/s1/plus/4011"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        "anna:json-strict-pw".getBytes(StandardCharsets.UTF_8))).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(latin1)).build(), HttpResponse.BodyHandlers.ofString());
        String m = error(r);
        assertThat(m).startsWith("bad PLU JSON: the body is not UTF-8 text (line 1, column").contains("send JSON in UTF-8")
                .doesNotContain("Invalid UTF-8", "middle byte", "0x");
    }
}
