package com.freshscale.device.label;

import com.freshscale.device.label.printer.PrinterFault;

/**
 * What happened to one print or reprint. A label not printed is not an error of the sale: the sale stays
 * recorded, the job stays stored, and {@link LabelSpooler#reprint} sends it again.
 */
public record PrintOutcome(long jobId, boolean printed, PrinterFault fault, String message) {
    static PrintOutcome printed(long jobId) {
        return new PrintOutcome(jobId, true, null, null);
    }
}
