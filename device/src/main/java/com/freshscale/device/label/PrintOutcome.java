package com.freshscale.device.label;

import com.freshscale.device.label.printer.PrinterFault;

/**
 * What happened to one print or reprint. A label not printed is not an error of the sale: the sale stays
 * recorded, the job stays stored, and {@link LabelSpooler#reprint} sends it again. {@code mayHavePrinted}: the printer
 * reported a fault after it was sent the job ({@link com.freshscale.device.label.printer.PrinterException#mayHavePrinted}),
 * so the label may have come out all the same.
 */
public record PrintOutcome(long jobId, boolean printed, PrinterFault fault, String message, boolean mayHavePrinted) {
    public PrintOutcome(long jobId, boolean printed, PrinterFault fault, String message) {
        this(jobId, printed, fault, message, false);
    }

    static PrintOutcome printed(long jobId) {
        return new PrintOutcome(jobId, true, null, null);
    }
}
