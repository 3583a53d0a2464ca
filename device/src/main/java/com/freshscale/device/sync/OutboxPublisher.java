package com.freshscale.device.sync;

import com.freshscale.protocol.Topics;
import com.freshscale.protocol.codec.MessageCodec;
import com.freshscale.protocol.mqtt.MqttLink;
import com.freshscale.protocol.sales.Sale;
import com.freshscale.protocol.sales.SalesAck;
import com.freshscale.protocol.sales.SalesBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the outbox to the server in recording order, {@code batchSize} sales per MQTT message. Entries
 * stay in the outbox until the server's ack for their sale id; if the oldest unacknowledged sale waits
 * longer than the ack timeout, or the connection is re-established, everything unacknowledged is sent
 * again from the start (the server de-duplicates by sale id).
 *
 * <p>The send cursor is read, the outbox read from it and the cursor moved on under one lock, the lock a
 * restart takes. Before, a reconnect that landed between the read and the write was overwritten: the
 * cursor jumped back past the sales lost with the broker, nothing of them was left in {@code unacked} to
 * time out, and they stayed in the outbox unsent until the next reconnect (a CI run caught it).
 */
final class OutboxPublisher implements Runnable {
    /** Where batches go: the scale's MQTT link in the app. */
    interface Uplink {
        /** Connected and subscribed to our acks: a batch sent now can be acknowledged. */
        boolean ready();

        /** Publishes one batch at QoS 1; false if it was not taken (not connected, window full). */
        boolean publish(byte[] payload) throws InterruptedException;

        static Uplink of(MqttLink link, String topic) {
            return new Uplink() {
                @Override
                public boolean ready() {
                    return link.isReady();
                }

                @Override
                public boolean publish(byte[] payload) throws InterruptedException {
                    return link.publish(topic, payload, false, Duration.ofSeconds(1), null);
                }
            };
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(OutboxPublisher.class);

    private final SalesOutbox outbox;
    private final Uplink uplink;
    private final String storeId;
    private final String scaleId;
    private final int batchSize;
    private final long ackTimeoutNanos;
    private final int maxUnacked;
    /** Sale id → when it was sent, in send order. */
    private final LinkedHashMap<String, Long> unacked = new LinkedHashMap<>();
    private final Object wake = new Object();
    private final AtomicLong resends = new AtomicLong();
    private final AtomicLong batchesSent = new AtomicLong();
    private long cursor;
    private volatile boolean running = true;

    OutboxPublisher(SalesOutbox outbox, MqttLink link, SyncConfig cfg) {
        this(outbox, Uplink.of(link, Topics.sales(cfg.storeId(), cfg.scaleId())), cfg);
    }

    OutboxPublisher(SalesOutbox outbox, Uplink uplink, SyncConfig cfg) {
        this.outbox = outbox;
        this.uplink = uplink;
        this.storeId = cfg.storeId();
        this.scaleId = cfg.scaleId();
        this.batchSize = cfg.batchSize();
        this.ackTimeoutNanos = Duration.ofSeconds(cfg.ackTimeoutSeconds()).toNanos();
        // enough sent-but-unacknowledged sales to keep the window busy, few enough to resend cheaply
        this.maxUnacked = cfg.batchSize() * cfg.maxInFlight() * 2;
    }

    @Override
    public void run() {
        while (running) {
            boolean sent;
            try {
                sent = step();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("outbox publisher: {}", e.toString());
                sent = false;
            }
            if (!sent) {
                synchronized (wake) {
                    try {
                        wake.wait(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    /** Sends one batch if there is one to send; false if there was nothing to do. */
    boolean step() throws InterruptedException {
        // ready, not just connected: a batch sent before the ack subscription is back gets an ack that
        // goes nowhere, and waits out the ack timeout
        if (!uplink.ready()) return false;
        long from;
        List<SalesOutbox.Entry> batch;
        synchronized (this) {
            if (!unacked.isEmpty()) {
                long oldest = unacked.values().iterator().next();
                if (System.nanoTime() - oldest > ackTimeoutNanos) {
                    LOG.warn("no ack for {} sales within {} s; sending them again", unacked.size(),
                            ackTimeoutNanos / 1_000_000_000L);
                    restart();
                    resends.incrementAndGet();
                }
            }
            if (unacked.size() >= maxUnacked) return false;
            from = cursor;
            // under the lock (see the class comment); an indexed read of one batch, a few milliseconds
            batch = outbox.pending(from, batchSize);
            if (batch.isEmpty()) return false;
            long now = System.nanoTime();
            // noted before publishing, so an ack that overtakes us finds them
            for (SalesOutbox.Entry e : batch) unacked.putIfAbsent(e.sale().saleId(), now);
            cursor = batch.get(batch.size() - 1).seq();
        }
        List<Sale> sales = new ArrayList<>(batch.size());
        for (SalesOutbox.Entry e : batch) sales.add(e.sale());
        byte[] payload = MessageCodec.compress(MessageCodec.encode(SalesBatch.of(storeId, scaleId, sales)));
        if (!uplink.publish(payload)) {
            synchronized (this) {
                // unless a restart came in between, which already sends everything again from the start
                if (cursor == batch.get(batch.size() - 1).seq()) {
                    for (Sale s : sales) unacked.remove(s.saleId());
                    cursor = from;
                }
            }
            return false;
        }
        batchesSent.incrementAndGet();
        return true;
    }

    /** An ack from the server: close the entries, then send more. */
    void acknowledged(SalesAck ack) {
        java.util.Set<String> stillQueued = new java.util.HashSet<>();
        outbox.acknowledge(ack.saleIds(), stillQueued);
        // an ack of a sale as sent before it changed (voided by a refund) leaves it unacked: the timeout resends it
        forget(stillQueued.isEmpty() ? ack.saleIds() : ack.saleIds().stream().filter(id -> !stillQueued.contains(id)).toList());
        nudge();
    }

    private synchronized void forget(Collection<String> ids) {
        for (String id : ids) unacked.remove(id);
    }

    /** After a (re)connect: what was in flight on the old connection may be lost; send it all again. */
    synchronized void reconnected() {
        restart();
        nudge();
    }

    private void restart() {
        unacked.clear();
        cursor = 0;
    }

    /** Wakes the publisher (a new sale, an ack, a reconnect). */
    void nudge() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    long resends() {
        return resends.get();
    }

    long batchesSent() {
        return batchesSent.get();
    }

    synchronized int unackedCount() {
        return unacked.size();
    }

    void stop() {
        running = false;
        nudge();
    }
}
