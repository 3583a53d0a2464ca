package com.freshscale.device.app;

import com.freshscale.device.config.ConfigFile;
import com.freshscale.device.store.DeviceDatabase;
import com.freshscale.device.weighing.WeighingConfig;
import com.freshscale.device.weighing.calibration.CalibrationPoint;
import com.freshscale.device.weighing.calibration.CalibrationStore;
import com.freshscale.device.weighing.pipeline.ScaleIntervals;
import com.freshscale.protocol.SoftwareVersion;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code status}: what an inspector asks for — software version, calibration event counter, calibration. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the software version, the calibration event counter and the calibration in force.")
final class StatusCommand implements Callable<Integer> {
    @Option(names = "--database", required = true, description = "the scale's SQLite database")
    Path database;

    @Option(names = "--config", description = "the scale's config file: also checks it and its Max/e against the calibration")
    Path config;

    @Option(names = "--audit", description = "also print the audit log of legally relevant changes")
    boolean audit;

    @Override
    public Integer call() throws Exception {
        return CommandErrors.run(this::status);
    }

    private int status() {
        // an inspector's typo must not show a fresh, empty database as "counter 0"
        if (!Files.isRegularFile(database)) throw new IllegalArgumentException("no scale database at " + database);
        CalibrationStore store = new CalibrationStore(DeviceDatabase.open(database));
        System.out.println("software version:     " + SoftwareVersion.of(StatusCommand.class));
        System.out.println("legal software id:    " + LegalSoftwareId.shownForRunningFirmware()
                + " (SHA-256 of weighing, pricing, label, barcode)");
        System.out.println("calibration counter:  " + store.eventCounter());
        Optional<CalibrationStore.Stored> cal = store.current();
        if (cal.isEmpty()) {
            System.out.println("calibration:          none (the scale does not weigh until calibrated)");
        } else {
            CalibrationStore.Stored c = cal.get();
            System.out.println("calibration:          event " + c.event() + ", " + c.createdAt() + ", by " + c.technician()
                    + ", for " + c.ranges());
            for (CalibrationPoint p : c.calibration().points()) {
                System.out.printf(java.util.Locale.ROOT, "  %12s g  at %12.1f counts%n",
                        BigDecimal.valueOf(p.massMg(), 3).stripTrailingZeros().toPlainString(), p.counts());
            }
        }
        int code = 0;
        if (config != null) {
            WeighingConfig w = ConfigFile.load(config).section("weighing", WeighingConfig.class);
            ScaleIntervals intervals = new ScaleIntervals(w.ranges());
            System.out.println("configured:           " + w.describeRanges() + ", Min "
                    + BigDecimal.valueOf(intervals.minMg(), 3).stripTrailingZeros().toPlainString() + " g");
            boolean matches = cal.isPresent() && cal.get().ranges().equals(w.describeRanges());
            System.out.println("ready to weigh:       " + (matches ? "yes"
                    : "no — " + (cal.isPresent() ? "calibrated for other Max/e, recalibrate" : "not calibrated")));
            if (!matches) code = 1;
        }
        if (audit) {
            System.out.println("audit log:");
            for (CalibrationStore.AuditEntry e : store.auditLog()) {
                System.out.println("  #" + e.id() + " " + e.at() + " event " + e.event() + " " + e.what() + " by " + e.actor());
                System.out.println("      old: " + (e.oldValue() == null ? "(none)" : e.oldValue()));
                System.out.println("      new: " + e.newValue());
            }
        }
        return code;
    }
}
