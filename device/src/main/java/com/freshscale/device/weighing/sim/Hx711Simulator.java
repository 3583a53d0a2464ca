package com.freshscale.device.weighing.sim;

import com.freshscale.device.weighing.hx711.Hx711;
import com.freshscale.device.weighing.hx711.Hx711Gain;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeEvent;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutput;

/**
 * An HX711 on Pi4J's mock GPIO, following the datasheet: it converts at 10 or 80 SPS and pulls DOUT low when a
 * conversion is ready; each PD_SCK rising edge shifts out one bit MSB first; the 25th pulse pulls DOUT high;
 * the pulse count (25/26/27) selects the channel and gain of the next conversion, whose output then settles
 * for four conversion periods; PD_SCK high for more than 60 µs powers it down (DOUT high), and PD_SCK low
 * again powers it up in its reset state (channel A, gain 128, settling).
 *
 * <p>Faults a technician meets in the field can be injected: a pre-empted (stretched) clock pulse, a spurious
 * extra clock edge, a late conversion, a saturated input.
 */
public final class Hx711Simulator {
    /** PD_SCK high longer than this powers the HX711 down (datasheet, "Power Down"). */
    static final long POWER_DOWN_NANOS = 60_000;
    private static final int SETTLING_CONVERSIONS = 4;

    private final MockDigitalInput dout;
    private final SimClock clock;
    private final LoadCellModel model;
    private final long periodNanos;

    private boolean sckHigh;
    private long sckRiseAt;
    private boolean poweredDown;
    private Hx711Gain gain = Hx711Gain.A128;
    private long nextConversionAt;
    private boolean dataReady;
    private int shiftRegister;
    private int pulses;
    private long conversions;

    // injected faults
    private int stretchPulseIndex = -1;
    private long stretchNanos;
    private int extraPulses;
    private long lateNanos;
    private int saturateConversions;

    public Hx711Simulator(MockDigitalOutput pdSck, MockDigitalInput dout, SimClock clock, LoadCellModel model, int rateSps) {
        this.dout = dout;
        this.clock = clock;
        this.model = model;
        this.periodNanos = 1_000_000_000L / rateSps;
        this.nextConversionAt = clock.nanoTime() + Hx711.settlingNanos(rateSps);
        dout.mockState(DigitalState.HIGH);
        pdSck.addListener(this::onClockEdge);
        clock.onAdvance(this::onTime);
    }

    private synchronized void onClockEdge(DigitalStateChangeEvent<?> event) {
        long now = clock.nanoTime();
        if (event.state() == DigitalState.HIGH) {
            sckHigh = true;
            sckRiseAt = now;
            int index = pulses;
            if (index == stretchPulseIndex && dataReadyOrReading()) {
                stretchPulseIndex = -1;
                // the kernel pre-empts the driver with PD_SCK high
                clock.advance(stretchNanos);
            }
            if (poweredDown) return;
            if (dataReadyOrReading()) {
                pulses += 1 + extraPulses;
                extraPulses = 0;
                if (pulses <= 24) {
                    boolean bit = ((shiftRegister >>> (24 - pulses)) & 1) != 0;
                    dout.mockState(bit ? DigitalState.HIGH : DigitalState.LOW);
                } else {
                    dout.mockState(DigitalState.HIGH); // 25th pulse: DOUT back high
                    dataReady = false;
                }
            }
        } else {
            sckHigh = false;
            if (poweredDown) powerUp(now);
        }
    }

    /** A read is in progress from the first pulse after DOUT-ready until the next conversion. */
    private boolean dataReadyOrReading() {
        return dataReady || pulses > 0;
    }

    private synchronized void onTime(long now) {
        if (sckHigh && !poweredDown && now - sckRiseAt > POWER_DOWN_NANOS) {
            poweredDown = true;
            dataReady = false;
            pulses = 0;
            dout.mockState(DigitalState.HIGH);
        }
        while (!poweredDown && now >= nextConversionAt) convert(nextConversionAt);
    }

    private void convert(long t) {
        Hx711Gain requested = pulses >= 25 ? Hx711Gain.ofPulses(pulses) : null;
        boolean midRead = pulses > 0 && pulses < 25;
        if (requested != null && requested != gain) {
            gain = requested;
            pulses = 0;
            nextConversionAt = t + SETTLING_CONVERSIONS * periodNanos;
            return;
        }
        nextConversionAt = t + periodNanos;
        if (midRead || model.disconnected()) return; // the output register is being shifted out: keep it
        if (lateNanos > 0) {
            nextConversionAt = t + lateNanos;
            lateNanos = 0;
            return;
        }
        double counts = model.countsAt(t) * gain.relativeGain();
        int code;
        if (saturateConversions > 0) {
            saturateConversions--;
            code = 0x7FFFFF;
        } else {
            code = (int) Math.max(-0x800000, Math.min(0x7FFFFF, Math.round(counts)));
        }
        shiftRegister = code & 0xFFFFFF;
        pulses = 0;
        dataReady = true;
        conversions++;
        dout.mockState(DigitalState.LOW);
    }

    private void powerUp(long now) {
        poweredDown = false;
        gain = Hx711Gain.A128;
        pulses = 0;
        dataReady = false;
        nextConversionAt = now + SETTLING_CONVERSIONS * periodNanos;
    }

    /** The next read's pulse number {@code pulseIndex} (0-based) stays high {@code nanos} (kernel pre-emption). */
    public synchronized void stretchPulse(int pulseIndex, long nanos) {
        stretchPulseIndex = pulseIndex;
        stretchNanos = nanos;
    }

    /** A spurious edge on PD_SCK (crosstalk) adds {@code count} pulses to the next read. */
    public synchronized void extraPulses(int count) {
        extraPulses = count;
    }

    /** The next conversion arrives {@code nanos} after its due time instead. */
    public synchronized void lateConversion(long nanos) {
        lateNanos = nanos;
    }

    /** The next {@code count} conversions saturate (input out of range, e.g. a loose wire). */
    public synchronized void saturate(int count) {
        saturateConversions = count;
    }

    public synchronized boolean poweredDown() {
        return poweredDown;
    }

    public synchronized Hx711Gain gain() {
        return gain;
    }

    public synchronized long conversions() {
        return conversions;
    }
}
