package com.freshscale.device.weighing;

import com.freshscale.device.config.ConfigFile;
import com.freshscale.device.weighing.calibration.CalibrationStore;
import com.freshscale.device.weighing.pipeline.WeighingPipeline;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scale's weighing function as the rest of the firmware sees it: started from the config and the stored
 * calibration, it reads the load cell on its own thread and hands every {@link WeightReading} to its listeners;
 * the keys (zero, tare, preset tare, clear tare) answer with a {@link CommandResult} that says why when refused.
 */
public final class WeighingService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WeighingService.class);
    /** After a "not responding" the reader retries this often. */
    private static final long RETRY_NANOS = 200_000_000L;

    private final ScaleHardware hardware;
    private final WeighingPipeline pipeline;
    private final CopyOnWriteArrayList<Consumer<WeightReading>> listeners = new CopyOnWriteArrayList<>();
    private final RawRead raw = new RawRead();
    private volatile WeightReading latest;
    private volatile boolean running;
    private Thread reader;
    private WeightStatus lastStatus;

    public WeighingService(ScaleHardware hardware, WeighingPipeline pipeline) {
        this.hardware = Objects.requireNonNull(hardware);
        this.pipeline = Objects.requireNonNull(pipeline);
    }

    /**
     * Builds the service from config section {@code weighing}, the load cell ({@code loadcell}) and the stored
     * calibration. Refuses (exception with the reason) when the scale is not calibrated or was calibrated for
     * other Max/e: such a scale must not weigh.
     */
    public static WeighingService create(ConfigFile config, CalibrationStore calibrations, boolean realTime) {
        WeighingConfig weighing = config.section("weighing", WeighingConfig.class);
        CalibrationStore.Stored cal = calibrations.current().orElseThrow(() -> new IllegalStateException(
                "the scale is not calibrated: run 'freshscale-device calibrate' first"));
        if (!cal.ranges().equals(weighing.describeRanges()))
            throw new IllegalStateException("the scale was calibrated for " + cal.ranges() + " but is configured for "
                    + weighing.describeRanges() + ": recalibrate before weighing");
        ScaleHardware hardware = ScaleHardware.open(config, realTime);
        WeighingPipeline pipeline = new WeighingPipeline(weighing, cal.calibration(), hardware.loadCell().sampleRateSps());
        return new WeighingService(hardware, pipeline);
    }

    public void addListener(Consumer<WeightReading> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<WeightReading> listener) {
        listeners.remove(listener);
    }

    /** The last indication, or null before the first. */
    public WeightReading latest() {
        return latest;
    }

    /** Starts reading on a daemon thread. */
    public synchronized void start() {
        if (running) return;
        running = true;
        reader = new Thread(this::run, "weighing");
        reader.setDaemon(true);
        reader.start();
    }

    private void run() {
        while (running) step();
    }

    /** Reads and processes one conversion (the reader thread's loop body; tests call it directly). */
    public void step() {
        WeightReading r;
        try {
            hardware.loadCell().read(raw);
            r = pipeline.process(raw);
        } catch (LoadCellException e) {
            r = pipeline.loadCellFailed(hardware.clock().nanoTime(), e.getMessage());
            if (lastStatus != WeightStatus.FAULT) log.error("{}", e.getMessage());
            hardware.clock().pause(RETRY_NANOS);
        }
        if (r == null) return;
        if (r.status() != lastStatus) {
            // every put-on and take-off changes the status: the log file's business, not the terminal's (a fault
            // is logged as an error above)
            log.debug("weighing status {}", r.status());
            lastStatus = r.status();
        }
        latest = r;
        for (Consumer<WeightReading> l : listeners) {
            try {
                l.accept(r);
            } catch (RuntimeException e) {
                log.warn("weight listener failed: {}", e.toString());
            }
        }
    }

    public CommandResult zero() {
        return pipeline.zero();
    }

    public CommandResult tare() {
        return pipeline.tare();
    }

    public CommandResult presetTare(long mg) {
        return pipeline.presetTare(mg);
    }

    public CommandResult clearTare() {
        return pipeline.clearTare();
    }

    public ScaleHardware hardware() {
        return hardware;
    }

    public WeighingPipeline pipeline() {
        return pipeline;
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = reader;
        }
        if (t != null) {
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        hardware.close();
    }
}
