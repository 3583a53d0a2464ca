package com.freshscale.device.app;

import com.freshscale.device.label.PrintOutcome;
import com.freshscale.device.label.printer.PrinterFault;
import java.util.Locale;

/**
 * The label printer's last known state ("ok", or its fault in lower case: "paper_out", "offline", ...), as
 * the last job or test found it. Reported to HQ with the scale's status and shown in the service menu.
 */
final class PrinterStatus {
    private volatile String state = "ok";

    String state() {
        return state;
    }

    void printed() {
        state = "ok";
    }

    void fault(PrinterFault fault) {
        state = fault.name().toLowerCase(Locale.ROOT);
    }

    void outcome(PrintOutcome o) {
        if (o.printed()) printed();
        else fault(o.fault());
    }
}
