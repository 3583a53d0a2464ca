package com.freshscale.device.label.printer;

import java.util.Optional;

/**
 * A label printer behind one transport. It sends a rendered job (ZPL, TSPL or ESC/POS bytes) and reports
 * a fault instead of losing it silently: the caller keeps the job and can print it again.
 */
public interface LabelPrinter {
    /** Sends one job; returns when the printer (or the OS driver) has taken all of it. */
    void print(byte[] job) throws PrinterException;

    /**
     * Sends one job named {@code name} (e.g. {@code label-000012} for sale 12): printers that keep each job
     * as a file name the file by it, so the file and the sale it belongs to carry the same number; a
     * reprint of the same label replaces its file. Other printers ignore the name.
     */
    default void print(byte[] job, String name) throws PrinterException {
        print(job);
    }

    /**
     * Whether the printer can print now, asked without printing: the fault (paper out, head open,
     * offline) or empty when it is ready or cannot tell (a transport that cannot answer finds the fault
     * at the next job). Called every few seconds, so that the kiosk says so before anyone weighs.
     */
    default Optional<PrinterException> status() {
        return Optional.empty();
    }

    /** Where the jobs go, for logs and status: "tcp://10.0.0.5:9100". */
    String describe();
}
