package com.freshscale.device.app;

import com.freshscale.device.config.ConfigException;
import com.freshscale.device.config.ConfigFile;
import com.freshscale.device.payment.zvt.sim.TerminalSimulator;
import com.freshscale.device.store.DeviceDatabase;
import com.freshscale.device.ui.KioskConfig;
import com.freshscale.device.ui.KioskServer;
import com.freshscale.device.weighing.calibration.CalibrationStore;
import com.freshscale.device.weighing.sim.SimulatedCalibration;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code run}: the scale app — weighing, camera, recognition, pricing, labels, sync and the kiosk — until
 * stopped (SIGTERM from systemd, Ctrl-C). {@code --demo} runs the simulated demo scale against a demo server
 * on this PC (see {@code ./freshscale demo}): it fills the built-in demo config, calibrates the simulated
 * load cell once, and puts the demo price book into the server if the store is still empty.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the scale app with its kiosk (or --demo: the simulated demo scale).")
public final class RunCommand implements Callable<Integer> {
    @Option(names = "--config", description = "the scale's config file (default with --demo: the built-in demo scale)")
    Path config;

    @Option(names = "--database", description = "the scale's SQLite database (default: /var/lib/freshscale/scale.db; "
            + "with --demo: <demo-dir>/scale.db)")
    Path database;

    @Option(names = "--demo", description = "the simulated demo scale, synced with the demo server")
    boolean demo;

    @Option(names = "--demo-dir", description = "demo: folder for the database and labels (default: ${DEFAULT-VALUE})",
            defaultValue = "${java.io.tmpdir}/freshscale-demo")
    Path demoDir;

    @Option(names = "--server", defaultValue = "http://127.0.0.1:8090", description = "demo: the server's console/API URL (default: ${DEFAULT-VALUE})")
    String server;

    @Option(names = "--broker", defaultValue = "tcp://127.0.0.1:1883", description = "demo: the server's MQTT broker (default: ${DEFAULT-VALUE})")
    String broker;

    @Option(names = "--price-book-key", description = "demo: the server's price-book public key (default: <demo-dir>/server/pricebook-signing.key.pub)")
    Path key;

    @Option(names = "--server-user", defaultValue = "demo", description = "demo: the server account that seeds the price book (default: ${DEFAULT-VALUE})")
    String serverUser;

    @Option(names = "--server-password-file", description = "demo: that account's password (default: <demo-dir>/server/demo-password.txt, "
            + "written by the demo server: `run --demo`)")
    Path serverPasswordFile;

    @Option(names = "--dataset", defaultValue = "demo-assets/grocerystore",
            description = "demo: tile pictures and simulation photos, laid out as the grocery-store dataset "
                    + "(default: ${DEFAULT-VALUE}, the demo assets in the repository, from its root)")
    Path dataset;

    @Option(names = "--kiosk-port", defaultValue = "8080", description = "demo: kiosk HTTP port (default: ${DEFAULT-VALUE})")
    int kioskPort;

    @Option(names = "--card-terminal-port", defaultValue = "0", description = "demo: port of the simulated ZVT card terminal "
            + "the demo starts (default: any free port)")
    int cardTerminalPort;

    @Override
    public Integer call() throws Exception {
        return CommandErrors.run(this::run);
    }

    /**
     * As a technician types the console's code into a new scale's service menu: the demo server made one. Done before
     * the scale starts, so that its MQTT link connects with its identity at once (a scale that starts without one says
     * so, rightly, for a real scale someone must enrol).
     */
    private void enrolDemoScale(com.freshscale.device.sync.SyncConfig sync) throws Exception {
        var identity = new com.freshscale.device.sync.ScaleIdentity(Path.of(sync.credentials()), sync.storeId(), sync.scaleId());
        if (identity.enrolled()) return;
        Path codeFile = demoDir.resolve("server").resolve("demo-enrollment-code.txt");
        if (!Files.isRegularFile(codeFile)) {
            throw new IllegalArgumentException("no demo enrollment code at " + codeFile + ": start the server with `run --demo`");
        }
        try {
            identity.save(new com.freshscale.device.sync.Enroller(sync.serverUrl())
                    .enroll(Files.readString(codeFile).strip(), sync.storeId(), sync.scaleId()));
            System.out.println("Enrolled the demo scale with the demo server (its MQTT identity is in " + demoDir + ").");
        } catch (com.freshscale.device.sync.Enroller.EnrollmentRefusedException e) {
            throw new IllegalStateException("the demo scale could not enrol: " + e.getMessage(), e);
        }
    }

    private int run() throws Exception {
        String consolePassword = null;
        TerminalSimulator terminal = null;
        ConfigFile cfg;
        Path dbFile;
        if (demo) {
            if (config != null) throw new IllegalArgumentException("--demo uses the built-in demo config; drop --config");
            Files.createDirectories(demoDir.resolve("labels"));
            Path pub = key != null ? key : demoDir.resolve("server").resolve("pricebook-signing.key.pub");
            DemoSeeder seeder = new DemoSeeder(server);
            seeder.awaitServer(Duration.ofSeconds(90));
            // read once the server answers: the demo server writes the password before it opens its HTTP port
            Path pwFile = serverPasswordFile != null ? serverPasswordFile : demoDir.resolve("server").resolve("demo-password.txt");
            if (!Files.isRegularFile(pwFile)) {
                throw new IllegalArgumentException("no demo password at " + pwFile + ": start the server with `run --demo` (./freshscale demo does)");
            }
            consolePassword = Files.readString(pwFile).strip();
            seeder.logIn(serverUser, consolePassword);
            // the store counts its business day in the zone the scale dates its labels in
            String zone = DemoSeeder.demoZone();
            if (seeder.seed(zone)) {
                System.out.println("Put the demo price book (50 items) into the server's store demo-store (time zone " + zone + ").");
            } else if (seeder.adoptZone(zone)) {
                System.out.println("Gave the server's store demo-store the demo scale's time zone, " + zone + ".");
            }
            if (!Files.isRegularFile(pub)) throw new IllegalArgumentException("no price-book public key at " + pub);
            if (!Files.isDirectory(dataset)) {
                System.err.println("warning: no dataset at " + dataset.toAbsolutePath() + ": the kiosk has no pictures and the "
                        + "simulation panel no photos");
            }
            // the demo's card terminal: the simulator, speaking ZVT on a local port (issue 13)
            terminal = TerminalSimulator.start("127.0.0.1", cardTerminalPort, 52500038, Duration.ofMillis(1500), Duration.ofSeconds(4));
            cfg = demoConfig(Map.of("ZVT_PORT", String.valueOf(terminal.port()), "DEMO_DIR", demoDir.toAbsolutePath().toString(),
                    "DATASET", Files.isDirectory(dataset) ? dataset.toAbsolutePath().normalize().toString() : "",
                    "BROKER", broker, "SERVER", server, "KEY", pub.toAbsolutePath().toString(), "KIOSK_PORT", String.valueOf(kioskPort)));
            dbFile = database != null ? database : demoDir.resolve("scale.db");
        } else {
            if (config == null) throw new IllegalArgumentException("--config is required (or --demo)");
            cfg = ConfigFile.load(config);
            // before anything opens: a real scale with the README's PIN would give its service menu to any shopper
            KioskConfig kiosk = cfg.section("kiosk", KioskConfig.class);
            try {
                kiosk.requireSitePin();
            } catch (IllegalArgumentException e) {
                throw new ConfigException(cfg.origin() + ": " + e.getMessage(), e);
            }
            dbFile = database != null ? database : Path.of("/var/lib/freshscale/scale.db");
        }
        DeviceDatabase db = DeviceDatabase.open(dbFile);
        if (demo && SimulatedCalibration.ensure(cfg, new CalibrationStore(db), "demo")) {
            System.out.println("Calibrated the simulated load cell.");
        }
        if (demo) {
            try {
                enrolDemoScale(cfg.section("sync", com.freshscale.device.sync.SyncConfig.class));
            } catch (Exception | Error e) {
                if (terminal != null) terminal.close();
                throw e;
            }
        }
        ScaleApp app = ScaleApp.start(cfg, db);
        if (terminal != null) app.attachTerminalSimulator(terminal);
        TerminalSimulator demoTerminal = terminal;
        KioskServer kiosk;
        try {
            kiosk = new KioskServer(app).start(app.kioskConfig().host(), app.kioskConfig().port());
        } catch (RuntimeException e) {
            app.close();
            throw new IllegalStateException("cannot start the kiosk on port " + app.kioskConfig().port() + ": " + e.getMessage(), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kiosk.close();
            app.close();
            if (demoTerminal != null) demoTerminal.close();
            stopped.countDown();
        }, "shutdown"));
        String host = app.kioskConfig().host().equals("0.0.0.0") ? "localhost" : app.kioskConfig().host();
        System.out.println("Kiosk:   http://" + (host.equals("127.0.0.1") ? "localhost" : host) + ":" + kiosk.port());
        if (demo) {
            System.out.println("Console: " + server.replace("127.0.0.1", "localhost") + "  (log in as " + serverUser + ", password "
                    + consolePassword + ")");
            System.out.println("Labels:  " + demoDir.resolve("labels").toAbsolutePath());
            System.out.println("Card terminal (simulated ZVT): 127.0.0.1:" + demoTerminal.port() + "  (the Simulation bar chooses its answer)");
            System.out.println("Service menu PIN: " + app.kioskConfig().servicePin() + ". Ctrl-C stops the demo.");
        }
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** The built-in demo config with its ${...} filled in. */
    public static ConfigFile demoConfig(Map<String, String> values) throws IOException {
        String text;
        try (InputStream in = RunCommand.class.getResourceAsStream("/demo/scale.yaml")) {
            if (in == null) throw new IllegalStateException("no /demo/scale.yaml in the firmware");
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (Map.Entry<String, String> e : values.entrySet()) text = text.replace("${" + e.getKey() + "}", e.getValue());
        // the card terminal's port when the caller starts none: the ZVT default
        text = text.replace("${ZVT_PORT}", "20007");
        return ConfigFile.parse("demo scale config", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }
}
