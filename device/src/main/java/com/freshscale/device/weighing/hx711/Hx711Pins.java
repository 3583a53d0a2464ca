package com.freshscale.device.weighing.hx711;

/** The two wires of an HX711: PD_SCK (output) and DOUT (input). Kept this small so the read loop stays tight. */
public interface Hx711Pins extends AutoCloseable {
    void clockHigh();

    void clockLow();

    boolean dataHigh();

    @Override
    void close();
}
