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

    @Option(names = "--mqtt-bind", defaultValue = "0.0.0.0", description = "Address the embedded broker listens on (default: ${DEFAULT-VALUE}).")
    String mqttBind;

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

    @Override
    public void run() {
        if (broker != null && !(broker.startsWith("tcp://") || broker.startsWith("ssl://"))) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--broker must be tcp://host:port or ssl://host:port");
        }
        java.time.ZoneId zone;
        try {
            zone = businessZone == null ? java.time.ZoneId.systemDefault() : java.time.ZoneId.of(businessZone);
        } catch (java.time.DateTimeException e) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--business-zone '" + businessZone + "' is not a time zone (e.g. Europe/Berlin)");
        }
        ServerApp app = ServerApp.start(new ServerApp.Options(dataDir, broker, mqttBind, mqttPort, db, httpHost, httpPort,
                signingKey, instanceId, zone));
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stop.countDown();
        }, "shutdown"));
        System.out.println("freshscale-server running: HTTP port " + app.httpPort() + ", price-book public key " + app.publicKey());
        System.out.flush();
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
