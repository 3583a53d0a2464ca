package com.freshscale.server.broker;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * HiveMQ CE embedded in the server process: the default broker for one store or a demo. Its config is
 * generated into {@code <dataDir>/broker/conf}; sessions and retained messages persist in
 * {@code <dataDir>/broker/data} (file persistence) so queued messages survive a server restart.
 */
public final class EmbeddedBroker implements AutoCloseable {
    /**
     * The Receive Maximum the broker grants each client (MQTT 5.0 §3.2.2.3.3). HiveMQ's default is 10;
     * a scale publishes one batch message at a time per slot, so 10 is plenty, while the server's own
     * client publishes acks for every scale and benefits from more.
     */
    public static final int SERVER_RECEIVE_MAXIMUM = 100;

    private final EmbeddedHiveMQ hivemq;
    private final int port;

    private EmbeddedBroker(EmbeddedHiveMQ hivemq, int port) {
        this.hivemq = hivemq;
        this.port = port;
    }

    public static EmbeddedBroker start(Path dataDir, String bindAddress, int port, boolean persistent) {
        Path root = dataDir.resolve("broker");
        Path conf = root.resolve("conf");
        Path data = root.resolve("data");
        Path ext = root.resolve("extensions");
        try {
            Files.createDirectories(conf);
            Files.createDirectories(data);
            Files.createDirectories(ext);
            Files.writeString(conf.resolve("config.xml"), config(bindAddress, port, persistent));
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare broker folder " + root + ": " + e.getMessage(), e);
        }
        EmbeddedHiveMQ h = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(conf)
                .withDataFolder(data)
                .withExtensionsFolder(ext)
                .withoutLoggingBootstrap()
                .build();
        try {
            h.start().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            try {
                h.close();
            } catch (Exception ignored) {
                // already failing
            }
            throw new IllegalStateException("embedded MQTT broker did not start on port " + port + ": " + e.getMessage(), e);
        }
        return new EmbeddedBroker(h, port);
    }

    static String config(String bindAddress, int port, boolean persistent) {
        return """
                <?xml version="1.0"?>
                <hivemq>
                    <listeners>
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>%s</bind-address>
                        </tcp-listener>
                    </listeners>
                    <mqtt>
                        <receive-maximum>
                            <server-receive-maximum>%d</server-receive-maximum>
                        </receive-maximum>
                        <packets>
                            <max-packet-size>16777216</max-packet-size>
                        </packets>
                        <queued-messages>
                            <max-queue-size>100000</max-queue-size>
                        </queued-messages>
                    </mqtt>
                    <persistence>
                        <mode>%s</mode>
                    </persistence>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, bindAddress, SERVER_RECEIVE_MAXIMUM, persistent ? "file" : "in-memory");
    }

    public int port() {
        return port;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        try {
            hivemq.stop().get(30, TimeUnit.SECONDS);
            hivemq.close();
        } catch (Exception e) {
            throw new IllegalStateException("embedded broker did not stop cleanly: " + e.getMessage(), e);
        }
    }
}
