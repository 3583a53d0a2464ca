package com.freshscale.device.weighing.sim;

import java.util.SplittableRandom;

/**
 * The physics behind the simulated HX711: what lies on the platter over time, and what the load cell makes of
 * it: offset + sensitivity × (load + non-linearity + creep) + drift + vibration + noise, in ADC counts.
 * Time is the simulation clock's. Thread-safe: the demo places loads from its input thread.
 */
public final class LoadCellModel {
    private final LoadCellSimulation p;
    private final SimClock clock;
    private final SplittableRandom random;
    private final long startNanos;

    // load placement: a raised-cosine ramp from `fromG` to `toG` over [rampStart, rampEnd]
    private double fromG;
    private double toG;
    private long rampStart;
    private long rampEnd;
    // disturbance episodes
    private double episodeVibrationG;
    private double episodeVibrationHz;
    private long vibrationStart;
    private long vibrationUntil;
    private double slideGPerS;
    private long slideStart;
    private long slideUntil;
    // creep state (grams), integrated as a first-order lag towards creep% × load
    private double creepG;
    private long lastCreepNanos;
    // a span/offset fault to inject
    private volatile boolean disconnected;

    public LoadCellModel(LoadCellSimulation parameters, SimClock clock) {
        this.p = parameters;
        this.clock = clock;
        this.random = new SplittableRandom(parameters.seed());
        this.startNanos = clock.nanoTime();
        this.lastCreepNanos = startNanos;
        long now = clock.nanoTime();
        this.rampStart = now;
        this.rampEnd = now;
    }

    public LoadCellSimulation parameters() {
        return p;
    }

    /** Puts {@code grams} in total on the platter, reaching it over {@code rampNanos} (a hand setting it down). */
    public synchronized void place(double grams, long rampNanos) {
        long now = clock.nanoTime();
        fromG = loadAt(now);
        toG = grams;
        slideStart = slideUntil = now;
        slideGPerS = 0;
        rampStart = now;
        rampEnd = now + Math.max(0, rampNanos);
    }

    /** The load is shaken (bag swinging, counter bumped) with this amplitude and frequency for a while. */
    public synchronized void vibrate(double amplitudeG, double hz, long durationNanos) {
        episodeVibrationG = amplitudeG;
        episodeVibrationHz = hz;
        vibrationStart = clock.nanoTime();
        vibrationUntil = vibrationStart + durationNanos;
    }

    /** The load changes steadily (produce sliding off, a hand leaning) at {@code gPerS} for a while. */
    public synchronized void slide(double gPerS, long durationNanos) {
        long now = clock.nanoTime();
        fromG = loadAt(now);
        toG = fromG;
        rampStart = rampEnd = now;
        slideGPerS = gPerS;
        slideStart = now;
        slideUntil = now + durationNanos;
    }

    /** Breaks (or repairs) the cable to the load cell: the HX711 then never reports a conversion. */
    public void disconnect(boolean broken) {
        disconnected = broken;
    }

    public boolean disconnected() {
        return disconnected;
    }

    /** The time the current placement or slide has come to rest (ignoring creep and vibration episodes). */
    public synchronized long settledAt() {
        return Math.max(rampEnd, slideUntil);
    }

    /** When everything on the platter has come to rest: placement, slide and vibration episode all over. */
    public synchronized long quietAt() {
        return Math.max(Math.max(rampEnd, slideUntil), vibrationUntil);
    }

    /**
     * How far the current vibration or slide episode has moved the load from where it was at the episode's
     * start, at most, up to {@code t} (0 outside a running episode): the bench judges stable flags against it.
     */
    public synchronized double disturbanceSoFarG(long t) {
        double moved = 0;
        if (t > vibrationStart && t < vibrationUntil) {
            double elapsed = (t - vibrationStart) / 1e9;
            double quarter = 0.25 / episodeVibrationHz;
            moved = elapsed >= quarter ? episodeVibrationG
                    : episodeVibrationG * Math.sin(2 * Math.PI * episodeVibrationHz * elapsed);
        }
        if (t > slideStart && t < slideUntil) {
            moved = Math.max(moved, Math.abs(slideGPerS) * (t - slideStart) / 1e9);
        }
        return moved;
    }

    /** The mass on the platter at {@code t}, without vibration (what an ideal scale should show when at rest). */
    public synchronized double loadAt(long t) {
        double base;
        if (t >= rampEnd) {
            base = toG;
        } else if (t <= rampStart) {
            base = fromG;
        } else {
            double x = (double) (t - rampStart) / (rampEnd - rampStart);
            base = fromG + (toG - fromG) * (1 - Math.cos(Math.PI * x)) / 2;
        }
        if (slideUntil > slideStart && t > slideStart) {
            base += slideGPerS * (Math.min(t, slideUntil) - slideStart) / 1e9;
        }
        return base;
    }

    /** The ADC code (channel A, gain 128, before clamping) of a conversion finishing at {@code t}. */
    public synchronized double countsAt(long t) {
        double load = loadAt(t);
        double seconds = (t - startNanos) / 1e9;
        if (t >= vibrationStart && t < vibrationUntil)
            load += episodeVibrationG * Math.sin(2 * Math.PI * episodeVibrationHz * (t - vibrationStart) / 1e9);
        load += p.vibrationAmplitudeG() * Math.sin(2 * Math.PI * p.vibrationHz() * seconds);
        double fs = p.fullScaleG();
        double bow = 4 * p.nonlinearityPercent() / 100 * load * (fs - load) / fs;
        // creep: first-order lag towards creep% of the current load
        double dt = Math.max(0, t - lastCreepNanos) / 1e9;
        lastCreepNanos = Math.max(lastCreepNanos, t);
        double creepTarget = p.creepPercent() / 100 * load;
        creepG += (creepTarget - creepG) * (1 - Math.exp(-dt / p.creepTimeConstantS()));
        return p.offsetCounts()
                + p.countsPerGram() * (load + bow + creepG)
                + p.driftCountsPerS() * seconds
                + p.noiseRmsCounts() * gaussian();
    }

    private double gaussian() {
        // Box–Muller on SplittableRandom (no shared Random lock, reproducible from the seed)
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
