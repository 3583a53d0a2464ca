package com.freshscale.device.weighing.pipeline;

import com.freshscale.device.weighing.CommandResult;
import com.freshscale.device.weighing.RawRead;
import com.freshscale.device.weighing.WeighingConfig;
import com.freshscale.device.weighing.WeightReading;
import com.freshscale.device.weighing.WeightStatus;
import com.freshscale.device.weighing.calibration.Calibration;

/**
 * The weighing chain, one raw conversion at a time: bad-read rejection → smoothing → calibration (counts → mg)
 * → zero → tare → stability → rounding to e, with the OIML R76 class III rules for zero-setting, zero tracking,
 * tare, Min and overload. Commands (zero, tare, ...) and samples may come from different threads.
 */
public final class WeighingPipeline {
    /** Zero-setting key range: ±2 % of Max around the initial zero (R76-1 4.5.1 allows 4 % in total). */
    static final double ZERO_KEY_RANGE = 0.02;
    /** Initial zero-setting at power-up: ±10 % of Max around the calibration zero (R76-1 4.5.1 allows 20 %). */
    static final double INITIAL_ZERO_RANGE = 0.10;
    /** Automatic zero tracking acts only within ±0.5 e of gross zero (R76-1 4.5.7). */
    static final double AZT_BAND_E = 0.5;
    /** One second of bad reads in a row is a load-cell fault. */
    private static final int FAULT_AFTER_SECONDS = 1;

    private final ScaleIntervals intervals;
    private final Calibration calibration;
    private final BadReadFilter badReads;
    private final MovingAverage smoothing;
    private final StabilityDetector stability;
    private final double bandE;
    private final boolean zeroTracking;
    private final double aztRateEPerNano;
    private final int faultAfterReads;

    private boolean zeroed;
    private double initialZeroMg;
    private double zeroMg;
    /** Tare as taken (unrounded), so that the net reads exactly zero right after taring; shown rounded to e1. */
    private double tareMg;
    private boolean stable;
    private double grossMg; // unrounded, after zero
    private long lastT;
    private boolean faulted;
    private String faultReason = "";

    public WeighingPipeline(WeighingConfig config, Calibration calibration, int rateSps) {
        this.intervals = new ScaleIntervals(config.ranges());
        this.calibration = calibration;
        double thresholdCounts = config.outlierThresholdE() * intervals.eMaxMg() * calibration.countsPerMg();
        this.badReads = new BadReadFilter(config.outlierWindow(), thresholdCounts);
        this.smoothing = new MovingAverage(config.smoothingSamples());
        this.stability = StabilityDetector.forRate(config.stabilityWindowMs() * 1_000_000L, rateSps);
        this.bandE = config.stabilityBandE().doubleValue();
        this.zeroTracking = config.zeroTracking();
        this.aztRateEPerNano = config.zeroTrackingRateEPerS().doubleValue() / 1e9;
        this.faultAfterReads = FAULT_AFTER_SECONDS * rateSps;
    }

    /** Feeds one raw conversion; returns the new indication, or null when the read was dropped. */
    public synchronized WeightReading process(RawRead read) {
        if (!badReads.accept(read)) {
            if (badReads.consecutiveDropped() >= faultAfterReads) {
                return fault(read.timestampNanos(), "load cell gives only bad reads (" + read.fault() + ")");
            }
            return null;
        }
        long t = badReads.timestampNanos();
        faulted = false;
        double mg = calibration.toMg(smoothing.add(badReads.counts()));
        double gross = mg - zeroMg;
        long e = intervals.intervalFor(gross - tareMg);
        stable = stability.add(t, gross, bandE * e);
        // Once stable, show the mean over the stability window: same equilibrium, less noise.
        double shownGross = stable ? stability.windowMean() : gross;
        if (!zeroed) {
            if (stable && Math.abs(shownGross) <= INITIAL_ZERO_RANGE * intervals.maxMg()) {
                zeroed = true;
                initialZeroMg = zeroMg + shownGross;
                zeroMg = initialZeroMg;
                stability.reset();
                shownGross = 0;
                stable = false;
            }
        } else if (zeroTracking && stable && tareMg == 0 && lastT != 0
                && Math.abs(shownGross) <= AZT_BAND_E * e && Math.abs(gross) <= AZT_BAND_E * e) {
            // track the newest reading, not the lagging window mean, so the correction does not overshoot
            double step = aztRateEPerNano * e * (t - lastT);
            double correction = Math.max(-step, Math.min(step, gross));
            if (Math.abs(zeroMg + correction - initialZeroMg) <= ZERO_KEY_RANGE * intervals.maxMg()) {
                zeroMg += correction;
                shownGross -= correction;
            }
        }
        lastT = t;
        grossMg = shownGross;
        return reading(t);
    }

    private WeightReading fault(long t, String reason) {
        faulted = true;
        faultReason = reason;
        stable = false;
        smoothing.reset();
        stability.reset();
        return new WeightReading(0, 0, shownTare(), intervals.e1Mg(), false, false, WeightStatus.FAULT, t);
    }

    /** A load cell that stopped answering: the scale shows a fault until good reads return. */
    public synchronized WeightReading loadCellFailed(long t, String reason) {
        badReads.reset();
        return fault(t, reason);
    }

    private WeightReading reading(long t) {
        double net = grossMg - tareMg;
        long eNet = intervals.intervalFor(net);
        long eGross = intervals.intervalFor(grossMg);
        long gross = ScaleIntervals.round(grossMg, eGross);
        long netShown = ScaleIntervals.round(net, eNet);
        boolean centerOfZero = Math.abs(grossMg) <= 0.25 * intervals.e1Mg();
        WeightStatus status;
        if (!zeroed) status = WeightStatus.NOT_ZEROED;
        else if (intervals.overload(grossMg)) status = WeightStatus.OVERLOAD;
        else if (intervals.underload(grossMg)) status = WeightStatus.UNDERLOAD;
        else if (netShown < intervals.minMg()) status = WeightStatus.BELOW_MIN;
        else status = WeightStatus.OK;
        return new WeightReading(gross, netShown, shownTare(), eNet, stable, centerOfZero, status, t);
    }

    private long shownTare() {
        return tareMg == 0 ? 0 : Math.max(intervals.e1Mg(), ScaleIntervals.round(tareMg, intervals.e1Mg()));
    }

    // ---- keys -----------------------------------------------------------------------------------------------

    /** Zero-setting key: only stable, in gross mode, within ±2 % of Max of the initial zero. */
    public synchronized CommandResult zero() {
        // zero-setting must work on a (slightly) negative indication too: that is when it is needed
        CommandResult ready = readyForKey(true);
        if (!ready.accepted()) return ready;
        if (tareMg != 0) return CommandResult.refused("clear the tare before setting zero");
        double newZero = zeroMg + grossMg;
        if (Math.abs(newZero - initialZeroMg) > ZERO_KEY_RANGE * intervals.maxMg())
            return CommandResult.refused("load too far from zero to set zero (limit ±2 % of Max); empty the platter");
        zeroMg = newZero;
        grossMg = 0;
        stability.reset();
        stable = false;
        return CommandResult.done();
    }

    /** Semi-automatic tare: the stable gross load becomes the tare. */
    public synchronized CommandResult tare() {
        CommandResult ready = readyForKey(false);
        if (!ready.accepted()) return ready;
        if (ScaleIntervals.round(grossMg, intervals.e1Mg()) <= 0) return CommandResult.refused("nothing on the platter to tare");
        if (grossMg > intervals.maxMg()) return CommandResult.refused("tare above Max");
        tareMg = grossMg;
        return CommandResult.done();
    }

    /** Preset tare (a known container weight), a multiple of e1, at most Max; only when stable. */
    public synchronized CommandResult presetTare(long mg) {
        CommandResult ready = readyForKey(false);
        if (!ready.accepted()) return ready;
        if (mg <= 0) return CommandResult.refused("preset tare must be positive");
        if (mg > intervals.maxMg()) return CommandResult.refused("preset tare above Max");
        if (mg % intervals.e1Mg() != 0)
            return CommandResult.refused("preset tare must be a multiple of e1 = " + intervals.e1Mg() / 1000.0 + " g");
        tareMg = mg;
        return CommandResult.done();
    }

    public synchronized CommandResult clearTare() {
        if (tareMg == 0) return CommandResult.refused("no tare to clear");
        tareMg = 0;
        return CommandResult.done();
    }

    private CommandResult readyForKey(boolean allowUnderload) {
        if (faulted) return CommandResult.refused("load cell fault: " + faultReason);
        if (!zeroed) return CommandResult.refused("scale not zeroed yet: empty the platter");
        if (!stable) return CommandResult.refused("weight not stable");
        if (intervals.overload(grossMg) || (!allowUnderload && intervals.underload(grossMg)))
            return CommandResult.refused("weight out of range");
        return CommandResult.done();
    }

    // ---- inspection (service mode, verification, bench) ------------------------------------------------------

    /** The last gross indication before rounding (R76 verification works with the error before rounding). */
    public synchronized double grossMgUnrounded() {
        return grossMg;
    }

    public synchronized double zeroMg() {
        return zeroMg;
    }

    public ScaleIntervals intervals() {
        return intervals;
    }
}
