package com.freshscale.server;

import com.freshscale.protocol.Topics;
import com.freshscale.protocol.codec.MessageCodec;
import com.freshscale.protocol.mqtt.MqttCredentials;
import com.freshscale.protocol.mqtt.MqttLink;
import com.freshscale.protocol.sales.Sale;
import com.freshscale.protocol.sales.SalesBatch;
import com.freshscale.server.app.ServerApp;
import java.time.Duration;
import java.util.List;

/** A scale enrolled with a test's server, sending sales over MQTT with its own identity, as a real scale does. */
public final class EnrolledScale implements AutoCloseable {
    private final ServerApp server;
    private final String store;
    private final String scale;
    private final MqttLink link;

    public EnrolledScale(ServerApp server, String store, String scale) throws InterruptedException {
        this.server = server;
        this.store = store;
        this.scale = scale;
        MqttCredentials c = server.identities().issueScale(store, scale);
        this.link = new MqttLink(MqttLink.Options.defaults(server.embeddedBrokerUrl(), c)).start();
        if (!link.awaitReady(Duration.ofSeconds(60))) throw new IllegalStateException("scale " + scale + " could not connect");
    }

    /** Sends {@code sales} as one batch and waits until the server stored them all. */
    public void send(List<Sale> sales) throws InterruptedException {
        long before = server.ingest().stored();
        byte[] json = MessageCodec.encode(SalesBatch.of(store, scale, sales));
        if (!link.publishAndWait(Topics.sales(store, scale), json, false, Duration.ofSeconds(30))) {
            throw new IllegalStateException("the broker did not take the sales");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (server.ingest().stored() < before + sales.size()) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("not stored (quarantined?): " + server.ingest().stored());
            Thread.sleep(50);
        }
    }

    /** Sends {@code sales} as one batch and waits until the server quarantined them all (none stored). */
    public void sendQuarantined(List<Sale> sales) throws InterruptedException {
        long before = server.ingest().quarantined();
        byte[] json = MessageCodec.encode(SalesBatch.of(store, scale, sales));
        if (!link.publishAndWait(Topics.sales(store, scale), json, false, Duration.ofSeconds(30))) {
            throw new IllegalStateException("the broker did not take the sales");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (server.ingest().quarantined() < before + sales.size()) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("not quarantined (stored?): " + server.ingest().quarantined());
            Thread.sleep(50);
        }
    }

    /** Publishes {@code status} as the scale's retained status, as a scale does on connecting. */
    public void status(com.freshscale.protocol.status.ScaleStatus status) throws InterruptedException {
        if (!link.publishAndWait(Topics.status(store, scale), MessageCodec.encode(status), true, Duration.ofSeconds(30))) {
            throw new IllegalStateException("the broker did not take the status");
        }
    }

    @Override
    public void close() {
        link.close();
    }
}
