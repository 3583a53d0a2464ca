package com.freshscale.device.weighing.calibration;

/** One calibration point: the ADC code measured with a known reference mass on the platter (0 = empty). */
public record CalibrationPoint(long massMg, double counts) {
    public CalibrationPoint {
        if (massMg < 0) throw new IllegalArgumentException("reference mass must be ≥ 0 mg, not " + massMg);
        if (!Double.isFinite(counts)) throw new IllegalArgumentException("counts must be finite");
    }
}
