package com.freshscale.device.payment.zvt;

import java.io.IOException;

/**
 * The PT did not answer in time: no acknowledgement within T3, or silence while it held the master rights. The
 * outcome of the command is unknown; a payment must then be cleared with the PT (repeat receipt, reversal).
 */
public final class ZvtTimeoutException extends IOException {
    public ZvtTimeoutException(String message) {
        super(message);
    }
}
