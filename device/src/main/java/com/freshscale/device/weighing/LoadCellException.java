package com.freshscale.device.weighing;

/** The load cell or its ADC failed; the scale shows a fault and does not weigh. */
public final class LoadCellException extends RuntimeException {
    public LoadCellException(String message) {
        super(message);
    }

    public LoadCellException(String message, Throwable cause) {
        super(message, cause);
    }
}
