package com.freshscale.device.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.freshscale.device.config.ConfigFile;
import com.freshscale.device.weighing.LoadCellConfig;
import com.freshscale.device.weighing.ScaleHardware;
import com.freshscale.device.weighing.WeighingConfig;
import com.freshscale.device.weighing.sim.LoadCellSimulation;
import com.freshscale.device.weighing.sim.WeighingBench;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench weighing}: the weighing pipeline on the simulated platform at 80 SPS, in simulated time. */
@Command(name = "weighing", mixinStandardHelpOptions = true,
        description = "Random load steps (20 g..15 kg) with noise, creep and vibration on the simulated scale; "
                + "prints time to stable, error and false-stable figures, the last line as JSON.")
final class WeighingBenchCommand implements Callable<Integer> {
    @Option(names = "--config", description = "config file with loadcell, loadcell_simulation and weighing sections "
            + "(default: the demo scale)")
    Path config;

    @Option(names = "--steps", defaultValue = "250", description = "load steps (default ${DEFAULT-VALUE}, at least 200)")
    int steps;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (steps < 1) throw new IllegalArgumentException("--steps must be positive");
        ConfigFile cfg = config == null ? DemoCommand.demoConfig() : ConfigFile.load(config);
        LoadCellConfig wiring = cfg.section(ScaleHardware.SECTION, LoadCellConfig.class);
        LoadCellSimulation physics = cfg.section(ScaleHardware.SIMULATION_SECTION, LoadCellSimulation.class);
        WeighingConfig weighing = cfg.section("weighing", WeighingConfig.class);
        if (wiring.rateSps() != 80) System.out.println("note: the configured rate is " + wiring.rateSps() + " SPS, not 80");
        Map<String, Object> figures = new WeighingBench(wiring, physics, weighing, steps, seed).run();
        figures.forEach((k, v) -> System.out.println(k + ": " + v));
        System.out.println(new ObjectMapper().writeValueAsString(figures));
        return 0;
    }
}
