package com.freshscale.device.pricing;

import java.math.RoundingMode;

/** How a computed amount is rounded to the currency's smallest coin or minor unit. */
public enum RoundingRule {
    /** Commercial rounding, the usual rule on a price label: 0.5 goes up. */
    HALF_UP(RoundingMode.HALF_UP),
    /** Banker's rounding: 0.5 goes to the even neighbour, so rounding errors do not add up over many sales. */
    HALF_EVEN(RoundingMode.HALF_EVEN);

    private final RoundingMode mode;

    RoundingRule(RoundingMode mode) {
        this.mode = mode;
    }

    public RoundingMode mode() {
        return mode;
    }
}
