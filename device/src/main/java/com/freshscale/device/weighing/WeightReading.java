package com.freshscale.device.weighing;

/**
 * One indication of the scale, produced at the load cell's sample rate. Masses are in milligrams, rounded
 * to the scale interval e in force for that value (multi-interval scales change e with the load).
 *
 * @param grossMg       gross mass (after zero)
 * @param netMg         gross minus tare
 * @param tareMg        tare in force, 0 when none; a non-zero tare shows the NET marker
 * @param intervalMg    scale interval e applying to the displayed net value
 * @param stable        readings stayed within the stability band for the stability window
 * @param centerOfZero  gross within ±0.25 e of zero (R76-1 4.5.5), shows the zero marker
 * @param status        what may be done with this reading
 * @param timestampNanos monotonic time of the sample ({@link System#nanoTime()} or the simulator's clock)
 */
public record WeightReading(
        long grossMg,
        long netMg,
        long tareMg,
        long intervalMg,
        boolean stable,
        boolean centerOfZero,
        WeightStatus status,
        long timestampNanos) {

    /** True when the reading may be used to compute a price: stable and within Min..Max. */
    public boolean priceable() {
        return stable && status == WeightStatus.OK;
    }

    public boolean netMode() {
        return tareMg != 0;
    }
}
