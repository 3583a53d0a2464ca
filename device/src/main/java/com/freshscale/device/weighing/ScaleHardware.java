package com.freshscale.device.weighing;

import com.freshscale.device.config.ConfigFile;
import com.freshscale.device.weighing.hx711.Hx711;
import com.freshscale.device.weighing.hx711.Pi4jHx711Pins;
import com.freshscale.device.weighing.sim.LoadCellSimulation;
import com.freshscale.device.weighing.sim.SimulatedScale;
import java.util.Optional;

/**
 * The load cell named by the config: an HX711 on the Raspberry Pi's GPIO (gpiod), or a simulated platform
 * (section {@code loadcell_simulation}) whose load can be changed by the demo and by the calibration procedure.
 */
public final class ScaleHardware implements AutoCloseable {
    public static final String SECTION = "loadcell";
    public static final String SIMULATION_SECTION = "loadcell_simulation";

    private final LoadCell loadCell;
    private final MonotonicClock clock;
    private final SimulatedScale simulated;

    private ScaleHardware(LoadCell loadCell, MonotonicClock clock, SimulatedScale simulated) {
        this.loadCell = loadCell;
        this.clock = clock;
        this.simulated = simulated;
    }

    /** Opens the configured load cell; {@code realTime} paces a simulated one to the wall clock (demo). */
    public static ScaleHardware open(ConfigFile config, boolean realTime) {
        LoadCellConfig wiring = config.section(SECTION, LoadCellConfig.class);
        if (wiring.platform() == LoadCellConfig.Platform.SIMULATED) {
            LoadCellSimulation physics = config.section(SIMULATION_SECTION, LoadCellSimulation.class);
            return of(new SimulatedScale(wiring, physics, realTime));
        }
        if (config.has(SIMULATION_SECTION))
            throw new com.freshscale.device.config.ConfigException(config.origin() + ": section '" + SIMULATION_SECTION
                    + "' is only for loadcell.platform: simulated (this scale is wired to gpiod)");
        Pi4jHx711Pins pins = Pi4jHx711Pins.gpiod(wiring.dataPin(), wiring.clockPin());
        return new ScaleHardware(new Hx711(pins, MonotonicClock.SYSTEM, wiring.rateSps(), wiring.gain(),
                wiring.maxSckHighNanos()), MonotonicClock.SYSTEM, null);
    }

    /** A simulated platform as the scale's hardware. */
    public static ScaleHardware of(SimulatedScale sim) {
        return new ScaleHardware(sim.loadCell(), sim.clock(), sim);
    }

    public LoadCell loadCell() {
        return loadCell;
    }

    public MonotonicClock clock() {
        return clock;
    }

    /** The simulated platform, when the config asks for one. */
    public Optional<SimulatedScale> simulated() {
        return Optional.ofNullable(simulated);
    }

    @Override
    public void close() {
        loadCell.close();
    }
}
