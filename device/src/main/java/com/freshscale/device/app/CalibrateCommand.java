package com.freshscale.device.app;

import com.freshscale.device.config.ConfigFile;
import com.freshscale.device.store.DeviceDatabase;
import com.freshscale.device.weighing.LoadCellConfig;
import com.freshscale.device.weighing.ScaleHardware;
import com.freshscale.device.weighing.WeighingConfig;
import com.freshscale.device.weighing.calibration.Calibration;
import com.freshscale.device.weighing.calibration.CalibrationPoint;
import com.freshscale.device.weighing.calibration.CalibrationProcedure;
import com.freshscale.device.weighing.calibration.CalibrationStore;
import com.freshscale.device.weighing.pipeline.ScaleIntervals;
import com.freshscale.device.weighing.sim.SimulatedScale;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code calibrate}: the technician's guided calibration — empty platter, then one or more reference masses.
 * The result is stored with the next calibration event number and an audit-log entry. On a simulated scale
 * the procedure sets the masses on the simulated platter itself and really calibrates the simulated cell.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Calibrate the scale: empty platter, then reference mass(es); stored with the event counter.")
final class CalibrateCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, description = "the scale's config file (sections loadcell, weighing)")
    Path config;

    @Option(names = "--database", required = true, description = "the scale's SQLite database")
    Path database;

    @Option(names = "--technician", required = true, description = "who calibrates (recorded in the audit log)")
    String technician;

    @Option(names = "--reference-g", split = ",", paramLabel = "GRAMS",
            description = "reference mass(es) in g, e.g. 15000 or 5000,10000,15000 (asked for when absent)")
    List<BigDecimal> referencesG = new ArrayList<>();

    @Option(names = "--yes", description = "do not wait for Enter between steps (simulated scale only)")
    boolean yes;

    @Override
    public Integer call() throws Exception {
        return CommandErrors.run(this::calibrate);
    }

    private int calibrate() throws IOException {
        PrintStream out = System.out;
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        ConfigFile cfg = ConfigFile.load(config);
        WeighingConfig weighing = cfg.section("weighing", WeighingConfig.class);
        ScaleIntervals intervals = new ScaleIntervals(weighing.ranges());
        List<Long> referencesMg = new ArrayList<>();
        for (BigDecimal g : referencesG) referencesMg.add(referenceMg(g, intervals));
        LoadCellConfig wiring = cfg.section(ScaleHardware.SECTION, LoadCellConfig.class);
        if (yes && wiring.platform() != LoadCellConfig.Platform.SIMULATED)
            throw new IllegalArgumentException("--yes is only for a simulated scale: on a real one the technician "
                    + "confirms each reference mass");
        CalibrationStore store = new CalibrationStore(DeviceDatabase.open(database));
        try (ScaleHardware hardware = ScaleHardware.open(cfg, false)) {
            Optional<SimulatedScale> sim = hardware.simulated();
            CalibrationProcedure procedure = new CalibrationProcedure(hardware.loadCell());
            out.printf("Calibrating the %s scale (%s). Calibration events so far: %d.%n",
                    sim.isPresent() ? "simulated" : "HX711", weighing.describeRanges(), store.eventCounter());
            List<CalibrationPoint> points = new ArrayList<>();

            step(out, in, "Empty the platter", sim, 0);
            points.add(measure(out, procedure, 0));
            int n = 0;
            while (true) {
                long mg;
                if (!referencesG.isEmpty()) {
                    if (n == referencesMg.size()) break;
                    mg = referencesMg.get(n);
                } else {
                    out.print("Reference mass in g (empty line when done): ");
                    out.flush();
                    String line = readLine(in);
                    if (line.isBlank()) {
                        if (n < 2) {
                            // one mass shows the span, not the load cell's bow (CalibrationProcedure.check)
                            out.println("At least two reference masses are needed, the heaviest at or near Max "
                                    + "(recommended: 1/3, 2/3 and all of Max).");
                            continue;
                        }
                        break;
                    }
                    try {
                        mg = referenceMg(new BigDecimal(line.trim()), intervals);
                    } catch (NumberFormatException e) {
                        out.println("Not a number of grams: " + line.trim());
                        continue;
                    } catch (IllegalArgumentException e) {
                        out.println(e.getMessage());
                        continue;
                    }
                }
                n++;
                step(out, in, "Place the reference mass of " + grams(mg) + " on the platter", sim, mg);
                points.add(measure(out, procedure, mg));
            }
            Calibration calibration = new Calibration(points);
            CalibrationProcedure.check(calibration, intervals);
            sim.ifPresent(s -> s.model().place(0, 200_000_000L));
            out.println("Remove the reference mass.");
            CalibrationStore.Stored stored = store.save(calibration, weighing.describeRanges(), technician, Instant.now());
            CalibrationProcedure.Curve curve = CalibrationProcedure.curve(calibration, intervals);
            out.printf(Locale.ROOT, "Sensitivity %.3f counts/g; linearity deviation %.2f e1 (corrected by the multi-point "
                    + "calibration); estimated error left at most %.2f g (%.0f %% of the MPE, at %s).%n",
                    calibration.countsPerMg() * 1000, CalibrationProcedure.linearityE(calibration, intervals),
                    curve.worstErrorMg() / 1000, 100 * curve.worstShare(), grams(Math.round(curve.worstAtMg())));
            out.printf("Calibration stored: event %d by %s. Verify with test masses before sealing the scale.%n",
                    stored.event(), technician);
            return 0;
        }
    }

    private static long referenceMg(BigDecimal g, ScaleIntervals intervals) {
        long mg;
        try {
            mg = g.movePointRight(3).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("reference mass " + g + " g is finer than 1 mg");
        }
        if (mg <= 0) throw new IllegalArgumentException("reference mass must be positive, not " + g + " g");
        if (mg > intervals.maxMg()) throw new IllegalArgumentException("reference mass " + g + " g is above Max");
        return mg;
    }

    private void step(PrintStream out, BufferedReader in, String instruction, Optional<SimulatedScale> sim, long mg)
            throws IOException {
        if (yes) {
            out.println(instruction + ".");
        } else {
            out.print(instruction + ", then press Enter. ");
            out.flush();
            readLine(in);
        }
        // the simulated technician does what was asked
        sim.ifPresent(s -> s.model().place(mg / 1000.0, 300_000_000L));
    }

    private static String readLine(BufferedReader in) throws IOException {
        String line = in.readLine();
        if (line == null) throw new IllegalStateException("input ended: calibration aborted, nothing stored");
        return line;
    }

    private static CalibrationPoint measure(PrintStream out, CalibrationProcedure procedure, long mg) {
        out.print("  measuring... ");
        out.flush();
        CalibrationProcedure.Measurement m = procedure.measure();
        out.printf(Locale.ROOT, "%s: %.1f counts (noise %.1f counts RMS, %d reads)%n", grams(mg), m.counts(),
                m.stdDevCounts(), m.reads());
        return new CalibrationPoint(mg, m.counts());
    }

    private static String grams(long mg) {
        return BigDecimal.valueOf(mg, 3).stripTrailingZeros().toPlainString() + " g";
    }
}
