package com.freshscale.device.weighing.hx711;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Input channel and gain of the HX711's next conversion, chosen by the number of PD_SCK pulses after the
 * 24 data bits (HX711 datasheet, Table 3: 25 pulses = A/128, 26 = B/32, 27 = A/64).
 */
public enum Hx711Gain {
    @JsonProperty("A128") A128(25, 1.0),
    @JsonProperty("B32") B32(26, 0.25),
    @JsonProperty("A64") A64(27, 0.5);

    private final int pulses;
    private final double relativeGain;

    Hx711Gain(int pulses, double relativeGain) {
        this.pulses = pulses;
        this.relativeGain = relativeGain;
    }

    /** Total PD_SCK pulses of one read (24 data bits + 1..3 selecting the next conversion). */
    public int pulses() {
        return pulses;
    }

    /** Gain relative to channel A at 128 (ideal; the simulator uses it to scale its output). */
    public double relativeGain() {
        return relativeGain;
    }

    /** The gain selected by a read of {@code pulses} pulses, or null if the count selects nothing. */
    public static Hx711Gain ofPulses(int pulses) {
        for (Hx711Gain g : values()) if (g.pulses == pulses) return g;
        return null;
    }
}
