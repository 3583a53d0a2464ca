package com.freshscale.device.label.printer;

/** A label could not be printed; {@link #fault()} says why, the message says it for the user. */
public final class PrinterException extends Exception {
    private final PrinterFault fault;

    public PrinterException(PrinterFault fault, String message) {
        super(message);
        this.fault = fault;
    }

    public PrinterException(PrinterFault fault, String message, Throwable cause) {
        super(message, cause);
        this.fault = fault;
    }

    public PrinterFault fault() {
        return fault;
    }
}
