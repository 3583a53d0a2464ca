package com.freshscale.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.device.ui.KioskBackend;
import com.freshscale.device.ui.KioskView;
import com.freshscale.device.app.ScaleApp;
import com.freshscale.device.ui.Session;
import com.freshscale.protocol.sales.Sale;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The scale app end to end through its backend API (the kiosk's calls), against the real server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class ScaleAppTest {
    DemoStack stack;

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        stack = new DemoStack(tmp);
    }

    @AfterAll
    void stop() {
        if (stack != null) stack.close();
    }

    private String state() {
        return stack.scale.view().state();
    }

    private void awaitState(String... states) {
        try {
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> List.of(states).contains(state()));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("expected one of " + List.of(states) + ", the kiosk shows " + stack.scale.view(), e);
        }
    }

    @Test
    void aWeighedItemIsRecordedInTheOutboxBeforeItsLabelPrintsAndReachesTheServer() throws Exception {
        KioskBackend.Simulation sim = stack.scale.simulation().orElseThrow();
        String bananaPhoto = photo(sim, "Banana");
        long placed = System.nanoTime();
        sim.place(bananaPhoto, 1234);
        awaitState("SUGGESTING", "CAMERA_ERROR", "PICKED", "PRICED");
        // the figure behind "a label in a few seconds": put on → settled → recognised → tiles on screen
        System.out.printf("tiles on screen %d ms after the item was put on%n", (System.nanoTime() - placed) / 1_000_000);
        Session.Answer pick = stack.scale.pick("4011", 0);
        assertThat(pick.accepted()).as(String.valueOf(pick.messageKey())).isTrue();
        awaitState("PRICED");
        long net = stack.scale.view().priced().netMg();
        assertThat(net).isBetween(1_230_000L, 1_238_000L);
        long before = stack.server.ingest().stored();
        assertThat(stack.scale.print().accepted()).isTrue();
        assertThat(state()).isEqualTo("PRINTED");
        try (var files = Files.list(stack.labels())) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).anyMatch(n -> n.endsWith(".zpl")).anyMatch(n -> n.endsWith(".png"));
        }
        Awaitility.await("the sale reaches the server").atMost(Duration.ofSeconds(10))
                .until(() -> stack.server.ingest().stored() > before);
        Awaitility.await("the server's ack closes the outbox entry").atMost(Duration.ofSeconds(10))
                .until(() -> stack.scale.sync().outbox().depth() == 0);
        assertThat(stack.scale.print().accepted()).as("one label per weighing").isFalse();

        // the service menu's reprint of this printed label (the probe: byte for byte, no mark) is a copy marked as one
        String saleId = stack.scale.view().sold().saleId();
        long job;
        String name;
        try (var c = com.freshscale.device.store.DeviceDatabase.open(stack.dir.resolve("scale.db")).connect();
             var q = c.prepareStatement("SELECT id, name FROM label_job WHERE sale_id = ?")) {
            q.setString(1, saleId);
            try (var rs = q.executeQuery()) {
                assertThat(rs.next()).isTrue();
                job = rs.getLong(1);
                name = rs.getString(2);
            }
        }
        String original = Files.readString(stack.labels().resolve(name + ".zpl"));
        Map<String, Object> reprinted = stack.scale.service().reprint(job);
        assertThat(reprinted).containsEntry("printed", true).containsEntry("copy", true);
        String copy = Files.readString(stack.labels().resolve(name + "-copy.zpl"));
        assertThat(copy).as("the demo store's labels are German").contains("*** KOPIE ***").startsWith(original.substring(0, original.indexOf("^PQ1")));
        assertThat(original).doesNotContain("KOPIE");
        assertThat(Files.readString(stack.labels().resolve(name + ".zpl"))).as("the original's file is kept").isEqualTo(original);
        assertThat(stack.scale.service().auditLog()).extracting(e -> e.get("detail"))
                .contains("job " + job + " of sale " + saleId + " (copy marked KOPIE/COPY) printed");
        sim.takeOff();
        awaitState("REMOVED", "IDLE");
    }

    /**
     * No label, no sale (issue 11, why 4 and 8): labels run out between the printer's last status and Print.
     * The sale waits (HQ does not count it), the label prints by itself once labels are in, and its file names
     * the sale; a second sale whose item is taken off without its label reaches HQ voided, with the reason.
     */
    @Test
    @org.junit.jupiter.api.Order(40)
    void aSaleCountsAtHqOnlyOnceItsLabelPrintedAndOneThatNeverPrintedIsVoided() throws Exception {
        KioskBackend.Simulation sim = stack.scale.simulation().orElseThrow();
        String banana = photo(sim, "Banana");
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (boolean takenOff : List.of(false, true)) {
            awaitState("IDLE", "REMOVED");
            sim.place(banana, 700);
            awaitState("SUGGESTING", "CAMERA_ERROR", "PRICED");
            if (!state().equals("PRICED")) assertThat(stack.scale.pick("4011", 0).accepted()).isTrue();
            awaitState("PRICED");
            long stored = stack.server.ingest().stored();
            Session.Answer printed = null;
            for (int attempt = 0; attempt < 5 && (printed == null || !printed.accepted()); attempt++) {
                if (attempt > 0) {
                    // the printer watch (it looks every 2 s) saw the paper out before the press, which waits for a fresh
                    // reading (tens of ms), and the scale refused the print as it should: labels in, priced again, retried
                    assertThat(printed.messageKey()).isIn("printer_unavailable", "nothing_to_print");
                    sim.printerPaperOut(false);
                    awaitState("SUGGESTING", "CAMERA_ERROR", "PRICED");
                    if (!state().equals("PRICED")) assertThat(stack.scale.pick("4011", 0).accepted()).isTrue();
                    awaitState("PRICED");
                }
                sim.printerPaperOut(true);
                printed = stack.scale.print(); // accepted when it comes before the printer watch's next look
            }
            assertThat(printed.accepted()).isTrue();
            KioskView failed = stack.scale.view();
            assertThat(failed.state()).isEqualTo("PRINTER_ERROR");
            assertThat(failed.printerFault()).isEqualTo("PAPER_OUT");
            String saleId = failed.sold().saleId();
            Sale waiting = stack.scale.sync().outbox().waiting().stream().filter(w -> w.saleId().equals(saleId)).findFirst().orElseThrow();
            Thread.sleep(1500);
            assertThat(stack.server.ingest().stored()).as("HQ does not count a sale without its label").isEqualTo(stored);
            String label = String.format("label-%06d.zpl", waiting.saleNumber());
            assertThat(stack.labels().resolve(label)).doesNotExist();
            if (!takenOff) {
                sim.printerPaperOut(false);
                awaitState("PRINTED"); // printed without a tap once labels are in
                assertThat(stack.labels().resolve(label)).exists();
                assertThat(stack.labels().resolve(String.format("sale-%06d.png", waiting.saleNumber()))).exists();
                Awaitility.await("the printed sale reaches HQ").atMost(Duration.ofSeconds(10))
                        .until(() -> stack.server.ingest().stored() > stored);
                sim.takeOff();
            } else {
                sim.takeOff();
                // the thank-you gives way at once to "out of labels": no next sale starts before labels are in
                awaitState("REMOVED", "IDLE", "PRINTER_UNAVAILABLE");
                sim.printerPaperOut(false);
                Awaitility.await("the voided sale reaches HQ's report").atMost(Duration.ofSeconds(10)).until(() -> {
                    var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(stack.consoleUrl() + "/api/reports/voided"))
                            .header("Authorization", stack.authorization()).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                    for (var row : json.readTree(r.body())) {
                        if (row.get("sale_id").asText().equals(saleId)) {
                            assertThat(row.get("void_reason").asText()).contains("PAPER_OUT").contains("taken off");
                            // when the scale gave it up, by its clock (Sale.voidedAt); it arrived voided: no late-void time
                            java.time.Instant gaveUp = java.time.Instant.parse(row.get("scale_voided_at").asText());
                            assertThat(gaveUp).isAfterOrEqualTo(java.time.Instant.parse(row.get("sold_at").asText()))
                                    .isBeforeOrEqualTo(java.time.Instant.now());
                            assertThat(row.get("voided_at").isNull()).isTrue();
                            return true;
                        }
                    }
                    return false;
                });
                assertThat(stack.scale.sync().outbox().labelState(saleId)).contains("VOIDED");
                assertThat(stack.labels().resolve(label)).doesNotExist();
            }
        }
        awaitState("IDLE", "REMOVED");
    }

    /**
     * The probe (F2): 600 g sold, labels out, the label waiting; 4 kg put on, labels in, and the label printed by itself
     * "0,600 kg" with 4 kg on the platter. The waiting label prints only on the load it was sold for (a reading taken
     * after the printer came back, stable at the priced weight); on another load the sale is void (no label, no sale)
     * and the load on the platter is weighed afresh.
     */
    @Test
    @org.junit.jupiter.api.Order(41)
    void aLabelWaitingOnThePrinterIsNotPrintedForALoadThatChangedMeanwhile() throws Exception {
        KioskBackend.Simulation sim = stack.scale.simulation().orElseThrow();
        String banana = photo(sim, "Banana");
        sim.takeOff(); // whatever a failed test before left on the platter
        awaitState("IDLE", "REMOVED");
        sim.place(banana, 600);
        awaitState("SUGGESTING", "CAMERA_ERROR", "PICKED", "PRICED");
        if (stack.scale.view().pick() == null || !stack.scale.view().pick().plu().equals("4011")) {
            stack.scale.back();
            assertThat(stack.scale.pick("4011", 0).accepted()).isTrue();
        }
        awaitState("PRICED");
        Session.Answer printed = null;
        for (int attempt = 0; attempt < 5 && (printed == null || !printed.accepted()); attempt++) {
            if (attempt > 0) { // the printer watch looked first (see above): labels in, priced again, retried
                sim.printerPaperOut(false);
                awaitState("SUGGESTING", "CAMERA_ERROR", "PICKED", "PRICED");
                if (!state().equals("PRICED")) assertThat(stack.scale.pick("4011", 0).accepted()).isTrue();
                awaitState("PRICED");
            }
            sim.printerPaperOut(true);
            printed = stack.scale.print();
        }
        assertThat(printed.accepted()).isTrue();
        assertThat(state()).isEqualTo("PRINTER_ERROR");
        String saleId = stack.scale.view().sold().saleId();
        Sale waiting = stack.scale.sync().outbox().waiting().stream().filter(w -> w.saleId().equals(saleId)).findFirst().orElseThrow();
        String label = String.format("label-%06d.zpl", waiting.saleNumber());
        sim.place(banana, 4000);
        Awaitility.await("4 kg settled").atMost(Duration.ofSeconds(20)).until(() -> {
            KioskView v = stack.scale.view();
            return v.weight() != null && Boolean.TRUE.equals(v.weight().stable()) && v.weight().netMg() != null
                    && v.weight().netMg() > 3_990_000L;
        });
        sim.printerPaperOut(false);
        Awaitility.await("the waiting sale is voided").atMost(Duration.ofSeconds(20))
                .until(() -> stack.scale.sync().outbox().labelState(saleId).filter("VOIDED"::equals).isPresent());
        assertThat(stack.labels().resolve(label)).as("no 0,600 kg label with 4 kg on the platter").doesNotExist();
        assertThat(state()).isNotIn("PRINTED", "PRINTER_ERROR");
        sim.takeOff();
        awaitState("IDLE", "REMOVED");
    }

    /**
     * The probe's race: 1 kg priced, 3 kg put on and Print pressed at once (0–10 ms apart over HTTP) printed a 1.000 kg
     * label in 3 of 6 tries, for the last stable reading had not caught up with the new load. Print now needs a stable
     * reading taken after the press at the priced weight: each try is refused with "wait until the weight settles",
     * nothing is sold, and the scale prices the new load again. Pressed here without any delay, in process.
     */
    @Test
    @org.junit.jupiter.api.Order(44)
    void aPrintPressedAsTheLoadChangesIsRefusedAndNothingIsSold() throws Exception {
        KioskBackend.Simulation sim = stack.scale.simulation().orElseThrow();
        String banana = photo(sim, "Banana");
        for (int attempt = 0; attempt < 3; attempt++) {
            awaitState("IDLE", "REMOVED");
            sim.place(banana, 1000);
            awaitState("SUGGESTING", "CAMERA_ERROR", "PICKED", "PRICED");
            if (stack.scale.view().pick() == null || !stack.scale.view().pick().plu().equals("4011")) {
                stack.scale.back();
                assertThat(stack.scale.pick("4011", 0).accepted()).isTrue();
            }
            awaitState("PRICED");
            assertThat(stack.scale.view().priced().netMg()).isBetween(998_000L, 1_002_000L);
            long labels;
            try (var files = Files.list(stack.labels())) {
                labels = files.count();
            }
            sim.place(banana, 3000);
            Session.Answer print = stack.scale.print();
            assertThat(print.accepted()).as("attempt " + attempt + ": a 1 kg label with 3 kg going on").isFalse();
            assertThat(print.messageKey()).isEqualTo("wait_stable");
            // the new load settles and is weighed as it is; nothing was sold or printed for the old one
            Awaitility.await("3 kg settled").atMost(Duration.ofSeconds(20)).until(() -> {
                KioskView v = stack.scale.view();
                return v.weight() != null && Boolean.TRUE.equals(v.weight().stable()) && v.weight().netMg() != null
                        && v.weight().netMg() > 2_990_000L;
            });
            assertThat(state()).isNotIn("PRINTED", "PRINTER_ERROR", "PAYING");
            assertThat(stack.scale.view().sold()).isNull();
            try (var files = Files.list(stack.labels())) {
                assertThat(files.count()).as("no label").isEqualTo(labels);
            }
            sim.takeOff();
        }
        awaitState("IDLE", "REMOVED");
    }

    /**
     * Probe: with 250 g of bananas priced, the technician's zero was accepted and the sale dropped without a word; after
     * the take-off 450 g read 0.200 kg for 9 s. The zero is refused while a shopper's sale is on the scale.
     */
    @Test
    @org.junit.jupiter.api.Order(46)
    void theTechniciansZeroIsRefusedWhileAShoppersSaleIsOnTheScale() throws Exception {
        KioskBackend.Simulation sim = stack.scale.simulation().orElseThrow();
        awaitState("IDLE", "REMOVED");
        sim.place(photo(sim, "Banana"), 250);
        awaitState("SUGGESTING", "CAMERA_ERROR", "PICKED", "PRICED");
        if (stack.scale.view().pick() == null || !stack.scale.view().pick().plu().equals("4011")) {
            stack.scale.back();
            assertThat(stack.scale.pick("4011", 0).accepted()).isTrue();
        }
        awaitState("PRICED");
        Map<String, Object> zero = stack.scale.service().zero("Test Technician");
        assertThat(zero.get("zeroed")).as(String.valueOf(zero.get("message"))).isEqualTo(false);
        assertThat((String) zero.get("message")).contains("a shopper's sale is in progress (an item is priced)");
        // the sale stays on the screen at its weight, and the scale's zero where it was
        assertThat(state()).isEqualTo("PRICED");
        assertThat(stack.scale.view().weight().netMg()).isBetween(248_000L, 252_000L);
        sim.takeOff();
        awaitState("IDLE", "REMOVED");
        sim.place(photo(sim, "Banana"), 450);
        Awaitility.await("450 g settled").atMost(Duration.ofSeconds(20)).until(() -> {
            KioskView v = stack.scale.view();
            return v.weight() != null && Boolean.TRUE.equals(v.weight().stable()) && v.weight().netMg() != null
                    && v.weight().netMg() > 440_000L;
        });
        assertThat(stack.scale.view().weight().netMg()).isBetween(448_000L, 452_000L);
        sim.takeOff();
        awaitState("IDLE", "REMOVED");
        assertThat(stack.scale.service().auditLog()).anySatisfy(e -> assertThat(e.get("detail").toString())
                .contains("refused: a shopper's sale is in progress"));
    }

    /**
     * Tare as a self-service scale does it (issue 11): the picked PLU's preset tare (the mushrooms' 12 g tray) is
     * taken by the scale with the pick and shown as NET; the label carries the load less the tray; the tare goes
     * when the platter is empty again. A shopper has no tare of their own.
     */
    @Test
    @org.junit.jupiter.api.Order(45)
    void thePresetTareOfThePickedItemIsTakenWithThePickAndGoesWithTheLoad() throws Exception {
        KioskBackend.Simulation sim = stack.scale.simulation().orElseThrow();
        String mushrooms = photo(sim, "Brown-Cap-Mushroom");
        awaitState("IDLE", "REMOVED");
        sim.place(mushrooms, 500);
        awaitState("SUGGESTING", "CAMERA_ERROR", "PICKED", "PRICED");
        if (stack.scale.view().pick() == null || !stack.scale.view().pick().plu().equals("1067")) {
            stack.scale.back();
            assertThat(stack.scale.pick("1067", 0).accepted()).isTrue();
        }
        Awaitility.await("the tray's tare is taken").atMost(Duration.ofSeconds(10)).until(() -> {
            KioskView v = stack.scale.view();
            return v.state().equals("PRICED") && Long.valueOf(12_000).equals(v.weight().tareMg()) && v.priced().tareMg() == 12_000;
        });
        KioskView v = stack.scale.view();
        assertThat(v.weight().netMode()).isTrue();
        assertThat(v.priced().netMg()).isBetween(486_000L, 490_000L);
        assertThat(v.priced().tareText()).isEqualTo("0.012 kg");
        assertThat(call("POST", "/api/tare", "{}", null).statusCode()).as("no shopper tare").isEqualTo(404);
        assertThat(call("POST", "/api/clear-tare", "{}", null).statusCode()).isEqualTo(404);
        sim.takeOff();
        awaitState("IDLE");
        Awaitility.await("the tare went with the load").atMost(Duration.ofSeconds(10))
                .until(() -> Long.valueOf(0).equals(stack.scale.view().weight().tareMg()));
    }

    // ---- the kiosk's HTTP API: bad requests, the service menu behind its PIN ----

    private final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();

    private java.net.http.HttpResponse<String> call(String method, String path, String body, String token) throws Exception {
        var b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(stack.kioskUrl() + path))
                .method(method, body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(body));
        if (token != null) b.header("X-Service-Token", token);
        b.header("Content-Type", "application/json"); // as the kiosk's pages send
        return http.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    /** A request as another site's page could make it: plain text (no CORS preflight), or from a foreign origin. */
    private java.net.http.HttpResponse<String> crossSite(String path, String type, String origin) throws Exception {
        var b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(stack.kioskUrl() + path))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"plu\": \"4011\", \"rank\": 1}")).header("Content-Type", type);
        if (origin != null) b.header("Origin", origin);
        return http.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The demo runs on what the repository carries (demo-assets/grocerystore, issue 15): the simulation panel
     * offers photos of every item of the price book, and every tile has its picture, a JPEG.
     */
    @Test
    void theSimulationOffersPhotosOfEveryItemAndEveryPluHasItsPicture() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        var photos = call("GET", "/api/sim/photos", null, null);
        assertThat(photos.statusCode()).isEqualTo(200);
        java.util.Set<String> offered = new java.util.HashSet<>();
        json.readTree(photos.body()).forEach(p -> offered.add(p.get("class").asText()));
        var book = stack.scale.sync().currentPriceBook().orElseThrow();
        assertThat(book.plus()).hasSize(50);
        java.util.Set<String> labels = new java.util.HashSet<>();
        for (var plu : book.plus()) {
            labels.addAll(plu.modelLabels());
            var picture = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(stack.kioskUrl() + "/api/picture/" + plu.code()))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertThat(picture.statusCode()).as("picture of " + plu.code()).isEqualTo(200);
            assertThat(picture.headers().firstValue("Content-Type")).as(plu.code()).hasValue("image/jpeg");
            // a JPEG starts with the SOI marker FF D8 (ITU-T T.81, B.1.1.3)
            assertThat(picture.body()).as(plu.code()).startsWith((byte) 0xFF, (byte) 0xD8);
        }
        assertThat(offered).isEqualTo(labels);
        assertThat(call("GET", "/api/picture/99999", null, null).statusCode()).isEqualTo(404);
    }

    /** A request with its own Host header (HttpClient may not set Host): the status code and body. */
    private String[] withHost(String method, String path, String host, String origin, String body) throws Exception {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", stack.kiosk.port())) {
            s.setSoTimeout(10_000);
            byte[] b = body == null ? new byte[0] : body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            String req = method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + (origin == null ? "" : "Origin: " + origin + "\r\n")
                    + "Content-Type: application/json\r\nContent-Length: " + b.length + "\r\nConnection: close\r\n\r\n";
            s.getOutputStream().write(req.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            s.getOutputStream().write(b);
            s.getOutputStream().flush();
            String answer = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return new String[] {answer.split(" ", 3)[1], answer};
        }
    }

    /**
     * DNS rebinding (the probe): a page on evil.example whose name then resolves to 127.0.0.1 sends Host and Origin
     * evil.example, which match, so the Origin check let it pick and print. The kiosk answers only to localhost and its
     * own address: every such request is refused with 403, pages and events included.
     */
    @Test
    void requestsForAnotherHostNameAreRefused() throws Exception {
        int port = stack.kiosk.port();
        String[] pick = withHost("POST", "/api/pick", "evil.example:" + port, "http://evil.example:" + port, "{\"plu\": \"4011\", \"rank\": 0}");
        assertThat(pick[0]).as(pick[1]).isEqualTo("403");
        assertThat(pick[1]).contains("DNS rebinding");
        assertThat(withHost("GET", "/api/view", "evil.example:" + port, null, null)[0]).isEqualTo("403");
        assertThat(withHost("GET", "/", "evil.example:" + port, null, null)[0]).as("the kiosk's page").isEqualTo("403");
        assertThat(withHost("GET", "/api/service/status", "evil.example", null, null)[0]).isEqualTo("403");
        for (String ok : new String[] {"localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port, "localhost"}) {
            assertThat(withHost("GET", "/api/view", ok, null, null)[0]).as(ok).isEqualTo("200");
        }
    }

    @Test
    void badKioskRequestsAreRefusedAndChangeNothing() throws Exception {
        String before = state();
        // the kiosk API takes only same-origin JSON: another site's plain-text or foreign-origin POST changes nothing
        assertThat(crossSite("/api/pick", "text/plain", null).statusCode()).isEqualTo(415);
        assertThat(crossSite("/api/print", "application/x-www-form-urlencoded", null).statusCode()).isEqualTo(415);
        assertThat(crossSite("/api/pick", "application/json", "http://evil.example").statusCode()).isEqualTo(403);
        var headers = call("GET", "/api/view", null, null).headers();
        assertThat(headers.firstValue("X-Frame-Options")).contains("DENY");
        assertThat(headers.firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(headers.firstValue("Cache-Control")).contains("no-store");
        assertThat(call("POST", "/api/pick", "not json", null).statusCode()).isEqualTo(400);
        assertThat(call("POST", "/api/pick", "{\"rank\": 1}", null).body()).contains("'plu' is required");
        assertThat(call("POST", "/api/count", "{\"pieces\": \"three\"}", null).statusCode()).isEqualTo(400);
        assertThat(call("POST", "/api/sim/place", "{\"photo\": \"p0\", \"grams\": -5}", null).statusCode()).isEqualTo(400);
        assertThat(call("POST", "/api/sim/place", "{\"photo\": \"nope\", \"grams\": 500}", null).statusCode()).isEqualTo(400);
        var refused = call("POST", "/api/print", null, null);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("nothing_to_print");
        assertThat(call("POST", "/api/pick", "{\"plu\": \"99999\", \"rank\": 0}", null).body()).contains("unknown_plu");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void theServiceMenuNeedsThePinLocksAfterWrongOnesAndAuditsWhatIsDone() throws Exception {
        assertThat(call("GET", "/api/service/status", null, null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/service/status", null, "forged").statusCode()).isEqualTo(401);
        assertThat(call("POST", "/api/service/login", "{\"pin\": \"0000\"}", null).body()).contains("wrong PIN");
        var ok = call("POST", "/api/service/login", "{\"pin\": \"4711\"}", null);
        assertThat(ok.statusCode()).isEqualTo(200);
        String token = new com.fasterxml.jackson.databind.ObjectMapper().readTree(ok.body()).get("token").asText();

        var status = call("GET", "/api/service/status", null, token);
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.body()).contains("\"broker_connected\":true").contains("\"outbox_depth\"").contains("\"price_book_version\"");
        assertThat(call("POST", "/api/service/printer-test", null, token).body()).contains("\"printed\":true");
        assertThat(call("POST", "/api/service/reprint", "{\"job\": 999999}", token).statusCode()).isEqualTo(400);
        assertThat(call("GET", "/api/service/calibration", null, token).body()).contains("\"event\"");
        // zero is the technician's (issue 11): on the empty, settled platter it is set and audited
        assertThat(call("POST", "/api/service/zero", "{}", token).statusCode()).isEqualTo(400);
        // the zero is refused while the platter still settles ("weight not stable"), as it must be: ask until it is settled
        Awaitility.await("a settled platter to zero").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> call("POST", "/api/service/zero", "{\"technician\": \"Test Technician\"}", token).body().contains("\"zeroed\":true"));
        assertThat(call("POST", "/api/service/zero", "{\"technician\": \"x\"}", null).statusCode()).isEqualTo(401);
        var audit = call("GET", "/api/service/audit", null, token).body();
        assertThat(audit).contains("service-login").contains("printer-test").contains("calibration event").contains("\"zero\"");

        // five wrong PINs in a row lock the menu, even for the right PIN
        for (int i = 0; i < 5; i++) call("POST", "/api/service/login", "{\"pin\": \"1111\"}", null);
        assertThat(call("POST", "/api/service/login", "{\"pin\": \"4711\"}", null).body()).contains("locked");
        assertThat(call("GET", "/api/service/audit", null, token).body()).contains("service-locked");
        // anyone at the screen can lock it: HQ's command lets the technician in without waiting, and it is audited
        assertThat(command("scale-1", "{\"command\": \"UNLOCK_SERVICE_MENU\"}").statusCode()).isEqualTo(202);
        Awaitility.await("HQ's unlock").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> call("POST", "/api/service/login", "{\"pin\": \"4711\"}", null).statusCode() == 200);
        assertThat(call("GET", "/api/service/audit", null, token).body()).contains("service-unlocked");
    }

    /**
     * Probe: during a calibration the kiosk kept showing the last stable reading (1.450 kg), the priced sale was dropped
     * without a word, and print answered wait_stable. While calibrating the kiosk shows no weight but the out-of-service
     * state, the sale on it ends with a message (nothing charged), and taps say the scale is out of service.
     */
    @Test
    @org.junit.jupiter.api.Order(98)
    void whileCalibratingTheKioskShowsNoWeightAndTheSaleOnItEndsWithAMessage() throws Exception {
        KioskBackend.Simulation sim = stack.scale.simulation().orElseThrow();
        KioskBackend.ServiceMenu service = stack.scale.service();
        awaitState("IDLE", "REMOVED");
        sim.place(photo(sim, "Banana"), 1450);
        awaitState("SUGGESTING", "CAMERA_ERROR", "PICKED", "PRICED");
        if (stack.scale.view().pick() == null || !stack.scale.view().pick().plu().equals("4011")) {
            stack.scale.back();
            assertThat(stack.scale.pick("4011", 0).accepted()).isTrue();
        }
        awaitState("PRICED");
        long outbox = stack.scale.sync().outbox().depth();
        long labels;
        try (var files = Files.list(stack.labels())) {
            labels = files.count();
        }

        service.calibrate("Test Technician", "start", 0);
        try {
            KioskView v = stack.scale.view();
            assertThat(v.state()).isEqualTo("OUT_OF_SERVICE");
            assertThat(v.error()).isTrue();
            assertThat(v.weight().netMg()).as("no weight shown").isNull();
            assertThat(v.weight().text()).isEmpty();
            assertThat(v.notice()).isEqualTo("sale_void_service");
            assertThat(v.priced()).isNull();
            assertThat(v.pick()).isNull();
            String json = call("GET", "/api/view", null, null).body();
            assertThat(json).contains("\"state\":\"OUT_OF_SERVICE\"").contains("sale_void_service").doesNotContain("1.450");
            long pressed = System.nanoTime();
            Session.Answer print = stack.scale.print();
            assertThat(print.accepted()).isFalse();
            assertThat(print.messageKey()).isEqualTo("out_of_service");
            assertThat((System.nanoTime() - pressed) / 1_000_000).as("refused at once, ms").isLessThan(1_000);
            assertThat(stack.scale.pick("4011", 0).messageKey()).isEqualTo("out_of_service");
            Map<String, Object> zero = service.zero("Test Technician");
            assertThat(zero.get("zeroed")).isEqualTo(false);
            assertThat((String) zero.get("message")).contains("a calibration is in progress");
            assertThat(stack.scale.sync().outbox().depth()).as("nothing recorded").isEqualTo(outbox);
            try (var files = Files.list(stack.labels())) {
                assertThat(files.count()).as("no label").isEqualTo(labels);
            }
        } finally {
            service.calibrate("Test Technician", "cancel", 0);
        }
        // back in service: a power-up zero (R76-1 4.5.1) on the empty platter, then the scale weighs again
        sim.takeOff();
        Awaitility.await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).until(() -> {
            KioskView.Weight w = stack.scale.view().weight();
            return "BELOW_MIN".equals(w.status()) && Boolean.TRUE.equals(w.zero()) && Boolean.TRUE.equals(w.stable());
        });
        assertThat(state()).isEqualTo("IDLE");
        sim.place(photo(sim, "Banana"), 800);
        awaitState("SUGGESTING", "CAMERA_ERROR", "PICKED", "PRICED");
        assertThat(stack.scale.view().weight().netMg()).isBetween(798_000L, 802_000L);
        sim.takeOff();
        awaitState("IDLE", "REMOVED");
    }

    @Test
    @org.junit.jupiter.api.Order(99)
    void theCalibrationWizardStoresTheNextEventAndTheScaleWeighsAgain() throws Exception {
        KioskBackend.ServiceMenu service = stack.scale.service();
        long before = ((Number) service.calibration().get("event")).longValue();
        service.calibrate("Test Technician", "start", 0);
        assertThat(service.calibration().get("in_progress")).isEqualTo(true);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> service.calibrate("Test Technician", "finish", 0))
                .hasMessageContaining("at least one reference mass");
        service.calibrate("Test Technician", "reference", 15_000);
        // one reference cannot show the load cell's bow: refused, nothing stored, the wizard stays open (cancel, start again)
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> service.calibrate("Test Technician", "finish", 0))
                .hasMessageContaining("at least two").hasMessageContaining("Nothing was stored");
        assertThat(service.calibration().get("in_progress")).isEqualTo(true);
        service.calibrate("Test Technician", "cancel", 0);
        service.calibrate("Test Technician", "start", 0);
        service.calibrate("Test Technician", "reference", 5_000);
        service.calibrate("Test Technician", "reference", 10_000);
        service.calibrate("Test Technician", "reference", 15_000);
        Map<String, Object> done = service.calibrate("Test Technician", "finish", 0);
        assertThat(((Number) done.get("event")).longValue()).isEqualTo(before + 1);
        assertThat(done.get("technician")).isEqualTo("Test Technician");
        assertThat(done.get("in_progress")).isEqualTo(false);
        // weighing restarts with a power-up zero (R76-1 4.5.1) on the empty platter; then it weighs again
        Awaitility.await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).until(() -> {
            KioskView.Weight w = stack.scale.view().weight();
            return "BELOW_MIN".equals(w.status()) && Boolean.TRUE.equals(w.zero()) && Boolean.TRUE.equals(w.stable());
        });
        KioskBackend.Simulation sim = stack.scale.simulation().orElseThrow();
        sim.place(sim.photos().get(0).id(), 500);
        awaitState("SUGGESTING", "CAMERA_ERROR", "PRICED");
        assertThat(stack.scale.view().weight().netMg()).isBetween(498_000L, 502_000L);
        sim.takeOff();
        awaitState("IDLE");
        assertThat(service.auditLog()).extracting(e -> e.get("what")).contains("calibration-start", "calibration-finish");
    }

    @Test
    @org.junit.jupiter.api.Order(50)
    void teachingAnItemStoresPicturesOfWhatLiesOnThePlatter() {
        KioskBackend.ServiceMenu service = stack.scale.service();
        Awaitility.await("the model is loaded").atMost(Duration.ofSeconds(30))
                .until(() -> stack.scale.view().recognitionAvailable());
        KioskBackend.Simulation sim = stack.scale.simulation().orElseThrow();
        String kiwi = photo(sim, "Kiwi");
        sim.place(kiwi, 300);
        // kiwis sell per piece: a confident model picks them and the kiosk asks for the count (PICKED)
        awaitState("SUGGESTING", "CAMERA_ERROR", "PRICED", "PICKED");
        int before = ((Number) service.status().get("gallery_size")).intValue();
        Map<String, Object> taught = service.teach("4030", 3);
        assertThat(taught.get("stored")).isEqualTo(3);
        assertThat(((Number) service.status().get("gallery_size")).intValue()).isEqualTo(before + 3);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> service.teach("99999", 3)).hasMessageContaining("not in the price book");
        assertThat(service.auditLog()).extracting(e -> e.get("what")).contains("teach");
        sim.takeOff();
        awaitState("IDLE", "REMOVED");
    }

    private List<KioskView.Item> tiles() {
        return stack.scale.view().candidates();
    }

    /**
     * Loss prevention end to end: on a photo recognised with confidence (arranged by teaching, below), the shopper picks a cheaper
     * PLU; the label prints (the shopper is never stopped) and the sale reaches HQ flagged with what the scale
     * saw. Picking the recognised PLU itself raises no flag.
     */
    @Test
    @org.junit.jupiter.api.Order(60)
    void aPickCheaperThanAConfidentRecognitionIsSoldButFlaggedForHq() throws Exception {
        KioskBackend.Simulation sim = stack.scale.simulation().orElseThrow();
        var book = stack.scale.sync().currentPriceBook().orElseThrow();
        List<KioskView.Photo> photos = sim.photos();
        // The confident recognition is arranged, not hoped for (what the model makes of a given photo changes
        // with every retraining): the dearest item per kg that has a cheaper one in the book is taught on its own
        // photo in the service menu, three pictures that count twice a sale each (LearningRule.TAUGHT_WEIGHT), so
        // that photo put back on the platter has it first with a confidence the model alone need not give.
        java.time.Instant now = java.time.Instant.now();
        List<com.freshscale.protocol.pricebook.Plu> perKg = book.plus().stream()
                .filter(p -> p.active() && p.saleType() == com.freshscale.protocol.pricebook.SaleType.PER_KG
                        && book.promotionsAt(p.code(), now).isEmpty())
                .sorted(java.util.Comparator.comparingLong((com.freshscale.protocol.pricebook.Plu p) -> book.unitPriceAt(p, now)).reversed())
                .toList();
        com.freshscale.protocol.pricebook.Plu dear = perKg.stream()
                .filter(p -> photos.stream().anyMatch(ph -> p.modelLabels().contains(ph.className())))
                .findFirst().orElseThrow();
        com.freshscale.protocol.pricebook.Plu cheaper = perKg.stream()
                .filter(p -> book.unitPriceAt(p, now) < book.unitPriceAt(dear, now)).findFirst()
                .orElseThrow(() -> new AssertionError("the demo book has a cheaper item per kg than " + dear.code()));
        String photo = photos.stream().filter(ph -> dear.modelLabels().contains(ph.className())).findFirst().orElseThrow().id();
        awaitState("IDLE", "REMOVED");
        sim.place(photo, 800);
        awaitState("SUGGESTING", "PICKED", "PRICED", "CAMERA_ERROR");
        assertThat(stack.scale.service().teach(dear.code(), 3).get("stored")).isEqualTo(3);
        sim.takeOff();
        awaitState("IDLE", "REMOVED");
        sim.place(photo, 800);
        awaitState("SUGGESTING", "PICKED", "PRICED");
        List<KioskView.Item> t = tiles();
        assertThat(t).as("the taught item is the first tile").isNotEmpty();
        KioskView.Item top = t.get(0);
        assertThat(top.plu()).isEqualTo(dear.code());
        assertThat(top.confidence()).isGreaterThanOrEqualTo(0.70);

        assertThat(stack.scale.pick(cheaper.code(), 0).accepted()).isTrue();
        awaitState("PRICED");
        assertThat(stack.scale.print().accepted()).as("the shopper is not stopped").isTrue();
        String saleId = stack.scale.view().sold().saleId();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        String recognised = top.plu();
        Awaitility.await("the flagged sale reaches HQ").atMost(Duration.ofSeconds(10)).until(() -> {
            var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(stack.consoleUrl() + "/api/reports/mismatches"))
                    .header("Authorization", stack.authorization()).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            for (var row : json.readTree(r.body())) {
                if (row.get("sale_id").asText().equals(saleId)) {
                    assertThat(row.get("recognised_plu").asText()).isEqualTo(recognised);
                    assertThat(row.get("confidence").asDouble()).isGreaterThanOrEqualTo(0.70);
                    return true;
                }
            }
            return false;
        });
        sim.takeOff();
        awaitState("IDLE", "REMOVED");
    }

    /**
     * Loss prevention across sale types (the probe's case): 2 kg of garlic (8.99 €/kg, 17.98 €) recognised with
     * confidence and sold as one honeydew melon (per piece, 2.79 €; 2 kg fits one melon's typical 2.2 kg, so the count
     * is plausible) is sold, not stopped, but reaches HQ flagged as a mismatch and is listed among the flagged sales.
     */
    @Test
    @org.junit.jupiter.api.Order(62)
    void aPerPieceItemChargingLessThanTheRecognisedLoadPerKgIsFlaggedForHq() throws Exception {
        KioskBackend.Simulation sim = stack.scale.simulation().orElseThrow();
        var book = stack.scale.sync().currentPriceBook().orElseThrow();
        assertThat(book.plu("4608").orElseThrow().saleType()).isEqualTo(com.freshscale.protocol.pricebook.SaleType.PER_KG);
        assertThat(book.plu("4034").orElseThrow().typicalPieceMg()).as("the demo's honeydew melon").isEqualTo(2_200_000L);
        String garlic = photo(sim, "Garlic");
        Awaitility.await("the model is loaded").atMost(Duration.ofSeconds(120)).until(() -> stack.scale.view().recognitionAvailable());
        // the confident recognition is arranged by teaching, as above: what the model alone makes of a photo changes
        awaitState("IDLE", "REMOVED");
        sim.place(garlic, 2000);
        awaitState("SUGGESTING", "PICKED", "PRICED", "CAMERA_ERROR");
        assertThat(stack.scale.service().teach("4608", 3).get("stored")).isEqualTo(3);
        sim.takeOff();
        awaitState("IDLE", "REMOVED");
        sim.place(garlic, 2000);
        awaitState("SUGGESTING", "PICKED", "PRICED");
        List<KioskView.Item> t = tiles();
        assertThat(t).isNotEmpty();
        assertThat(t.get(0).plu()).as("garlic is the first tile").isEqualTo("4608");
        assertThat(t.get(0).confidence()).isGreaterThanOrEqualTo(0.70);

        sellPieces("4034", 1);
        assertThat(stack.scale.view().sold().totalMinor()).as("one melon charged").isEqualTo(279);
        String saleId = stack.scale.view().sold().saleId();
        Sale sent = stack.scale.sync().outbox().waiting().stream().filter(w -> w.saleId().equals(saleId)).findFirst().orElse(null);
        if (sent != null) assertThat(sent.mismatch()).as("the sale carries the flag").isTrue();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        Awaitility.await("the flagged sale reaches HQ and is listed").atMost(Duration.ofSeconds(15)).until(() -> {
            var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(stack.consoleUrl() + "/api/reports/mismatches?limit=1000"))
                    .header("Authorization", stack.authorization()).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            for (var row : json.readTree(r.body())) {
                if (row.get("sale_id").asText().equals(saleId)) {
                    assertThat(row.get("mismatch").asBoolean()).isTrue();
                    assertThat(row.get("plu").asText()).isEqualTo("4034");
                    assertThat(row.get("recognised_plu").asText()).isEqualTo("4608");
                    assertThat(row.get("count_implausible").asBoolean()).as("the count alone fits the load").isFalse();
                    assertThat(row.get("total_minor").asLong()).isEqualTo(279);
                    // the per-piece sale carries the load it was priced on, so HQ sees what the garlic was worth
                    long net = row.get("net_mg").asLong();
                    assertThat(net).as("the load it was priced on (the simulated cell's noise)").isBetween(1_990_000L, 2_010_000L);
                    long garlicPerKg = book.unitPriceAt(book.plu("4608").orElseThrow(), java.time.Instant.now());
                    assertThat(row.get("at_stake_minor").asLong()).as("2 kg of garlic less one melon")
                            .isEqualTo(Math.round(garlicPerKg * net / 1e6) - 279).isGreaterThan(1000);
                    return true;
                }
            }
            return false;
        });
        sim.takeOff();
        awaitState("IDLE", "REMOVED");
    }

    /**
     * Count plausibility (issue 11): a per-piece sale whose count does not fit the load and the item's typical piece
     * weight (the demo's kiwi: 85 g) is sold, not stopped, but reaches HQ flagged and is listed among the flagged sales
     * and counted in the day's recognition report; the count that lies on the platter raises no flag.
     */
    @Test
    @org.junit.jupiter.api.Order(65)
    void aPerPieceCountThatDoesNotFitTheLoadIsSoldButFlaggedForHq() throws Exception {
        KioskBackend.Simulation sim = stack.scale.simulation().orElseThrow();
        assertThat(stack.scale.sync().currentPriceBook().orElseThrow().plu("4030").orElseThrow().typicalPieceMg())
                .as("the demo book's kiwi carries its typical weight to the scale").isEqualTo(85_000L);
        String kiwi = photo(sim, "Kiwi");
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        java.util.Map<Integer, String> sold = new java.util.LinkedHashMap<>();
        for (int count : List.of(2, 5)) { // 2 entered for five kiwis (425 g): flagged; 5: plausible
            awaitState("IDLE", "REMOVED");
            sim.place(kiwi, 425);
            sellPieces("4030", count);
            sold.put(count, stack.scale.view().sold().saleId());
            sim.takeOff();
        }
        Awaitility.await("both sales reach HQ (the server's acks empty the outbox)").atMost(Duration.ofSeconds(15))
                .until(() -> stack.scale.sync().outbox().depth() == 0);
        Awaitility.await("the flagged sale is listed").atMost(Duration.ofSeconds(15)).until(() -> {
            var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(stack.consoleUrl() + "/api/reports/mismatches?limit=1000"))
                    .header("Authorization", stack.authorization()).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            boolean flagged = false;
            for (var row : json.readTree(r.body())) {
                String id = row.get("sale_id").asText();
                assertThat(id).as("the plausible count is not flagged").isNotEqualTo(sold.get(5));
                if (id.equals(sold.get(2))) {
                    assertThat(row.get("count_implausible").asBoolean()).isTrue();
                    assertThat(row.get("items").asLong()).isEqualTo(2);
                    assertThat(row.get("net_mg").asLong()).as("the load it was priced on (the simulated cell's noise)")
                            .isBetween(420_000L, 430_000L);
                    // 425 g is at least 4 kiwis of 85 g (mean piece at most 160 % of typical): two were paid for
                    assertThat(row.get("at_stake_minor").asLong()).isEqualTo(4 * row.get("unit_price_minor").asLong()
                            - row.get("total_minor").asLong()).isPositive();
                    flagged = true;
                }
            }
            return flagged;
        });
        var days = json.readTree(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(stack.consoleUrl() + "/api/reports/recognition"))
                .header("Authorization", stack.authorization()).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body());
        long implausible = 0;
        for (var d : days) implausible += d.get("implausible_counts").asLong();
        assertThat(implausible).isEqualTo(1);
        awaitState("IDLE", "REMOVED");
    }

    /**
     * The probe (F7): kiwis at 2 pieces (0.90 €) on screen, Print pressed and 7 entered 1–6 ms later: the label charged
     * 7 pieces, never shown when Print was pressed. A press prints what was priced when it was made: if that changed
     * while the press waited for its fresh reading, it is refused with "the price has just changed" and the next press
     * prints what the screen then shows.
     */
    @Test
    @org.junit.jupiter.api.Order(66)
    void aCountEnteredJustAfterThePrintPressIsNotPrintedByThatPress() throws Exception {
        KioskBackend.Simulation sim = stack.scale.simulation().orElseThrow();
        String kiwi = photo(sim, "Kiwi");
        sim.takeOff(); // whatever a failed test before left on the platter
        awaitState("IDLE", "REMOVED");
        sim.place(kiwi, 170);
        Awaitility.await("the load settles").atMost(Duration.ofSeconds(30))
                .until(() -> List.of("SUGGESTING", "CAMERA_ERROR", "PICKED", "PRICED").contains(state()));
        Session.Answer counted = null;
        for (int attempt = 0; attempt < 5 && (counted == null || !counted.accepted()); attempt++) {
            if (attempt > 0) Thread.sleep(500);
            Session.Answer pick = stack.scale.pick("4030", 0);
            counted = pick.accepted() ? stack.scale.count(2) : pick;
        }
        assertThat(counted.accepted()).as(String.valueOf(counted.messageKey())).isTrue();
        awaitState("PRICED");
        long shown = stack.scale.view().priced().totalMinor();
        java.util.concurrent.CompletableFuture<Session.Answer> press = java.util.concurrent.CompletableFuture.supplyAsync(stack.scale::print);
        Thread.sleep(3);
        Session.Answer seven = stack.scale.count(7);
        Session.Answer printed = press.get(20, java.util.concurrent.TimeUnit.SECONDS);
        if (printed.accepted()) {
            // the count came after the sale was recorded (refused then): the label is the 2 pieces shown
            assertThat(stack.scale.view().sold().totalMinor()).as("the label charges what was on screen at the press").isEqualTo(shown);
            assertThat(seven.accepted()).isFalse();
        } else {
            assertThat(printed.messageKey()).isEqualTo("price_changed");
            assertThat(seven.accepted()).isTrue();
            awaitState("PRICED");
            assertThat(stack.scale.view().priced().count()).isEqualTo(7);
            assertThat(stack.scale.print().accepted()).as("the next press prints what the screen shows").isTrue();
            awaitState("PRINTED");
            assertThat(stack.scale.view().sold().totalMinor()).isEqualTo(stack.scale.view().priced().totalMinor()).isGreaterThan(shown);
        }
        sim.takeOff();
        awaitState("IDLE", "REMOVED");
    }

    /**
     * Picks {@code plu}, enters {@code count} and prints, on the load lying on the platter once it has settled (the same
     * load, stable, for a second: on a loaded machine the hand's ramp may settle for a moment on its way, and a pick
     * there rightly ends when the load moves on). Tried again if the load still moved on after the pick.
     */
    private void sellPieces(String plu, int count) throws Exception {
        for (int attempt = 1; ; attempt++) {
            long[] seen = {-1, -1, System.nanoTime()}; // load, unused, since
            try {
                Awaitility.await("the load settles").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                    KioskView v = stack.scale.view();
                    boolean ready = Boolean.TRUE.equals(v.weight().stable()) && v.weight().netMg() != null
                            && List.of("SUGGESTING", "CAMERA_ERROR", "PICKED", "PRICED").contains(v.state());
                    // the load id, not the shown net: the net may flicker by a digit within the stability band on one load
                    if (!ready || v.load() != seen[0]) {
                        seen[0] = ready ? v.load() : -1;
                        seen[2] = System.nanoTime();
                        return false;
                    }
                    return System.nanoTime() - seen[2] > 1_000_000_000L;
                });
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("the load did not settle; the kiosk shows " + stack.scale.view(), e);
            }
            Session.Answer pick = stack.scale.pick(plu, 0);
            Session.Answer counted = pick.accepted() ? stack.scale.count(count) : pick;
            if (counted.accepted()) {
                Awaitility.await("priced, or the load moved on").atMost(Duration.ofSeconds(20))
                        .until(() -> state().equals("PRICED") || stack.scale.view().load() != seen[0]);
            }
            if (counted.accepted() && state().equals("PRICED") && stack.scale.print().accepted()) {
                awaitState("PRINTED");
                return;
            }
            assertThat(attempt).as("the load kept moving (" + counted.messageKey() + "): " + stack.scale.view()).isLessThan(3);
        }
    }

    private java.net.http.HttpResponse<String> command(String scale, String body) throws Exception {
        return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(stack.consoleUrl() + "/api/scales/demo-store/" + scale + "/commands"))
                .header("Authorization", stack.authorization()).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    /** HQ's commands reach the scale over MQTT: a status on request, and a model reload that keeps the scale recognising. */
    @Test
    @org.junit.jupiter.api.Order(70)
    void hqAsksTheScaleForItsStatusAndToReloadItsModel() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        java.util.function.LongSupplier lastSeen = () -> {
            try {
                var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(stack.consoleUrl() + "/api/scales?store=demo-store"))
                        .header("Authorization", stack.authorization()).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                return json.readTree(r.body()).get(0).get("lastSeenMs").asLong();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        long seen = lastSeen.getAsLong();
        Thread.sleep(20); // the server's clock must move on for a new status to show
        assertThat(command("scale-1", "{\"command\": \"REQUEST_STATUS\"}").statusCode()).isEqualTo(202);
        Awaitility.await("the scale answers with its status").atMost(Duration.ofSeconds(10)).until(() -> lastSeen.getAsLong() > seen);

        assertThat(command("scale-9", "{\"command\": \"REQUEST_STATUS\"}").statusCode()).isEqualTo(404);
        assertThat(command("scale-1", "{\"command\": \"REBOOT\"}").statusCode()).isEqualTo(400);
        assertThat(command("scale-1", "{}").body()).contains("'command'");
        assertThat(command("scale-1", "{\"command\": null}").body()).contains("'command' is required");

        KioskBackend.ServiceMenu service = stack.scale.service();
        Object loaded = service.status().get("model_loaded_at");
        assertThat(loaded).isNotNull();
        assertThat(command("scale-1", "{\"command\": \"RELOAD_MODEL\"}").statusCode()).isEqualTo(202);
        Awaitility.await("the model is reloaded").atMost(Duration.ofSeconds(30))
                .until(() -> !loaded.equals(service.status().get("model_loaded_at")));
        KioskBackend.Simulation sim = stack.scale.simulation().orElseThrow();
        awaitState("IDLE", "REMOVED");
        sim.place(sim.photos().get(0).id(), 500);
        awaitState("SUGGESTING", "PICKED", "PRICED");
        assertThat(tiles()).isNotEmpty();
        sim.takeOff();
        awaitState("IDLE", "REMOVED");
    }

    /** The id of the first photo of dataset class {@code datasetClass} the simulated camera has. */
    private static String photo(KioskBackend.Simulation sim, String datasetClass) {
        return sim.photos().stream().filter(p -> p.className().equals(datasetClass)).findFirst().orElseThrow().id();
    }
}
