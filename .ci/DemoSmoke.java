import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.freshscale.protocol.pricebook.DemoPriceBook;
import com.freshscale.protocol.pricebook.Plu;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The demo as a new user starts it (issue 15): {@code ./freshscale demo} on free ports, then through the kiosk's
 * HTTP API, as the kiosk page uses it, the Simulation bar offers photos of every item of the demo price book
 * ({@code /api/sim/photos}) and every tile has its picture ({@code /api/picture/{plu}}, a JPEG); then the demo
 * is stopped as Ctrl-C stops it. Run from the repository root, after a build, with the device jar on the class
 * path (Jackson and the demo price book): {@code java -cp device/target/freshscale-device.jar .ci/DemoSmoke.java}.
 * .ci/run runs it in a copy of the repository with nothing beside it. Exit 0: all good; 1: a check failed.
 */
public class DemoSmoke {
    static final Duration START = Duration.ofSeconds(180);

    public static void main(String[] args) throws Exception {
        Path demoDir = Files.createTempDirectory("freshscale-demo-smoke");
        int kiosk = freePort();
        int console = freePort();
        int mqtt = freePort();
        Path log = demoDir.resolve("demo.out");
        ProcessBuilder pb = new ProcessBuilder("./freshscale", "demo").redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("FRESHSCALE_KIOSK_PORT", String.valueOf(kiosk));
        pb.environment().put("FRESHSCALE_CONSOLE_PORT", String.valueOf(console));
        pb.environment().put("FRESHSCALE_MQTT_PORT", String.valueOf(mqtt));
        pb.environment().put("FRESHSCALE_DEMO_DIR", demoDir.toString());
        Process demo = pb.start();
        List<String> failures = new ArrayList<>();
        try {
            check("http://127.0.0.1:" + kiosk, demo, log, failures);
        } catch (Exception e) {
            failures.add(e.toString());
        } finally {
            stop(demo);
        }
        if (failures.isEmpty()) {
            System.out.println("demo smoke: ok");
            // the demo's folder is kept only when a check failed, for its logs
            try (var files = Files.walk(demoDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
            return;
        }
        System.out.println("demo smoke: FAILED");
        failures.forEach(f -> System.out.println("  " + f));
        System.out.println("--- " + log);
        System.out.print(Files.readString(log));
        Path serverLog = demoDir.resolve("server.log");
        if (Files.isRegularFile(serverLog)) {
            List<String> lines = Files.readAllLines(serverLog);
            System.out.println("--- " + serverLog + " (last 40 lines)");
            lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(System.out::println);
        }
        System.exit(1);
    }

    static void check(String kiosk, Process demo, Path log, List<String> failures) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ObjectMapper json = new ObjectMapper();
        List<Plu> book = DemoPriceBook.load().plus().stream().filter(Plu::active).toList();
        // the kiosk is up once its catalogue holds the signed demo price book the server published
        Instant deadline = Instant.now().plus(START);
        JsonNode catalogue = null;
        while (catalogue == null || catalogue.size() < book.size()) {
            if (!demo.isAlive()) throw new IllegalStateException("./freshscale demo exited with " + demo.exitValue());
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the kiosk's catalogue has " + (catalogue == null ? "no" : catalogue.size()) + " of "
                        + book.size() + " PLUs " + START.toSeconds() + " s after the start");
            }
            Thread.sleep(1000);
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(kiosk + "/api/catalogue")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) catalogue = json.readTree(r.body());
            } catch (IOException notYet) {
                // the kiosk is not listening yet
            }
        }
        if (!Files.readString(log).contains("Kiosk:   http://localhost:")) failures.add("the launcher did not print the kiosk's address");

        Set<String> offered = new TreeSet<>();
        json.readTree(http.send(HttpRequest.newBuilder(URI.create(kiosk + "/api/sim/photos")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).forEach(p -> offered.add(p.get("class").asText()));
        Set<String> classes = new TreeSet<>();
        book.forEach(p -> classes.addAll(p.modelLabels()));
        Set<String> missing = new TreeSet<>(classes);
        missing.removeAll(offered);
        if (!missing.isEmpty()) failures.add("the Simulation bar has no photo of " + missing);

        List<String> noPicture = new ArrayList<>();
        for (Plu p : book) {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(kiosk + "/api/picture/" + p.code())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            byte[] b = r.body();
            // a JPEG starts with the SOI marker FF D8 (ITU-T T.81, B.1.1.3)
            boolean jpeg = r.statusCode() == 200 && b.length > 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8;
            if (!jpeg) noPicture.add(p.code() + " (" + r.statusCode() + ")");
        }
        if (!noPicture.isEmpty()) failures.add("no picture for PLU " + noPicture);
        System.out.printf("demo smoke: %d PLUs on the kiosk, photos of %d of %d classes, %d pictures missing%n",
                catalogue.size(), classes.size() - missing.size(), classes.size(), noPicture.size());
    }

    /** As Ctrl-C does: the launcher's children (the scale, the server) get SIGTERM, the launcher then exits. */
    static void stop(Process demo) throws InterruptedException {
        demo.descendants().forEach(ProcessHandle::destroy);
        if (!demo.waitFor(60, TimeUnit.SECONDS)) {
            demo.descendants().forEach(ProcessHandle::destroyForcibly);
            demo.destroyForcibly();
            demo.waitFor(10, TimeUnit.SECONDS);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
