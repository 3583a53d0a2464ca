package com.freshscale.protocol.pricebook;

/** How a promotion changes the unit price. */
public enum PromotionKind {
    /** {@code value} is the new unit price in minor units. */
    NEW_PRICE,
    /** {@code value} is the discount in basis points (1/100 %) of the unit price: 2500 = 25 % off. */
    PERCENT_OFF,
    /** {@code value} is subtracted from the unit price, in minor units. */
    FIXED_OFF
}
