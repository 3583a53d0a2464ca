package com.freshscale.endtoend;

import com.freshscale.device.app.DemoSeeder;
import com.freshscale.device.app.RunCommand;
import com.freshscale.device.app.ScaleApp;
import com.freshscale.device.config.ConfigFile;
import com.freshscale.device.store.DeviceDatabase;
import com.freshscale.device.ui.KioskServer;
import com.freshscale.device.weighing.calibration.CalibrationStore;
import com.freshscale.device.weighing.sim.SimulatedCalibration;
import com.freshscale.server.app.ServerApp;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * The demo as {@code ./freshscale demo} runs it, in one JVM for the tests: the real sync server (embedded
 * HiveMQ, SQLite, signed price books, HTTP API and console) and the simulated scale with its kiosk, seeded
 * through the server's API exactly as the demo does. Nothing is mocked.
 */
final class DemoStack implements AutoCloseable {
    /** The demo's pictures and photos, in the repository as {@code ./freshscale demo} reads them (tests run in system-tests/). */
    static final Path DATASET = Path.of("..", "demo-assets", "grocerystore").toAbsolutePath().normalize();

    final Path dir;
    final ServerApp server;
    final ScaleApp scale;
    final KioskServer kiosk;
    /** The simulated card terminal the demo scale pays through. */
    com.freshscale.device.payment.zvt.sim.TerminalSimulator terminal;
    /** The demo's HQ login, as {@code run --demo} makes it. */
    final com.freshscale.server.app.DemoAccount.Credentials login;

    /** The chain's business zone: the console's reports count a sale on the date its store's clock showed. */
    static final java.time.ZoneId BUSINESS_ZONE = java.time.ZoneId.of("Europe/Berlin");

    DemoStack(Path dir) throws Exception {
        this(dir, true);
    }

    /** @param enrol enrol the scale as the demo does; false: a new scale, to be enrolled from its service menu */
    DemoStack(Path dir, boolean enrol) throws Exception {
        this.dir = dir;
        if (!Files.isRegularFile(DATASET.resolve("classes.csv"))) throw new IllegalStateException("no demo assets at " + DATASET);
        int mqtt = freePort();
        server = ServerApp.start(new ServerApp.Options(dir.resolve("server"), "127.0.0.1", mqtt, null, "127.0.0.1", 0,
                null, "test", BUSINESS_ZONE));
        ScaleApp s = null;
        KioskServer k = null;
        try {
            login = com.freshscale.server.app.DemoAccount.ensure(server.accounts(), dir.resolve("server"));
            DemoSeeder seeder = new DemoSeeder(consoleUrl()).logIn(login.user(), login.password());
            seeder.awaitServer(Duration.ofSeconds(30));
            seeder.seed();
            Files.createDirectories(dir.resolve("labels"));
            // the demo's simulated card terminal, as run --demo starts it (issue 13), quicker: the card comes in 0.3 s
            terminal = com.freshscale.device.payment.zvt.sim.TerminalSimulator.start("127.0.0.1", 0, 52500038,
                    Duration.ofMillis(300), Duration.ofMillis(1500));
            ConfigFile cfg = RunCommand.demoConfig(Map.of("ZVT_PORT", String.valueOf(terminal.port()), "DEMO_DIR", dir.toString(),
                    "DATASET", DATASET.toString(),
                    "BROKER", "tcp://127.0.0.1:" + mqtt, "SERVER", consoleUrl(), "KEY", server.publicKey().toString(),
                    "KIOSK_PORT", "0"));
            DeviceDatabase db = DeviceDatabase.open(dir.resolve("scale.db"));
            SimulatedCalibration.ensure(cfg, new CalibrationStore(db), "test");
            s = ScaleApp.start(cfg, db);
            s.attachTerminalSimulator(terminal);
            // enrolled as the demo scale enrols itself (run --demo): a one-time code made for it, sent over HTTP
            if (enrol && !s.sync().enrolled()) {
                s.sync().enroll(server.enrollments().create("demo-store", "scale-1", "test").code());
            }
            k = new KioskServer(s).start("127.0.0.1", 0);
            ScaleApp started = s;
            if (enrol) {
                Awaitility.await("the signed demo price book reaches the scale").atMost(Duration.ofSeconds(30))
                        .until(() -> started.sync().currentPriceBook().filter(b -> !b.plus().isEmpty()).isPresent());
            }
            // The scale sets its zero at power-up on whatever lies on the platter (R76-1 4.5.1, within ±10 % of
            // Max): a test that puts an item on before then would see it zeroed away, so wait for that zero.
            Awaitility.await("the power-up zero on the empty platter").atMost(Duration.ofSeconds(30)).until(() -> {
                var w = started.view().weight();
                return w != null && "BELOW_MIN".equals(w.status()) && Boolean.TRUE.equals(w.zero())
                        && Boolean.TRUE.equals(w.stable());
            });
        } catch (Exception | Error e) {
            if (k != null) k.close();
            if (s != null) s.close();
            if (terminal != null) terminal.close();
            server.close();
            throw e;
        }
        scale = s;
        kiosk = k;
    }

    String kioskUrl() {
        return "http://127.0.0.1:" + kiosk.port();
    }

    String consoleUrl() {
        return "http://127.0.0.1:" + server.httpPort();
    }

    /** HTTP Basic for HQ's tools and the tests' API calls. */
    String authorization() {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((login.user() + ":" + login.password())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    Path labels() {
        return dir.resolve("labels");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        kiosk.close();
        scale.close();
        terminal.close();
        server.close();
    }
}
