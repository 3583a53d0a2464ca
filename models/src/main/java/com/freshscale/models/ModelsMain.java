package com.freshscale.models;

import com.freshscale.protocol.SoftwareVersion;
import com.freshscale.recognition.ModelException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the FreshScale produce-recognition model tools: each job is a picocli sub-command. */
@Command(name = "freshscale-models",
        mixinStandardHelpOptions = true,
        versionProvider = ModelsMain.Version.class,
        description = "FreshScale: the FreshScale produce-recognition model tools.",
        subcommands = {
                TrainCommand.class,
                EvaluateCommand.class,
                AverageCommand.class,
                ExportCommand.class,
        })
public final class ModelsMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests to run commands in-process. */
    public static CommandLine commandLine() {
        return new CommandLine(new ModelsMain()).setCaseInsensitiveEnumValuesAllowed(true)
                // bad input (a dataset that does not parse, an impossible plan) and a diverging training run are
                // a one-line error, not a stack trace
                .setExecutionExceptionHandler((e, line, parsed) -> {
                    if (!(e instanceof IllegalArgumentException || e instanceof IllegalStateException
                            || e instanceof ModelException)) throw e;
                    line.getErr().println("error: " + e.getMessage());
                    return 2;
                });
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing sub-command");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"freshscale-models " + SoftwareVersion.of(ModelsMain.class)};
        }
    }
}
