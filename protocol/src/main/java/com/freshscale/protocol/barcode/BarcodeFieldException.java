package com.freshscale.protocol.barcode;

/** A value does not fit a field of a barcode layout, or scanned digits do not match the layout. */
public final class BarcodeFieldException extends Exception {
    public BarcodeFieldException(String message) {
        super(message);
    }
}
