package com.freshscale.device.weighing.pipeline;

import com.freshscale.device.weighing.CommandResult;

/**
 * Where zero is (R76-1 4.5): set once at power-up within ±10 % of Max of the calibration zero, moved by the
 * zero key within ±2 % of Max of that initial zero, and followed by automatic zero tracking at no more than the
 * configured rate (≤ 0.5 e/s) while the scale rests within ±0.5 e of gross zero. Automatic zero-setting (an
 * indication stable below zero for 5 s, R76-1 4.5.6) moves it within the same ±2 %, through {@link #set}.
 */
final class ZeroSetting {
    /** Initial zero-setting at power-up: ±10 % of Max around the calibration zero (R76-1 4.5.1 allows 20 %). */
    static final double INITIAL_ZERO_RANGE = 0.10;
    /** Zero key and tracking together: ±2 % of Max around the initial zero (R76-1 4.5.1 allows 4 %). */
    static final double ZERO_KEY_RANGE = 0.02;
    /** Automatic zero tracking acts only within ±0.5 e of gross zero (R76-1 4.5.7). */
    static final double AZT_BAND_E = 0.5;

    private final long maxMg;
    private final boolean tracking;
    private final double trackingEPerNano;
    private boolean zeroed;
    private double initialZeroMg;
    private double zeroMg;

    ZeroSetting(long maxMg, boolean tracking, double trackingEPerSecond) {
        this.maxMg = maxMg;
        this.tracking = tracking;
        this.trackingEPerNano = trackingEPerSecond / 1e9;
    }

    boolean zeroed() {
        return zeroed;
    }

    /** Milligrams (after calibration) that read as gross zero. */
    double zeroMg() {
        return zeroMg;
    }

    /** Power-up: a stable reading of {@code grossMg} becomes zero if within ±10 % of Max. */
    boolean tryInitialZero(double grossMg) {
        if (zeroed || Math.abs(zeroMg + grossMg) > INITIAL_ZERO_RANGE * maxMg) return false;
        zeroed = true;
        initialZeroMg = zeroMg + grossMg;
        zeroMg = initialZeroMg;
        return true;
    }

    /** The zero key with a stable {@code grossMg} on the platter. */
    CommandResult set(double grossMg) {
        double newZero = zeroMg + grossMg;
        if (Math.abs(newZero - initialZeroMg) > ZERO_KEY_RANGE * maxMg)
            return CommandResult.refused("load too far from zero to set zero (limit ±2 % of Max); empty the platter");
        zeroMg = newZero;
        return CommandResult.done();
    }

    /**
     * Automatic zero tracking for one stable reading {@code grossMg} (window mean {@code meanMg}) with interval
     * {@code e}, {@code dtNanos} after the previous one; returns the correction applied (subtract it from gross).
     */
    double track(double grossMg, double meanMg, long e, long dtNanos) {
        if (!tracking || !zeroed || dtNanos <= 0) return 0;
        if (Math.abs(meanMg) > AZT_BAND_E * e || Math.abs(grossMg) > AZT_BAND_E * e) return 0;
        // follow the newest reading, not the lagging window mean, so the correction does not overshoot
        double step = trackingEPerNano * e * dtNanos;
        double correction = Math.max(-step, Math.min(step, grossMg));
        if (Math.abs(zeroMg + correction - initialZeroMg) > ZERO_KEY_RANGE * maxMg) return 0;
        zeroMg += correction;
        return correction;
    }
}
