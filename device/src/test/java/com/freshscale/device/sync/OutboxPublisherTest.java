package com.freshscale.device.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.device.store.DeviceDatabase;
import com.freshscale.protocol.Topics;
import com.freshscale.protocol.codec.MessageCodec;
import com.freshscale.protocol.codec.MessageRejectedException;
import com.freshscale.protocol.sales.Sale;
import com.freshscale.protocol.sales.SalesAck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox publisher against a real SQLite outbox; the uplink records what would go to the broker. */
class OutboxPublisherTest {
    @TempDir
    Path dir;

    private SalesOutbox outbox;
    private final RecordingUplink uplink = new RecordingUplink();
    private final List<Sale> recorded = new ArrayList<>();

    /** What was published, decoded back into sale ids, batch by batch. */
    static final class RecordingUplink implements OutboxPublisher.Uplink {
        volatile boolean ready = true;
        volatile boolean accept = true;
        final List<List<String>> batches = new CopyOnWriteArrayList<>();

        @Override
        public boolean ready() {
            return ready;
        }

        @Override
        public boolean publish(byte[] payload) {
            if (!accept) return false;
            try {
                batches.add(MessageCodec.decodeSales(Topics.sales("s1", "x"), payload).sales().stream()
                        .map(Sale::saleId).toList());
            } catch (MessageRejectedException e) {
                throw new AssertionError("the publisher sent a batch the server would reject", e);
            }
            return true;
        }

        List<String> last() {
            return batches.get(batches.size() - 1);
        }
    }

    @BeforeEach
    void open() {
        outbox = new SalesOutbox(DeviceDatabase.open(dir.resolve("scale.db")), 10_000, 9_000);
    }

    @AfterEach
    void close() {
        outbox.close();
    }

    private OutboxPublisher publisher(int ackTimeoutSeconds) {
        // batches of 100, 10 in flight: at most 2,000 sales sent and not yet acknowledged
        SyncConfig cfg = new SyncConfig("s1", "x", "tcp://127.0.0.1:1883", List.of("unused.pub"), 10_000, 90, 100,
                ackTimeoutSeconds, 10, 24, "unused-identity.json", "http://127.0.0.1:8090");
        return new OutboxPublisher(outbox, uplink, cfg);
    }

    private void sell(int n) {
        for (int i = 0; i < n; i++) {
            Sale s = SalesOutboxTest.sale(outbox.nextSaleNumber());
            outbox.record(s);
            recorded.add(s);
        }
    }

    private List<String> ids(int from, int to) {
        return recorded.subList(from, to).stream().map(Sale::saleId).toList();
    }

    @Test
    void batchesGoOutInRecordingOrderAndNothingIsSentTwiceWhileAcksArrive() throws Exception {
        OutboxPublisher p = publisher(30);
        sell(250);
        while (p.step()) {
            p.acknowledged(SalesAck.of("s1", "x", uplink.last()));
        }
        assertThat(uplink.batches).containsExactly(ids(0, 100), ids(100, 200), ids(200, 250));
        assertThat(outbox.depth()).isZero();
        assertThat(p.unackedCount()).isZero();
        assertThat(p.step()).as("nothing left to send").isFalse();
    }

    @Test
    void nothingIsSentUntilTheLinkIsReady() throws Exception {
        OutboxPublisher p = publisher(30);
        sell(10);
        uplink.ready = false;
        assertThat(p.step()).isFalse();
        assertThat(uplink.batches).isEmpty();
        uplink.ready = true;
        assertThat(p.step()).isTrue();
        assertThat(uplink.batches).containsExactly(ids(0, 10));
    }

    @Test
    void aBatchTheLinkDidNotTakeIsSentNext() throws Exception {
        OutboxPublisher p = publisher(30);
        sell(150);
        assertThat(p.step()).isTrue();
        uplink.accept = false;
        assertThat(p.step()).isFalse();
        uplink.accept = true;
        assertThat(p.step()).isTrue();
        assertThat(uplink.batches).containsExactly(ids(0, 100), ids(100, 150));
        assertThat(p.unackedCount()).isEqualTo(150);
    }

    @Test
    void afterAReconnectEverythingUnacknowledgedIsSentAgainFromTheStart() throws Exception {
        OutboxPublisher p = publisher(30);
        sell(300);
        for (int i = 0; i < 3; i++) assertThat(p.step()).isTrue();
        p.acknowledged(SalesAck.of("s1", "x", ids(0, 100)));  // the rest was lost with the broker
        p.reconnected();
        assertThat(p.unackedCount()).isZero();
        assertThat(p.step()).isTrue();
        assertThat(uplink.last()).isEqualTo(ids(100, 200));
    }

    @Test
    void withoutAnAckInTimeEverythingUnacknowledgedIsSentAgain() throws Exception {
        OutboxPublisher p = publisher(1);
        sell(200);
        assertThat(p.step()).isTrue();
        assertThat(p.step()).isTrue();
        assertThat(p.step()).as("all sent, waiting for acks").isFalse();
        Thread.sleep(1_100);
        assertThat(p.step()).isTrue();
        assertThat(uplink.last()).isEqualTo(ids(0, 100));
        assertThat(p.resends()).isEqualTo(1);
    }

    /**
     * The race a CI run caught: a reconnect arrives while a step is reading the outbox. The reconnect must
     * win; before, the step wrote its cursor back over it and the sales lost with the broker were never
     * sent again. The step is held inside its outbox read by holding the outbox's monitor.
     */
    @Test
    void aReconnectWhileAStepReadsTheOutboxIsNotUndone() throws Exception {
        OutboxPublisher p = publisher(30);
        sell(300);
        for (int i = 0; i < 3; i++) assertThat(p.step()).isTrue();   // 300 sent, none acknowledged
        sell(100);
        Thread step;
        Thread reconnect;
        synchronized (outbox) {
            step = new Thread(() -> {
                try {
                    p.step();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            step.start();
            awaitBlocked(step);                                        // inside outbox.pending
            reconnect = new Thread(p::reconnected);
            reconnect.start();
            // either done at once (the lock is free) or waiting for the step to finish
            while (reconnect.isAlive() && reconnect.getState() != Thread.State.BLOCKED) Thread.sleep(1);
        }
        step.join(10_000);
        reconnect.join(10_000);
        assertThat(uplink.last()).isEqualTo(ids(300, 400));
        assertThat(p.step()).as("the reconnect sends everything again").isTrue();
        assertThat(uplink.last()).isEqualTo(ids(0, 100));
    }

    private static void awaitBlocked(Thread t) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (t.getState() != Thread.State.BLOCKED) {
            if (System.nanoTime() > end) throw new AssertionError("the step never reached the outbox: " + t.getState());
            Thread.sleep(1);
        }
    }
}
