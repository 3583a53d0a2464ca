package com.freshscale.device.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code freshscale-device bench <name>}: benchmarks that print their figures, the last line as JSON. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = "Run a benchmark; its LAST stdout line is one JSON object with the figures.",
        subcommands = {
                WeighingBenchCommand.class,
                com.freshscale.device.vision.RecognitionBench.class,
                LabelBench.class,
        })
final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing benchmark name");
    }
}
