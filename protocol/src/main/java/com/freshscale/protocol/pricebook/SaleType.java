package com.freshscale.protocol.pricebook;

import java.math.BigDecimal;

/** How a PLU is sold: its unit price is per kilogram, per piece, or a fixed price per label. */
public enum SaleType {
    PER_KG,
    PER_PIECE,
    FIXED;

    private static final BigDecimal MG_PER_KG = BigDecimal.valueOf(1_000_000);

    /**
     * The exact total of {@code unitPriceMinor} for a sale of this type: × the net in kg, × the pieces, or the price
     * itself. Unrounded, so that each caller applies its own rule: the scale its configured rounding, the server's
     * checks and reports theirs.
     */
    public BigDecimal exactTotal(long unitPriceMinor, long netMg, long count) {
        BigDecimal unit = BigDecimal.valueOf(unitPriceMinor);
        return switch (this) {
            case PER_KG -> unit.multiply(BigDecimal.valueOf(netMg)).divide(MG_PER_KG);
            case PER_PIECE -> unit.multiply(BigDecimal.valueOf(count));
            case FIXED -> unit;
        };
    }
}
