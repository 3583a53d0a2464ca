package com.freshscale.server.app;

import com.freshscale.protocol.SoftwareVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the FreshScale store/HQ sync server: each job is a picocli sub-command. */
@Command(name = "freshscale-server",
        mixinStandardHelpOptions = true,
        versionProvider = ServerMain.Version.class,
        description = "FreshScale: the FreshScale store/HQ sync server.",
        subcommands = {
                RunCommand.class,
                UserCommand.class,
                MqttCommand.class,
                com.freshscale.server.bench.BenchCommand.class,
        })
public final class ServerMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests to run commands in-process. */
    public static CommandLine commandLine() {
        return new CommandLine(new ServerMain()).setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, cl, parsed) -> {
                    // bad input (a user name, a password file, an unknown account): one clear line, no stack trace
                    if (e instanceof IllegalArgumentException || e instanceof com.freshscale.server.store.NotFoundException
                            || e instanceof java.io.IOException) {
                        cl.getErr().println("freshscale-server " + cl.getCommandName() + ": " + e.getMessage());
                        return 1;
                    }
                    throw e;
                });
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing sub-command");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"freshscale-server " + SoftwareVersion.of(ServerMain.class)};
        }
    }
}
