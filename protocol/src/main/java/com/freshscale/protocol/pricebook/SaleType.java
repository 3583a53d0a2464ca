package com.freshscale.protocol.pricebook;

/** How a PLU is sold: its unit price is per kilogram, per piece, or a fixed price per label. */
public enum SaleType {
    PER_KG,
    PER_PIECE,
    FIXED
}
