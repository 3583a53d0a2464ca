package com.freshscale.device.weighing.sim;

import com.freshscale.device.weighing.LoadCellConfig;
import com.freshscale.device.weighing.hx711.Hx711;
import com.freshscale.device.weighing.hx711.Pi4jHx711Pins;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutput;

/**
 * A whole simulated weighing platform: simulated time, the load-cell physics, an HX711 simulator on Pi4J mock
 * GPIO, and the real {@link Hx711} driver reading it through the same Pi4J calls as on a Raspberry Pi.
 */
public final class SimulatedScale implements AutoCloseable {
    private final SimClock clock;
    private final LoadCellModel model;
    private final Hx711Simulator chip;
    private final Hx711 driver;
    private final Pi4jHx711Pins pins;

    public SimulatedScale(LoadCellConfig wiring, LoadCellSimulation physics, boolean realTime) {
        this.clock = new SimClock(realTime);
        this.model = new LoadCellModel(physics, clock);
        this.pins = Pi4jHx711Pins.mock(wiring.dataPin(), wiring.clockPin());
        this.chip = new Hx711Simulator((MockDigitalOutput) pins.clockOutput(), (MockDigitalInput) pins.dataInput(),
                clock, model, wiring.rateSps());
        this.driver = new Hx711(pins, clock, wiring.rateSps(), wiring.gain(), wiring.maxSckHighNanos());
    }

    public SimClock clock() {
        return clock;
    }

    public LoadCellModel model() {
        return model;
    }

    public Hx711Simulator chip() {
        return chip;
    }

    /** The Pi4J wires between driver and simulator. */
    public Pi4jHx711Pins pins() {
        return pins;
    }

    /** The load cell as the weighing pipeline sees it: the real driver. */
    public Hx711 loadCell() {
        return driver;
    }

    @Override
    public void close() {
        driver.close();
    }
}
