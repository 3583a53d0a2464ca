package com.freshscale.device.weighing.sim;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Config section {@code loadcell_simulation}: the simulated load cell behind the simulated HX711 (used when
 * {@code loadcell.platform} is {@code simulated}). Counts are HX711 codes at channel A, gain 128.
 *
 * @param offsetCounts          code with the platter empty
 * @param countsPerGram         sensitivity (a 2 mV/V cell at 15 kg on a 3.3 V HX711 gives about 280 counts/g)
 * @param fullScaleG            rated capacity of the cell (for the non-linearity shape)
 * @param nonlinearityPercent   bow at mid-scale in % of full scale (C3 cells: about 0.02 %)
 * @param noiseRmsCounts        white noise (HX711 at 80 SPS, gain 128: about 100 counts RMS)
 * @param driftCountsPerS       slow zero drift (temperature)
 * @param creepPercent          creep under constant load in % of the load (R60 C3: ≤ 0.0245 % over 30 min)
 * @param creepTimeConstantS    time constant of the creep
 * @param vibrationAmplitudeG   ambient vibration (counter, floor) amplitude
 * @param vibrationHz           ambient vibration frequency
 * @param seed                  random seed of the noise (a simulation is reproducible)
 */
public record LoadCellSimulation(
        @JsonProperty(value = "offset_counts", required = true) int offsetCounts,
        @JsonProperty(value = "counts_per_gram", required = true) double countsPerGram,
        @JsonProperty(value = "full_scale_g", required = true) double fullScaleG,
        @JsonProperty(value = "nonlinearity_percent", required = true) double nonlinearityPercent,
        @JsonProperty(value = "noise_rms_counts", required = true) double noiseRmsCounts,
        @JsonProperty(value = "drift_counts_per_s", required = true) double driftCountsPerS,
        @JsonProperty(value = "creep_percent", required = true) double creepPercent,
        @JsonProperty(value = "creep_time_constant_s", required = true) double creepTimeConstantS,
        @JsonProperty(value = "vibration_amplitude_g", required = true) double vibrationAmplitudeG,
        @JsonProperty(value = "vibration_hz", required = true) double vibrationHz,
        @JsonProperty(value = "seed", required = true) long seed) {

    public LoadCellSimulation {
        if (countsPerGram == 0 || !Double.isFinite(countsPerGram)) throw new IllegalArgumentException("counts_per_gram must be non-zero");
        if (!(fullScaleG > 0)) throw new IllegalArgumentException("full_scale_g must be positive");
        if (!(noiseRmsCounts >= 0)) throw new IllegalArgumentException("noise_rms_counts must be ≥ 0");
        if (!(creepTimeConstantS > 0)) throw new IllegalArgumentException("creep_time_constant_s must be positive");
        if (!(vibrationAmplitudeG >= 0) || !(vibrationHz >= 0)) throw new IllegalArgumentException("vibration must be ≥ 0");
        if (Math.abs(nonlinearityPercent) > 5) throw new IllegalArgumentException("nonlinearity_percent must be within ±5");
    }

    /** A quiet, ideal-ish cell for tests: 15 kg, 280 counts/g. */
    public static LoadCellSimulation typical15kg(long seed) {
        return new LoadCellSimulation(84_000, 280.0, 15_000, 0.02, 100, 0.5, 0.0245, 300, 0, 0, seed);
    }
}
