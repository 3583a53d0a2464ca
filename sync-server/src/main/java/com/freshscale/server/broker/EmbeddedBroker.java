package com.freshscale.server.broker;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * HiveMQ CE embedded in the server process: the default broker for one store or a demo. Its config is
 * generated into {@code <dataDir>/broker/conf}; sessions and retained messages persist in
 * {@code <dataDir>/broker/data} (file persistence) so queued messages survive a server restart. Every client
 * must log in as a known identity and may use only its own topics ({@link BrokerSecurity}); the broker listens
 * only on the address it is given (the store network's interface; loopback in the demo).
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
    private final String bindAddress;

    private EmbeddedBroker(EmbeddedHiveMQ hivemq, int port, String bindAddress) {
        this.hivemq = hivemq;
        this.port = port;
        this.bindAddress = bindAddress;
    }

    /** @param tls a TLS listener beside the plain one, or null */
    public static EmbeddedBroker start(Path dataDir, String bindAddress, int port, boolean persistent,
                                       com.freshscale.server.identity.Identities identities, BrokerTls tls) {
        Path root = dataDir.resolve("broker");
        Path conf = root.resolve("conf");
        Path data = root.resolve("data");
        Path ext = root.resolve("extensions");
        try {
            Files.createDirectories(conf);
            Files.createDirectories(data);
            Files.createDirectories(ext);
            // it may hold the keystore's password
            com.freshscale.protocol.files.SecretFile.write(conf.resolve("config.xml"), config(bindAddress, port, persistent, tls));
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare broker folder " + root + ": " + e.getMessage(), e);
        }
        EmbeddedHiveMQ h = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(conf)
                .withDataFolder(data)
                .withExtensionsFolder(ext)
                .withoutLoggingBootstrap()
                .withEmbeddedExtension(com.hivemq.embedded.EmbeddedExtension.builder()
                        .withId("freshscale-security").withName("FreshScale identities and topic rules").withVersion("1")
                        .withPriority(1000).withStartPriority(1000)
                        .withExtensionMain(new BrokerSecurity(identities)).build())
                .build();
        try {
            // generous: on a loaded machine (or a Pi 4 under load) HiveMQ takes well over a minute to start
            h.start().get(180, TimeUnit.SECONDS);
        } catch (Exception e) {
            try {
                h.close();
            } catch (Exception ignored) {
                // already failing
            }
            throw new IllegalStateException("embedded MQTT broker did not start on port " + port + ": " + e.getMessage(), e);
        }
        return new EmbeddedBroker(h, port, bindAddress);
    }

    static String config(String bindAddress, int port, boolean persistent, BrokerTls tls) {
        String tlsListener = tls == null ? "" : """
                        <tls-tcp-listener>
                            <port>%d</port>
                            <bind-address>%s</bind-address>
                            <tls>
                                <keystore>
                                    <path>%s</path>
                                    <password>%s</password>
                                    <private-key-password>%s</private-key-password>
                                </keystore>
                            </tls>
                        </tls-tcp-listener>
                """.formatted(tls.port(), xml(bindAddress), xml(tls.keystore().toAbsolutePath().toString()), xml(new String(tls.password())),
                xml(new String(tls.password())));
        return """
                <?xml version="1.0"?>
                <hivemq>
                    <listeners>
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>%s</bind-address>
                        </tcp-listener>
                %s
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
                """.formatted(port, xml(bindAddress), tlsListener, SERVER_RECEIVE_MAXIMUM, persistent ? "file" : "in-memory");
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    public int port() {
        return port;
    }

    /** Where the server's own client reaches the broker: the bound address, or loopback if bound to all. */
    public String url() {
        boolean any = bindAddress.equals("0.0.0.0") || bindAddress.equals("::") || bindAddress.equals("[::]");
        String host = any ? "127.0.0.1" : bindAddress.contains(":") && !bindAddress.startsWith("[") ? "[" + bindAddress + "]" : bindAddress;
        return "tcp://" + host + ":" + port;
    }

    /**
     * Cuts off client {@code clientId} (a revoked identity): its connection is dropped (its Last Will goes
     * out, so it shows offline) and its session, with anything queued for it, is thrown away.
     */
    public boolean disconnect(String clientId) {
        boolean was = BrokerSecurity.disconnect(clientId);
        try {
            com.hivemq.extension.sdk.api.services.Services.clientService().invalidateSession(clientId).get(10, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // no session (never connected) or already gone
        }
        return was;
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
