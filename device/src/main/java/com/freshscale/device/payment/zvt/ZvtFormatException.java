package com.freshscale.device.payment.zvt;

/** Bytes that are not ZVT: a bad length, an unknown BMP, a BCD nibble above 9. */
public final class ZvtFormatException extends RuntimeException {
    public ZvtFormatException(String message) {
        super(message);
    }
}
