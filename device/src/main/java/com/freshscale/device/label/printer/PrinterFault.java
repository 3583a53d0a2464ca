package com.freshscale.device.label.printer;

/** Why a label did not print. */
public enum PrinterFault {
    /** Not connected, not answering, or switched off. */
    OFFLINE,
    /** Out of labels (or the label roll is not loaded). */
    PAPER_OUT,
    /** The print head is open or the printer is paused: someone must attend to it. */
    NEEDS_ATTENTION,
    /** The printer took the connection but did not take or acknowledge the job in time. */
    TIMEOUT,
    /** Any other failure (permission denied, bad path, I/O error). */
    ERROR
}
