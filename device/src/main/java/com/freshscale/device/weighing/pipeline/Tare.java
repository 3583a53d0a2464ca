package com.freshscale.device.weighing.pipeline;

import com.freshscale.device.weighing.CommandResult;

/**
 * The tare in force (R76-1 4.6): semi-automatic (the stable gross load) or preset (a known container, a multiple
 * of e1), at most the tare limit (itself at most Max). Kept unrounded so that the net reads exactly zero right
 * after taring; shown rounded to e1.
 */
final class Tare {
    private final ScaleIntervals intervals;
    private final long limitMg;
    private double tareMg;

    Tare(ScaleIntervals intervals, long limitMg) {
        this.intervals = intervals;
        this.limitMg = Math.min(limitMg, intervals.maxMg());
    }

    boolean active() {
        return tareMg != 0;
    }

    double mg() {
        return tareMg;
    }

    /** The tare as displayed: rounded to e1, at least e1 when a tare is in force. */
    long shownMg() {
        return tareMg == 0 ? 0 : Math.max(intervals.e1Mg(), ScaleIntervals.round(tareMg, intervals.e1Mg()));
    }

    CommandResult take(double grossMg) {
        if (ScaleIntervals.round(grossMg, intervals.e1Mg()) <= 0) return CommandResult.refused("nothing on the platter to tare");
        if (grossMg > limitMg) return CommandResult.refused("tare above the tare limit of " + limitMg / 1000.0 + " g");
        tareMg = grossMg;
        return CommandResult.done();
    }

    CommandResult preset(long mg) {
        if (mg <= 0) return CommandResult.refused("preset tare must be positive");
        if (mg > limitMg) return CommandResult.refused("preset tare above the tare limit of " + limitMg / 1000.0 + " g");
        if (mg % intervals.e1Mg() != 0)
            return CommandResult.refused("preset tare must be a multiple of e1 = " + intervals.e1Mg() / 1000.0 + " g");
        tareMg = mg;
        return CommandResult.done();
    }

    CommandResult clear() {
        if (tareMg == 0) return CommandResult.refused("no tare to clear");
        tareMg = 0;
        return CommandResult.done();
    }
}
