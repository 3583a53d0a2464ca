package com.freshscale.device.label.printer;

/**
 * A label printer behind one transport. It sends a rendered job (ZPL, TSPL or ESC/POS bytes) and reports
 * a fault instead of losing it silently: the caller keeps the job and can print it again.
 */
public interface LabelPrinter {
    /** Sends one job; returns when the printer (or the OS driver) has taken all of it. */
    void print(byte[] job) throws PrinterException;

    /** Where the jobs go, for logs and status: "tcp://10.0.0.5:9100". */
    String describe();
}
