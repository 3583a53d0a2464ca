package com.freshscale.server.app;

import com.freshscale.protocol.files.SecretFile;
import com.freshscale.protocol.mqtt.MqttCredentials;
import com.freshscale.server.identity.Identities;
import com.freshscale.server.identity.Identity;
import com.freshscale.server.store.ServerDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code freshscale-server mqtt add-server|passwords|list}: the MQTT identities for a chain's external broker
 * (hardware-docs/server-deploy.md). {@code add-server} gives a server instance its identity and writes its
 * password to a file only its owner reads (never to the terminal or a URL); {@code passwords} writes Mosquitto's
 * {@code password_file} with every identity not revoked (servers and enrolled scales), to be reloaded with
 * SIGHUP after each enrollment or revocation.
 */
@Command(name = "mqtt", mixinStandardHelpOptions = true, description = "MQTT identities for an external broker.",
        subcommands = {MqttCommand.AddServer.class, MqttCommand.Passwords.class, MqttCommand.ListIdentities.class})
final class MqttCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing sub-command: add-server, passwords or list");
    }

    static Identities open(UserCommand.Database d) {
        String url = d.db != null ? d.db : "jdbc:sqlite:" + d.dataDir.resolve("freshscale.db");
        return new Identities(ServerDatabase.open(url), Clock.systemUTC());
    }

    /** The credentials {@code run --broker} uses: {@code user} and the first line of {@code passwordFile}. */
    static MqttCredentials readCredentials(String user, Path passwordFile) throws IOException {
        List<String> lines = Files.readAllLines(passwordFile, StandardCharsets.UTF_8);
        if (lines.isEmpty() || lines.get(0).isBlank()) throw new IllegalArgumentException("the MQTT password file " + passwordFile + " is empty");
        return new MqttCredentials(user, lines.get(0).strip().toCharArray());
    }

    @Command(name = "add-server", mixinStandardHelpOptions = true,
            description = "Give server instance --instance-id an MQTT identity (server-<id>); its new password goes to --password-file.")
    static final class AddServer implements Callable<Integer> {
        @Mixin
        UserCommand.Database database;

        @Option(names = "--instance-id", required = true, description = "The instance's --instance-id.")
        String instanceId;

        @Option(names = "--password-file", required = true, description = "Where to write the new password (mode 0600).")
        Path passwordFile;

        @Override
        public Integer call() throws IOException {
            MqttCredentials c = open(database).issueServer(instanceId);
            SecretFile.write(passwordFile, new String(c.password()) + "\n");
            System.out.println("MQTT identity " + c.userName() + ": password written to " + passwordFile
                    + ". Write the broker's password file again (`mqtt passwords`) and reload the broker.");
            return 0;
        }
    }

    @Command(name = "passwords", mixinStandardHelpOptions = true,
            description = "Write Mosquitto's password_file with every identity that is not revoked.")
    static final class Passwords implements Callable<Integer> {
        @Mixin
        UserCommand.Database database;

        @Option(names = "--out", required = true, description = "The password_file to write (atomically, mode 0600).")
        Path out;

        @Override
        public Integer call() throws IOException {
            int n = open(database).writePasswordFile(out);
            System.out.println(n + " MQTT identities written to " + out + " (reload the broker: kill -HUP <mosquitto pid>)");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the MQTT identities.")
    static final class ListIdentities implements Callable<Integer> {
        @Mixin
        UserCommand.Database database;

        @Override
        public Integer call() {
            for (Identity i : open(database).list()) {
                System.out.println(i.userName() + "\t" + i.kind() + "\t" + (i.revoked() ? "revoked" : "active"));
            }
            return 0;
        }
    }
}
