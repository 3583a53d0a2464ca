package com.freshscale.device.weighing;

/** What the indicator may do with a reading (OIML R76-1 4.x, class III). */
public enum WeightStatus {
    /** Within Min..Max: shown, and may be priced when stable. */
    OK,
    /** Net below Min (20 e): weight shown, no price may be computed (R76-1 T.3.1.1 minimum capacity). */
    BELOW_MIN,
    /** Gross above Max + 9 e: weight blanked (R76-1 4.2.3). */
    OVERLOAD,
    /** Gross below the negative display limit (-20 e): weight blanked. */
    UNDERLOAD,
    /** Initial zero at power-up failed (load outside ±10 % of Max, R76-1 4.5.1): the scale does not weigh. */
    NOT_ZEROED,
    /** The load cell does not answer or only gives bad reads: the scale does not weigh. */
    FAULT
}
