package com.freshscale.device.app;

import com.freshscale.device.label.PrintOutcome;
import com.freshscale.device.label.printer.LabelPrinter;
import com.freshscale.device.label.printer.PrinterException;
import com.freshscale.device.label.printer.PrinterFault;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches whether the label printer can print: its status every {@link #INTERVAL_MS} ms (asked without
 * printing, {@link LabelPrinter#status()}) and the outcome of every job. A change is handed on at once, so
 * the kiosk says "out of labels" before anyone weighs and takes the next shopper again when labels are in.
 * Its state ("ok", or the fault in lower case: "paper_out", "offline", ...) goes to HQ with the scale's status.
 */
final class PrinterWatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PrinterWatch.class);
    /** How often the printer is asked: a shopper reaching the scale sees the state of two seconds ago at most. */
    static final long INTERVAL_MS = 2_000;

    private final LabelPrinter printer;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> ScaleApp.daemon(r, "printer-watch"));
    private volatile Consumer<PrinterFault> listener = f -> { };
    private volatile PrinterFault fault;
    private volatile boolean known;

    PrinterWatch(LabelPrinter printer) {
        this.printer = printer;
    }

    /** {@code listener} gets the fault (null: ready) on every change, on the watch's thread. */
    void onChange(Consumer<PrinterFault> listener) {
        this.listener = listener;
    }

    void start() {
        timer.scheduleWithFixedDelay(this::check, 0, INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    /** Asks the printer now. */
    void check() {
        try {
            Optional<PrinterException> f = printer.status();
            set(f.map(PrinterException::fault).orElse(null), f.map(Throwable::getMessage).orElse(null));
        } catch (RuntimeException e) {
            // the next check asks again; a watch that stopped would leave the kiosk showing an old state
            log.warn("printer status not read: {}", e.toString());
        }
    }

    /**
     * Asks the printer now, on the caller's thread, and answers its fault (null: it can print). A change is handed on as
     * a poll's is, before this returns. A status that cannot be read leaves the last one known. For a step that must
     * not wait for the next poll: a card is charged only if its PAID label can print.
     */
    PrinterFault askNow() {
        check();
        return fault;
    }

    /** A job's outcome says as much as a status. */
    void outcome(PrintOutcome o) {
        set(o.printed() ? null : o.fault(), o.message());
    }

    void printed() {
        set(null, null);
    }

    void fault(PrinterFault f) {
        set(f, null);
    }

    private synchronized void set(PrinterFault next, String message) {
        if (known && next == fault) return;
        boolean first = !known;
        known = true;
        fault = next;
        if (next != null) log.warn("label printer {} cannot print: {}", printer.describe(), message != null ? message : next);
        else if (!first) log.info("label printer {} ready again", printer.describe());
        listener.accept(next);
    }

    /** The fault while the printer cannot print, or null. */
    PrinterFault fault() {
        return fault;
    }

    /** "ok" or the fault in lower case, for the scale's status. */
    String state() {
        PrinterFault f = fault;
        return f == null ? "ok" : f.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
