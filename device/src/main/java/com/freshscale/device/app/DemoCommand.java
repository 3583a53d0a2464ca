package com.freshscale.device.app;

import com.freshscale.device.config.ConfigFile;
import com.freshscale.device.store.DeviceDatabase;
import com.freshscale.device.weighing.CommandResult;
import com.freshscale.device.weighing.WeighingService;
import com.freshscale.device.weighing.WeightFormat;
import com.freshscale.device.weighing.calibration.CalibrationStore;
import com.freshscale.device.weighing.sim.LoadCellModel;
import com.freshscale.device.weighing.sim.SimulatedCalibration;
import com.freshscale.device.weighing.sim.SimulatedScale;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code demo}: the scale on simulated hardware, printing its live indication. Shoppers (simulated) put produce
 * on the platter and take it off; type commands to weigh yourself: {@code place 1234} (grams), {@code remove},
 * {@code zero}, {@code tare}, {@code preset 250}, {@code clear}, {@code shake}, {@code quit}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the scale on simulated hardware and print the live weight.")
final class DemoCommand implements Callable<Integer> {
    static final String DEMO_CONFIG = "/demo/scale.yaml";

    @Option(names = "--config", description = "config file (default: the built-in demo scale)")
    Path config;

    @Option(names = "--database", description = "SQLite database (default: freshscale-demo.db in the temp folder)")
    Path database;

    @Option(names = "--seconds", defaultValue = "0", description = "stop after this many seconds (0: until 'quit')")
    int seconds;

    @Option(names = "--manual", description = "no simulated shoppers: only your commands change the load")
    boolean manual;

    private volatile boolean quit;

    static ConfigFile demoConfig() {
        return ConfigFile.resource(DEMO_CONFIG);
    }

    @Override
    public Integer call() throws Exception {
        return CommandErrors.run(this::demo);
    }

    private int demo() throws Exception {
        ConfigFile cfg = config == null ? demoConfig() : ConfigFile.load(config);
        Path dbFile = database != null ? database : Path.of(System.getProperty("java.io.tmpdir"), "freshscale-demo.db");
        CalibrationStore store = new CalibrationStore(DeviceDatabase.open(dbFile));
        if (SimulatedCalibration.ensure(cfg, store, "demo")) {
            System.out.println("Calibrated the simulated load cell (event " + store.eventCounter() + ").");
        }
        try (WeighingService scale = WeighingService.create(cfg, store, true)) {
            SimulatedScale sim = scale.hardware().simulated().orElseThrow(
                    () -> new IllegalStateException("the demo needs loadcell.platform: simulated"));
            AtomicLong lastPrint = new AtomicLong();
            scale.addListener(r -> {
                long now = System.nanoTime();
                // a display refreshes a few times a second, not at 80 SPS
                if (now - lastPrint.get() >= 250_000_000L) {
                    lastPrint.set(now);
                    System.out.println(WeightFormat.line(r));
                }
            });
            scale.start();
            System.out.println("FreshScale demo: simulated 15 kg scale. Commands: place <g>, remove, zero, tare, "
                    + "preset <g>, clear, shake, quit.");
            Thread shoppers = null;
            if (!manual) {
                shoppers = new Thread(() -> shoppers(sim.model()), "demo-shoppers");
                shoppers.setDaemon(true);
                shoppers.start();
            }
            Thread keys = new Thread(() -> keys(scale, sim.model()), "demo-keys");
            keys.setDaemon(true);
            keys.start();
            long deadline = seconds > 0 ? System.nanoTime() + seconds * 1_000_000_000L : Long.MAX_VALUE;
            // input ending (no terminal) does not stop the demo: only 'quit', --seconds or Ctrl-C do
            while (!quit && System.nanoTime() < deadline) Thread.sleep(100);
            if (shoppers != null) shoppers.interrupt();
            return 0;
        }
    }

    /** Simulated shoppers: put an item of produce on, wait for the label, take it off. */
    private static void shoppers(LoadCellModel model) {
        SplittableRandom random = new SplittableRandom();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(1_500 + random.nextInt(1_500));
                model.place(50 + random.nextInt(3_000), 150_000_000L + random.nextLong(250_000_000L));
                Thread.sleep(2_500 + random.nextInt(1_500));
                model.place(0, 150_000_000L);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void keys(WeighingService scale, LoadCellModel model) {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = in.readLine()) != null) {
                String[] w = line.trim().toLowerCase(java.util.Locale.ROOT).split("\\s+");
                if (w[0].isEmpty()) continue;
                CommandResult result = CommandResult.done();
                try {
                    switch (w[0]) {
                        case "place" -> model.place(new BigDecimal(w[1]).doubleValue(), 200_000_000L);
                        case "remove" -> model.place(0, 200_000_000L);
                        case "zero" -> result = scale.zero();
                        case "tare" -> result = scale.tare();
                        case "preset" -> result = scale.presetTare(new BigDecimal(w[1]).movePointRight(3).longValueExact());
                        case "clear" -> result = scale.clearTare();
                        case "shake" -> model.vibrate(20, 4, 2_000_000_000L);
                        case "quit", "q" -> {
                            quit = true;
                            return;
                        }
                        default -> result = CommandResult.refused("unknown command '" + w[0] + "'");
                    }
                } catch (ArrayIndexOutOfBoundsException | NumberFormatException | ArithmeticException e) {
                    result = CommandResult.refused("'" + w[0] + "' needs a number of grams");
                }
                System.out.println(result.accepted() ? "ok: " + w[0] : "refused: " + result.reason());
            }
        } catch (IOException e) {
            System.err.println("cannot read commands: " + e.getMessage());
        }
    }
}
