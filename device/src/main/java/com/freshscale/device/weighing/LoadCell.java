package com.freshscale.device.weighing;

/** A load cell behind its ADC: yields one raw conversion per sample period. */
public interface LoadCell extends AutoCloseable {
    /**
     * Blocks until the next conversion and reads it into {@code into}.
     *
     * @throws LoadCellException when the ADC does not answer in time ("load cell not responding")
     */
    void read(RawRead into);

    /** Conversions per second (10 or 80 for the HX711, set by its RATE pin). */
    int sampleRateSps();

    void powerDown();

    void powerUp();

    @Override
    void close();
}
