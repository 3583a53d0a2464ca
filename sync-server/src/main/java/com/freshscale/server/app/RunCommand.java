package com.freshscale.server.app;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code freshscale-server run}: the store/HQ server, until stopped (SIGTERM/Ctrl-C). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the sync server: embedded MQTT broker (or --broker), SQLite (or --db), HTTP API.")
final class RunCommand implements Runnable {
    @Option(names = "--data-dir", defaultValue = "freshscale-data", description = "Folder for the database, broker and key (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--broker", description = "External MQTT broker, e.g. tcp://mqtt.chain.local:1883 (default: embedded HiveMQ CE).")
    String broker;

    @Option(names = "--mqtt-port", defaultValue = "1883", description = "Port of the embedded broker (default: ${DEFAULT-VALUE}).")
    int mqttPort;

    @Option(names = "--mqtt-bind", defaultValue = "127.0.0.1", description = "Address the embedded broker listens on: the "
            + "server's address on the store network, where the scales reach it (default: ${DEFAULT-VALUE}, this machine only).")
    String mqttBind;

    @Option(names = "--mqtt-tls-port", description = "A TLS listener of the embedded broker on this port, beside the plain one "
            + "(scales with brokerUrl ssl://host:port pin its certificate, which enrollment gives them).")
    Integer mqttTlsPort;

    @Option(names = "--mqtt-tls-keystore", description = "With --mqtt-tls-port: the broker's key and certificate (PKCS#12 or JKS).")
    Path mqttTlsKeystore;

    @Option(names = "--mqtt-tls-password-file", description = "With --mqtt-tls-port: the file with the keystore's password.")
    Path mqttTlsPasswordFile;

    @Option(names = "--mqtt-user", description = "With --broker: this instance's MQTT user name (default: server-<instance-id>).")
    String mqttUser;

    @Option(names = "--mqtt-password-file", description = "With --broker: the file with this instance's MQTT password, as written by "
            + "`freshscale-server mqtt add-server` (never put a password in the broker URL).")
    Path mqttPasswordFile;

    @Option(names = "--db", description = "jdbc:sqlite:<file> or jdbc:postgresql://host/db?user=..&password=.. (default: <data-dir>/freshscale.db).")
    String db;

    @Option(names = "--http-port", defaultValue = "8080", description = "HTTP API port (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--http-host", defaultValue = "0.0.0.0", description = "HTTP API address (default: ${DEFAULT-VALUE}).")
    String httpHost;

    @Option(names = "--signing-key", description = "Ed25519 price-book signing key, PEM (default: <data-dir>/pricebook-signing.key; created if missing).")
    Path signingKey;

    @Option(names = "--business-zone", description = "Time zone of the business day for sales reports, e.g. Europe/Berlin "
            + "(default: this machine's).")
    String businessZone;

    @Option(names = "--instance-id", defaultValue = "1", description = "Unique per server instance sharing a broker (default: ${DEFAULT-VALUE}).")
    String instanceId;

    @Option(names = "--secure-cookies", description = "Mark the console's session cookie Secure: set this when the console is "
            + "reached over HTTPS (a TLS reverse proxy in front of the server), never over plain HTTP.")
    boolean secureCookies;

    @Option(names = "--session-idle", defaultValue = "30", paramLabel = "MINUTES",
            description = "A console session ends after this many minutes without a request (default: ${DEFAULT-VALUE}).")
    int sessionIdleMinutes;

    @Option(names = "--demo", description = "Demo mode (./freshscale demo): ensure an hq account 'demo' whose random password is kept in "
            + "<data-dir>/" + DemoAccount.FILE + " and printed at start.")
    boolean demo;

    private com.freshscale.server.broker.BrokerTls tls() {
        if (mqttTlsPort == null && mqttTlsKeystore == null && mqttTlsPasswordFile == null) return null;
        try {
            if (mqttTlsPort == null || mqttTlsKeystore == null || mqttTlsPasswordFile == null) {
                throw new IllegalArgumentException("--mqtt-tls-port, --mqtt-tls-keystore and --mqtt-tls-password-file go together");
            }
            if (broker != null) throw new IllegalArgumentException("--mqtt-tls-port is for the embedded broker (with --broker, use ssl://)");
            return new com.freshscale.server.broker.BrokerTls(mqttTlsPort, mqttTlsKeystore,
                    MqttCommand.readCredentials("tls", mqttTlsPasswordFile).password());
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), e.getMessage());
        }
    }

    @Override
    public void run() {
        if (sessionIdleMinutes < 1 || sessionIdleMinutes > 24 * 60) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--session-idle must be 1 to 1440 minutes");
        }
        if (broker != null && !(broker.startsWith("tcp://") || broker.startsWith("ssl://"))) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--broker must be tcp://host:port or ssl://host:port");
        }
        com.freshscale.protocol.mqtt.MqttCredentials credentials = null;
        try {
            com.freshscale.protocol.mqtt.MqttCredentials.requirePlainBrokerUrl(broker);
            if (broker != null) {
                if (mqttPasswordFile == null) {
                    throw new IllegalArgumentException("--broker needs --mqtt-password-file (make it with `freshscale-server mqtt add-server`)");
                }
                credentials = MqttCommand.readCredentials(mqttUser != null ? mqttUser
                        : com.freshscale.protocol.mqtt.MqttCredentials.serverUser(instanceId), mqttPasswordFile);
            } else if (mqttPasswordFile != null || mqttUser != null) {
                throw new IllegalArgumentException("--mqtt-user and --mqtt-password-file are for an external --broker: the embedded "
                        + "broker gives the server its identity itself");
            }
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), e.getMessage());
        }
        java.time.ZoneId zone;
        try {
            zone = businessZone == null ? java.time.ZoneId.systemDefault() : java.time.ZoneId.of(businessZone);
        } catch (java.time.DateTimeException e) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--business-zone '" + businessZone + "' is not a time zone (e.g. Europe/Berlin)");
        }
        ServerApp.Options options = new ServerApp.Options(dataDir, broker, mqttBind, mqttPort, db, httpHost, httpPort,
                signingKey, instanceId, zone, secureCookies, java.time.Duration.ofMinutes(sessionIdleMinutes), credentials, tls());
        DemoAccount.Credentials demoLogin = null;
        if (demo) {
            // before the HTTP port opens: the demo scale reads the password once the server answers
            try {
                com.freshscale.server.store.ServerDatabase db = com.freshscale.server.store.ServerDatabase.open(options.db());
                demoLogin = DemoAccount.ensure(new com.freshscale.server.auth.Accounts(db), dataDir);
                // the demo scale enrols itself with this code, as a technician types one into a new scale's service menu
                DemoEnrollment.ensure(db, dataDir);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot write the demo password to " + dataDir + ": " + e.getMessage(), e);
            }
        }
        ServerApp app = ServerApp.start(options);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stop.countDown();
        }, "shutdown"));
        System.out.println("freshscale-server running: HTTP port " + app.httpPort() + ", price-book public key " + app.publicKey());
        if (demoLogin != null) {
            System.out.println("Demo console login: user " + demoLogin.user() + ", password " + demoLogin.password()
                    + " (kept in " + dataDir.resolve(DemoAccount.FILE) + ")");
        }
        System.out.flush();
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
