package com.freshscale.device.app;

import com.freshscale.protocol.SoftwareVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the FreshScale scale firmware: each job is a picocli sub-command. */
@Command(name = "freshscale-device",
        mixinStandardHelpOptions = true,
        versionProvider = DeviceMain.Version.class,
        description = "FreshScale: the FreshScale scale firmware.",
        subcommands = {
                BenchCommand.class,
                CalibrateCommand.class,
                StatusCommand.class,
                DemoCommand.class,
                LabelCommand.class,
                RecogniseCommand.class,
                RunCommand.class,
                ZvtSimulatorCommand.class,
                CardTerminalCommand.class,
        })
public final class DeviceMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests to run commands in-process. */
    public static CommandLine commandLine() {
        return new CommandLine(new DeviceMain()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing sub-command");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"freshscale-device " + SoftwareVersion.of(DeviceMain.class)};
        }
    }
}
