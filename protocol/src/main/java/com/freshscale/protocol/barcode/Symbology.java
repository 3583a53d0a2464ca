package com.freshscale.protocol.barcode;

/** The printed symbology, fixed by the length of a layout: 13 digits EAN-13, 12 digits UPC-A. */
public enum Symbology {
    EAN_13(13),
    UPC_A(12);

    private final int length;

    Symbology(int length) {
        this.length = length;
    }

    public int length() {
        return length;
    }
}
