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
    /** One second of bad reads in a row is a load-cell fault. */
    private static final int FAULT_AFTER_SECONDS = 1;
    /** Automatic zero-setting: the indication must have stayed stable below zero this long (R76-1 4.5.6: 5 s). */
    static final long AUTO_ZERO_AFTER_NANOS = 5_000_000_000L;

    private final ScaleIntervals intervals;
    private final Calibration calibration;
    private final BadReadFilter badReads;
    private final MovingAverage smoothing;
    private final StabilityDetector stability;
    private final double bandE;
    private final ZeroSetting zero;
    private final Tare tare;
    private final int faultAfterReads;

    private boolean stable;
    private double grossMg; // unrounded, after zero
    private long lastT;
    private boolean faulted;
    private String faultReason = "";
    private long belowZeroSince; // when the stable indication went below zero; 0 when it is not

    public WeighingPipeline(WeighingConfig config, Calibration calibration, int rateSps) {
        this.intervals = new ScaleIntervals(config.ranges());
        this.calibration = calibration;
        double thresholdCounts = config.outlierThresholdE() * intervals.eMaxMg() * calibration.countsPerMg();
        this.badReads = new BadReadFilter(config.outlierWindow(), thresholdCounts);
        this.smoothing = new MovingAverage(config.smoothingSamples());
        this.stability = StabilityDetector.forRate(config.stabilityWindowMs() * 1_000_000L, rateSps);
        this.bandE = config.stabilityBandE().doubleValue();
        this.zero = new ZeroSetting(intervals.maxMg(), config.zeroTracking(), config.zeroTrackingRateEPerS().doubleValue());
        this.tare = new Tare(intervals, config.tareMaxMg());
        this.faultAfterReads = FAULT_AFTER_SECONDS * rateSps;
    }

    /**
     * How many indications after a moment the first one comes that is made only of conversions begun after it: the
     * conversion under way at that moment, the read {@link BadReadFilter} holds back, and the moving average's reads.
     * With 2 smoothing samples that is 4 indications: 50 ms at the HX711's 80 SPS, 400 ms at its 10 SPS (HX711
     * datasheet, RATE pin). What such an indication says (stable or not, how much) is about the load after the moment.
     */
    public int readingsUntilFresh() {
        return smoothing.length() + 2;
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
        double gross = mg - zero.zeroMg();
        long e = intervals.intervalFor(gross - tare.mg());
        stable = stability.add(t, gross, bandE * e);
        // the newest read, held back one period, may already show the load starting to move: look at it
        // (smoothed as it will be) so that stability drops one period earlier
        if (stable && badReads.holding()
                && Math.abs(calibration.toMg(smoothing.peek(badReads.heldCounts())) - zero.zeroMg()
                        - stability.windowMean()) > bandE * e) {
            stable = false;
        }
        // Once stable, show the mean over the stability window: same equilibrium, less noise.
        double shownGross = stable ? stability.windowMean() : gross;
        if (!zero.zeroed()) {
            if (stable && zero.tryInitialZero(shownGross)) {
                stability.reset();
                shownGross = 0;
                stable = false;
            }
        } else if (stable && !tare.active() && lastT != 0) {
            shownGross -= zero.track(gross, shownGross, e, t - lastT);
            // Automatic zero-setting (R76-1 4.5.6): an indication that has stayed stable below zero for 5 s is set to
            // zero, within the ±2 % of Max the zero key and tracking share. Below zero the platter is empty (a load
            // only adds), and without it a drift, or a few grams slipped under zero tracking and then taken away, left
            // a self-service scale in UNDERLOAD until a technician set zero.
            if (shownGross < -ZeroSetting.AZT_BAND_E * e) {
                if (belowZeroSince == 0) {
                    belowZeroSince = t;
                } else if (t - belowZeroSince >= AUTO_ZERO_AFTER_NANOS && zero.set(shownGross).accepted()) {
                    shownGross = 0;
                    stability.reset();
                    stable = false;
                    belowZeroSince = 0;
                }
            } else {
                belowZeroSince = 0;
            }
        }
        if (!stable || tare.active()) belowZeroSince = 0;
        // the platter is empty again: a tare never outlives its load (a tare left in force priced the next
        // shopper's item short by its weight; WELMEC 2.2 self-service)
        if (stable && tare.active() && Math.abs(shownGross) <= 0.25 * intervals.e1Mg()) tare.clear();
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
        return new WeightReading(0, 0, tare.shownMg(), intervals.e1Mg(), false, false, WeightStatus.FAULT, t);
    }

    /** A load cell that stopped answering: the scale shows a fault until good reads return. */
    public synchronized WeightReading loadCellFailed(long t, String reason) {
        badReads.reset();
        return fault(t, reason);
    }

    private WeightReading reading(long t) {
        double net = grossMg - tare.mg();
        long eNet = intervals.intervalFor(net);
        long eGross = intervals.intervalFor(grossMg);
        long gross = ScaleIntervals.round(grossMg, eGross);
        long netShown = ScaleIntervals.round(net, eNet);
        boolean centerOfZero = Math.abs(grossMg) <= 0.25 * intervals.e1Mg();
        WeightStatus status;
        if (!zero.zeroed()) status = WeightStatus.NOT_ZEROED;
        else if (intervals.overload(grossMg)) status = WeightStatus.OVERLOAD;
        else if (intervals.underload(grossMg)) status = WeightStatus.UNDERLOAD;
        else if (netShown < intervals.minMg()) status = WeightStatus.BELOW_MIN;
        else status = WeightStatus.OK;
        return new WeightReading(gross, netShown, tare.shownMg(), eNet, stable, centerOfZero, status, t);
    }

    // ---- keys -----------------------------------------------------------------------------------------------

    /** Zero-setting key: only stable, in gross mode, within ±2 % of Max of the initial zero. */
    public synchronized CommandResult zero() {
        // zero-setting must work on a (slightly) negative indication too: that is when it is needed
        CommandResult ready = readyForKey(true);
        if (!ready.accepted()) return ready;
        if (tare.active()) return CommandResult.refused("clear the tare before setting zero");
        CommandResult done = zero.set(grossMg);
        if (done.accepted()) {
            grossMg = 0;
            stability.reset();
            stable = false;
        }
        return done;
    }

    /** Semi-automatic tare: the stable gross load becomes the tare. */
    public synchronized CommandResult tare() {
        CommandResult ready = readyForKey(false);
        return ready.accepted() ? tare.take(grossMg) : ready;
    }

    /** Preset tare (a known container weight), a multiple of e1, at most Max; only when stable. */
    public synchronized CommandResult presetTare(long mg) {
        CommandResult ready = readyForKey(false);
        return ready.accepted() ? tare.preset(mg) : ready;
    }

    public synchronized CommandResult clearTare() {
        return tare.clear();
    }

    /** The tare in force, as shown (0 without one). */
    public synchronized long tareMg() {
        return tare.shownMg();
    }

    private CommandResult readyForKey(boolean allowUnderload) {
        if (faulted) return CommandResult.refused("load cell fault: " + faultReason);
        if (!zero.zeroed()) return CommandResult.refused("scale not zeroed yet: empty the platter");
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
        return zero.zeroMg();
    }

    public ScaleIntervals intervals() {
        return intervals;
    }
}
