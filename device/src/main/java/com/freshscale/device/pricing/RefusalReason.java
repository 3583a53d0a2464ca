package com.freshscale.device.pricing;

/** Why the scale will not price (and so records and prints nothing). */
public enum RefusalReason {
    /** No weight reading was given for an item sold by weight. */
    NO_WEIGHT,
    /** The weight is still moving (R76-1 4.4.2: no printing before equilibrium). */
    UNSTABLE,
    /** Net below Min = 20 e (R76-1 T.3.1.1, class III): no price may be computed. */
    BELOW_MIN,
    /** Above Max + 9 e (R76-1 4.2.3). */
    OVERLOAD,
    /** The net weight is negative (or zero). */
    NEGATIVE,
    /** The scale is not zeroed or the load cell is faulty. */
    SCALE_FAULT,
    /** The PLU is not in the price book. */
    UNKNOWN_PLU,
    /** The PLU is in the price book but not active. */
    INACTIVE_PLU,
    /** The price book is not yet in force at the moment of sale. */
    BOOK_NOT_IN_FORCE,
    /** The count is missing for a per-piece item, or given for an item not sold per piece. */
    BAD_COUNT,
    /** The total (or weight) does not fit the barcode's value field. */
    TOTAL_TOO_LARGE,
    /** The PLU's barcode layout is unknown, cannot carry its item code, or does not suit its sale type. */
    BARCODE_LAYOUT
}
