package com.freshscale.device.weighing.pipeline;

import com.freshscale.device.weighing.CommandResult;

/**
 * The tare in force (R76-1 4.6): semi-automatic (the stable gross load) or preset (a known container, a multiple
 * of e1), at most Max. Kept unrounded so that the net reads exactly zero right after taring; shown rounded to e1.
 */
final class Tare {
    private final ScaleIntervals intervals;
    private double tareMg;

    Tare(ScaleIntervals intervals) {
        this.intervals = intervals;
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
        if (grossMg > intervals.maxMg()) return CommandResult.refused("tare above Max");
        tareMg = grossMg;
        return CommandResult.done();
    }

    CommandResult preset(long mg) {
        if (mg <= 0) return CommandResult.refused("preset tare must be positive");
        if (mg > intervals.maxMg()) return CommandResult.refused("preset tare above Max");
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
