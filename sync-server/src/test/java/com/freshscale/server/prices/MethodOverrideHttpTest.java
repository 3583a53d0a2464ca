package com.freshscale.server.prices;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request is the method of its request line: Javalin would take {@code X-HTTP-Method-Override} instead (the probe's
 * POST with {@code X-HTTP-Method-Override: DELETE} deleted an item, 204). Now such a POST is answered as any POST to
 * that path, and nothing changes. A real server over HTTP.
 */
class MethodOverrideHttpTest extends PriceHttpTestBase {
    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        startServer(dir, "method-override");
        assertThat(send("PUT", "/api/stores/s1/plus/4011", InputValidationHttpTest.plu("\"Bananas\"", "\"Cavendish\"", "[\"Banana\"]"))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void aPostThatSaysDeleteIsAnsweredAsAPostAndDeletesNothing() throws Exception {
        long before = revision();
        for (String header : new String[] {"X-HTTP-Method-Override", "x-http-method-override"}) {
            HttpResponse<String> r = send("POST", "/api/stores/s1/plus/4011", "{}", header, "DELETE");
            assertThat(r.statusCode()).as(r.body()).isIn(404, 405);
            assertThat(r.body()).contains("POST");
        }
        // a GET that says DELETE reads the item
        HttpResponse<String> read = send("GET", "/api/stores/s1/plus/4011", null, "X-HTTP-Method-Override", "DELETE");
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(read.body()).contains("Bananas");
        assertThat(server.prices().plu("s1", "4011").name("en")).isEqualTo("Bananas");
        assertThat(revision()).isEqualTo(before);
        // the route itself still deletes, by its own method
        assertThat(send("DELETE", "/api/stores/s1/plus/4011", null).statusCode()).isEqualTo(204);
    }
}
