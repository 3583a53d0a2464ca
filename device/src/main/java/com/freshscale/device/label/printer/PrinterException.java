package com.freshscale.device.label.printer;

/**
 * A label could not be printed; {@link #fault()} says why, the message says it for the user, and {@link #mayHavePrinted()}
 * whether it may have come out all the same: a fault after the job went (partly) to the printer (a TCP timeout once the
 * printer took the job, a device that stopped taking data) leaves the label's fate unknown. Unless the printer says the
 * job never went out ({@link #notSent}), it may have.
 */
public final class PrinterException extends Exception {
    private final PrinterFault fault;
    private final boolean mayHavePrinted;

    public PrinterException(PrinterFault fault, String message) {
        this(fault, message, null, true);
    }

    public PrinterException(PrinterFault fault, String message, Throwable cause) {
        this(fault, message, cause, true);
    }

    private PrinterException(PrinterFault fault, String message, Throwable cause, boolean mayHavePrinted) {
        super(message, cause);
        this.fault = fault;
        this.mayHavePrinted = mayHavePrinted;
    }

    /** A fault before any byte of the job went to the printer (not connected, the status said paper out): nothing came out. */
    public static PrinterException notSent(PrinterFault fault, String message) {
        return new PrinterException(fault, message, null, false);
    }

    public static PrinterException notSent(PrinterFault fault, String message, Throwable cause) {
        return new PrinterException(fault, message, cause, false);
    }

    /** This fault, known to have happened before the job was sent. */
    public PrinterException beforeSending() {
        return mayHavePrinted ? new PrinterException(fault, getMessage(), getCause(), false) : this;
    }

    public PrinterFault fault() {
        return fault;
    }

    /** Whether the label may have come out despite the fault (the job was sent, at least in part). */
    public boolean mayHavePrinted() {
        return mayHavePrinted;
    }
}
