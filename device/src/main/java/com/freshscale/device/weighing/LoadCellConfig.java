package com.freshscale.device.weighing;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.freshscale.device.weighing.hx711.Hx711Gain;

/**
 * Config section {@code loadcell}: how the HX711 is wired.
 *
 * @param platform       {@code gpiod} on a Raspberry Pi 4/5, {@code simulated} for the demo and tests (then a
 *                       {@code loadcell_simulation} section describes the simulated load cell)
 * @param dataPin        BCM number of the GPIO wired to HX711 DOUT
 * @param clockPin       BCM number of the GPIO wired to HX711 PD_SCK
 * @param rateSps        10 or 80; must match the HX711 RATE pin (low = 10 SPS, high = 80 SPS)
 * @param gain           channel and gain: A128, A64 or B32
 * @param maxSckHighUs   a read whose measured SCK-high time exceeds this is dropped
 */
public record LoadCellConfig(
        @JsonProperty(value = "platform", required = true) Platform platform,
        @JsonProperty(value = "data_pin", required = true) int dataPin,
        @JsonProperty(value = "clock_pin", required = true) int clockPin,
        @JsonProperty(value = "rate_sps", required = true) int rateSps,
        @JsonProperty(value = "gain", required = true) Hx711Gain gain,
        @JsonProperty(value = "max_sck_high_us", required = true) int maxSckHighUs) {

    public enum Platform {
        @JsonProperty("gpiod") GPIOD,
        @JsonProperty("simulated") SIMULATED
    }

    /** GPIOs a user may wire on the Raspberry Pi 40-pin header (BCM 2..27; 0/1 are reserved for the HAT EEPROM). */
    static final int FIRST_GPIO = 2;
    static final int LAST_GPIO = 27;

    public LoadCellConfig {
        if (platform == null) throw new IllegalArgumentException("platform must be gpiod or simulated");
        checkPin("data_pin", dataPin);
        checkPin("clock_pin", clockPin);
        if (dataPin == clockPin) throw new IllegalArgumentException("data_pin and clock_pin are both GPIO" + dataPin);
        if (rateSps != 10 && rateSps != 80)
            throw new IllegalArgumentException("rate_sps must be 10 or 80 (HX711 RATE pin low/high), not " + rateSps);
        if (gain == null) throw new IllegalArgumentException("gain must be A128, A64 or B32");
        // HX711 datasheet, timing table: PD_SCK high time T3 is at most 50 us; above 60 us the chip powers down.
        if (maxSckHighUs < 1 || maxSckHighUs > 50)
            throw new IllegalArgumentException("max_sck_high_us must be 1..50 (HX711 T3 max 50 us), not " + maxSckHighUs);
    }

    private static void checkPin(String key, int pin) {
        if (pin < FIRST_GPIO || pin > LAST_GPIO)
            throw new IllegalArgumentException(key + " " + pin + " is not a user GPIO of the Raspberry Pi header (BCM "
                    + FIRST_GPIO + ".." + LAST_GPIO + ")");
    }

    public long maxSckHighNanos() {
        return maxSckHighUs * 1_000L;
    }
}
