package com.freshscale.device.pricing;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Rounds an exact amount (in minor units, possibly fractional) to a whole multiple of {@code incrementMinor}:
 * 1 for cents, 5 for Swiss "Rappenrundung" to CHF 0.05 (the smallest Swiss coin).
 */
public record Rounding(RoundingRule rule, long incrementMinor) {
    public Rounding {
        Objects.requireNonNull(rule, "rule");
        if (incrementMinor < 1) throw new IllegalArgumentException("rounding increment must be at least 1 minor unit");
    }

    public static Rounding toMinorUnit(RoundingRule rule) {
        return new Rounding(rule, 1);
    }

    public long round(BigDecimal minor) {
        BigDecimal increment = BigDecimal.valueOf(incrementMinor);
        return minor.divide(increment, 0, rule.mode()).multiply(increment).longValueExact();
    }
}
