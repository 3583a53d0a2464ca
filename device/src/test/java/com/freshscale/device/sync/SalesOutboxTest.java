package com.freshscale.device.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.freshscale.device.store.DeviceDatabase;
import com.freshscale.device.store.StoreException;
import com.freshscale.protocol.pricebook.SaleType;
import com.freshscale.protocol.sales.Sale;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SalesOutboxTest {
    @TempDir
    Path dir;

    static Sale sale(long number) {
        return new Sale(Sale.newId(), "s1", "x", number, "4011", SaleType.PER_KG, 500_000, 0, 199, null, 100, "EUR",
                "2940110001004", Instant.parse("2026-11-26T10:00:00Z"), 1, null, null, false, 2, false);
    }

    /** When a card payment was reversed in these tests: 5 minutes after the sales. */
    static final Instant REVERSED_AT = Instant.parse("2026-11-26T10:05:00Z");

    /** The row's {@code voided_at_ms} of sale {@code s}, or null. */
    private static Long voidedAtMs(DeviceDatabase db, Sale s) throws Exception {
        try (Connection c = db.connect();
             java.sql.PreparedStatement p = c.prepareStatement("SELECT voided_at_ms FROM sale WHERE sale_id = ?")) {
            p.setString(1, s.saleId());
            try (ResultSet r = p.executeQuery()) {
                assertThat(r.next()).isTrue();
                long v = r.getLong(1);
                return r.wasNull() ? null : v;
            }
        }
    }

    private long count(DeviceDatabase db, String table) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
        }
    }

    /** The row's {@code priced_at_ms} of sale {@code s}, or null. */
    private static Long pricedAtMs(DeviceDatabase db, Sale s) throws Exception {
        try (Connection c = db.connect();
             java.sql.PreparedStatement p = c.prepareStatement("SELECT priced_at_ms FROM sale WHERE sale_id = ?")) {
            p.setString(1, s.saleId());
            try (ResultSet r = p.executeQuery()) {
                assertThat(r.next()).isTrue();
                long v = r.getLong(1);
                return r.wasNull() ? null : v;
            }
        }
    }

    /**
     * When the scale fixed a sale's price (the press, before the card payment) is kept with the sale (V407 priced_at_ms,
     * and the payload sent): HQ judges the price at it, and every re-send after a restart carries the same time.
     */
    @Test
    void whenASaleWasPricedIsKeptAndSentAfterARestart() throws Exception {
        DeviceDatabase db = DeviceDatabase.open(dir.resolve("scale.db"));
        Sale paid = sale(1).paidAtScale("52500038/0117/000042");
        Instant pressed = paid.soldAt().minusSeconds(14);
        Sale priced = paid.priced(pressed);
        Sale atTill = sale(2).priced(sale(2).soldAt());
        Sale older = sale(3);
        try (SalesOutbox o = new SalesOutbox(db, 1000, 900)) {
            o.hold(priced);
            o.record(atTill);
            o.hold(older);
            assertThat(o.release(priced.saleId())).isTrue();
            assertThat(o.release(older.saleId())).isTrue();
        }
        assertThat(pricedAtMs(db, priced)).isEqualTo(pressed.toEpochMilli());
        assertThat(pricedAtMs(db, atTill)).isEqualTo(atTill.soldAt().toEpochMilli());
        assertThat(pricedAtMs(db, older)).isNull();
        try (SalesOutbox o = new SalesOutbox(DeviceDatabase.open(dir.resolve("scale.db")), 1000, 900)) {
            List<SalesOutbox.Entry> p = o.pending(0, 10);
            // in the order they were queued: the sale at the till at once, the others once their labels printed
            assertThat(p).extracting(e -> e.sale().saleId()).containsExactly(atTill.saleId(), priced.saleId(), older.saleId());
            assertThat(p.get(1).sale().pricedAt()).isEqualTo(pressed);
            assertThat(p.get(1).sale()).isEqualTo(priced);
            assertThat(p.get(0).sale()).isEqualTo(atTill);
            assertThat(p.get(2).sale().pricedAt()).isNull();
        }
    }

    @Test
    void aSaleWaitsForItsLabelAndReachesHqOnlyPrintedOrVoided() throws Exception {
        // issue 11, why 4: HQ counted a sale whose label never printed
        DeviceDatabase db = DeviceDatabase.open(dir.resolve("scale.db"));
        try (SalesOutbox o = new SalesOutbox(db, 1000, 900)) {
            Sale printed = sale(1);
            Sale unlabelled = sale(2);
            o.hold(printed);
            o.hold(unlabelled);
            assertThat(o.nextSaleNumber()).as("a waiting sale keeps its number").isEqualTo(3);
            assertThat(o.pending(0, 10)).as("nothing goes to HQ before its label printed").isEmpty();
            assertThat(o.depth()).isZero();
            assertThat(o.waiting()).containsExactly(printed, unlabelled);
            assertThat(o.labelState(printed.saleId())).contains("WAITING");

            assertThat(o.release(printed.saleId())).isTrue();
            assertThat(o.release(printed.saleId())).as("released once").isFalse();
            String reason = "label not printed (PAPER_OUT); the item was taken off";
            Instant gaveUp = unlabelled.soldAt().plusSeconds(40);
            assertThat(o.voidSale(unlabelled.voided(reason, gaveUp), reason)).isTrue();
            assertThat(o.voidSale(printed.voided(reason, gaveUp), reason)).as("a printed sale is not voided").isFalse();
            assertThat(o.waiting()).isEmpty();
            List<SalesOutbox.Entry> p = o.pending(0, 10);
            assertThat(p).extracting(e -> e.sale().saleId()).containsExactly(printed.saleId(), unlabelled.saleId());
            assertThat(p.get(0).sale().voidReason()).isNull();
            assertThat(p.get(1).sale().voidReason()).isEqualTo(reason);
            assertThat(p.get(1).sale().voidedAt()).as("when the scale gave it up").isEqualTo(gaveUp);
            assertThat(p.get(0).sale().voidedAt()).isNull();
            assertThat(p.get(1).sale().counted()).isFalse();
            assertThat(voidedAtMs(db, unlabelled)).isEqualTo(gaveUp.toEpochMilli());
            assertThat(voidedAtMs(db, printed)).isNull();
            assertThat(o.labelState(unlabelled.saleId())).contains("VOIDED");
            assertThat(count(db, "sale")).as("kept, not deleted").isEqualTo(2);
            assertThat(o.depth()).isEqualTo(2);
        }
        // the waiting state survives a restart (the scale voids what waited then)
        try (SalesOutbox o = new SalesOutbox(db, 1000, 900)) {
            Sale third = sale(3);
            o.hold(third);
        }
        try (SalesOutbox o = new SalesOutbox(DeviceDatabase.open(dir.resolve("scale.db")), 1000, 900)) {
            assertThat(o.waiting()).extracting(Sale::saleNumber).containsExactly(3L);
        }
    }

    @Test
    void aRefundedPrintedSaleGoesToHqAgainVoidedOnceAndOnlyAPrintedOne() throws Exception {
        // issue 13: a card payment reversed after its PAID label printed; HQ must stop counting the sale
        DeviceDatabase db = DeviceDatabase.open(dir.resolve("scale.db"));
        try (SalesOutbox o = new SalesOutbox(db, 1000, 900)) {
            Sale acked = sale(1).paidAtScale("52500038/0117/000042");
            Sale queued = sale(2).paidAtScale("52500038/0118/000043");
            Sale waiting = sale(3);
            o.hold(acked);
            o.hold(queued);
            o.hold(waiting);
            o.release(acked.saleId());
            o.release(queued.saleId());
            assertThat(o.acknowledge(List.of(acked.saleId()))).isEqualTo(1);
            assertThat(o.depth()).isEqualTo(1);
            String reason = "REFUNDED: card payment reversed at the scale 52500038/0117/000042";

            // acknowledged already: queued again as the same sale with only the void reason and its time set
            assertThat(o.refund(acked.saleId(), reason, REVERSED_AT)).isTrue();
            assertThat(o.refund(acked.saleId(), reason, REVERSED_AT.plusSeconds(60))).as("voided once").isFalse();
            assertThat(o.labelState(acked.saleId())).contains("VOIDED");
            // still queued: its one entry now sends the voided sale
            assertThat(o.refund(queued.saleId(), "REFUNDED: x", REVERSED_AT)).isTrue();
            // not printed, or unknown: nothing to refund, nothing changes
            assertThat(o.refund(waiting.saleId(), reason, REVERSED_AT)).isFalse();
            assertThat(o.refund(Sale.newId(), reason, REVERSED_AT)).isFalse();
            assertThat(o.waiting()).containsExactly(waiting);

            List<SalesOutbox.Entry> p = o.pending(0, 10);
            // the still-queued one is queued anew, after the acked one: a publisher past its old entry sends it again
            assertThat(p).extracting(e -> e.sale().saleId()).containsExactly(acked.saleId(), queued.saleId());
            assertThat(p.get(0).sale()).isEqualTo(acked.voided(reason, REVERSED_AT));
            assertThat(p.get(0).sale().voidedAt()).isEqualTo(REVERSED_AT);
            assertThat(p.get(1).sale()).isEqualTo(queued.voided("REFUNDED: x", REVERSED_AT));
            assertThat(o.depth()).isEqualTo(2);
            // the unchanged sale may have been in flight: its ack does not close the voided one's entry; the next ack does
            java.util.Set<String> stillQueued = new java.util.HashSet<>();
            assertThat(o.acknowledge(List.of(acked.saleId(), queued.saleId()), stillQueued)).isEqualTo(1);
            assertThat(stillQueued).containsExactly(queued.saleId());
            assertThat(o.pending(0, 10)).extracting(e -> e.sale()).containsExactly(queued.voided("REFUNDED: x", REVERSED_AT));
            assertThat(o.acknowledge(List.of(queued.saleId()))).isEqualTo(1);
            assertThat(o.depth()).isZero();
            assertThat(o.pending(0, 10)).isEmpty();
        }
    }

    /**
     * The time of a void is kept with the voided sale: after a restart (power cut before HQ acknowledged it) the scale
     * sends the same voided sale with the same time, not the time of the restart; HQ judges a late void by it.
     */
    @Test
    void aRefundedSaleKeepsTheTimeOfItsVoidAcrossARestart() throws Exception {
        Path file = dir.resolve("scale.db");
        Sale paid = sale(1).paidAtScale("52500038/0117/000042");
        String reason = Sale.refundedReason("52500038/0117/000042");
        Sale unlabelled = sale(2);
        Instant gaveUp = unlabelled.soldAt().plusSeconds(30);
        try (SalesOutbox o = new SalesOutbox(DeviceDatabase.open(file), 1000, 900)) {
            o.hold(paid);
            o.release(paid.saleId());
            assertThat(o.acknowledge(List.of(paid.saleId()))).isEqualTo(1);
            assertThat(o.refund(paid.saleId(), reason, REVERSED_AT)).isTrue();
            o.hold(unlabelled);
            assertThat(o.voidSale(unlabelled.voided("label not printed before the scale restarted", gaveUp),
                    "label not printed before the scale restarted")).isTrue();
        }
        DeviceDatabase again = DeviceDatabase.open(file);
        try (SalesOutbox o = new SalesOutbox(again, 1000, 900)) {
            List<SalesOutbox.Entry> p = o.pending(0, 10);
            assertThat(p).extracting(e -> e.sale().saleId()).containsExactly(paid.saleId(), unlabelled.saleId());
            assertThat(p.get(0).sale().voidReason()).isEqualTo(reason);
            assertThat(p.get(0).sale().voidedAt()).as("the time of the reversal, not of the restart").isEqualTo(REVERSED_AT);
            assertThat(p.get(0).sale()).isEqualTo(paid.voided(reason, REVERSED_AT));
            assertThat(p.get(1).sale().voidedAt()).isEqualTo(gaveUp);
            assertThat(voidedAtMs(again, paid)).isEqualTo(REVERSED_AT.toEpochMilli());
            assertThat(voidedAtMs(again, unlabelled)).isEqualTo(gaveUp.toEpochMilli());
        }
    }

    @Test
    void aSaleIsQueuedInRecordingOrderUntilAcknowledged() throws Exception {
        DeviceDatabase db = DeviceDatabase.open(dir.resolve("scale.db"));
        try (SalesOutbox o = new SalesOutbox(db, 1000, 900)) {
            assertThat(o.nextSaleNumber()).isEqualTo(1);
            Sale a = sale(1);
            Sale b = sale(2);
            o.record(a);
            o.record(b);
            assertThat(o.nextSaleNumber()).isEqualTo(3);
            List<SalesOutbox.Entry> p = o.pending(0, 10);
            assertThat(p).extracting(SalesOutbox.Entry::sale).containsExactly(a, b);
            assertThat(o.pending(p.get(0).seq(), 10)).extracting(SalesOutbox.Entry::sale).containsExactly(b);
            assertThat(o.acknowledge(List.of(a.saleId(), Sale.newId()))).isEqualTo(1);
            assertThat(o.acknowledge(List.of(a.saleId()))).isZero(); // a second ack changes nothing
            assertThat(o.depth()).isEqualTo(1);
            assertThat(o.pending(0, 10)).extracting(SalesOutbox.Entry::sale).containsExactly(b);
        }
        assertThat(count(db, "sale")).isEqualTo(2); // acknowledged sales stay on the scale
    }

    @Test
    void theOutboxSurvivesARestart() {
        Path file = dir.resolve("scale.db");
        Sale a = sale(1);
        try (SalesOutbox o = new SalesOutbox(DeviceDatabase.open(file), 1000, 900)) {
            o.record(a);
        }
        try (SalesOutbox o = new SalesOutbox(DeviceDatabase.open(file), 1000, 900)) {
            assertThat(o.depth()).isEqualTo(1);
            assertThat(o.pending(0, 10)).extracting(SalesOutbox.Entry::sale).containsExactly(a);
        }
    }

    @Test
    void aSaleAndItsEntryAreWrittenTogetherOrNotAtAll() throws Exception {
        DeviceDatabase db = DeviceDatabase.open(dir.resolve("scale.db"));
        try (SalesOutbox o = new SalesOutbox(db, 1000, 900)) {
            o.record(sale(1));
            Sale sameNumber = sale(1); // violates the unique sale number: the insert fails
            assertThatThrownBy(() -> o.record(sameNumber)).isInstanceOf(StoreException.class);
            assertThat(o.depth()).isEqualTo(1);
            o.record(sale(2)); // the connection is still usable
        }
        assertThat(count(db, "sale")).isEqualTo(2);
        assertThat(count(db, "outbox")).isEqualTo(2);
    }

    @Test
    void aFullOutboxRefusesSalesAndRaisesTheAlarmFirst() throws Exception {
        DeviceDatabase db = DeviceDatabase.open(dir.resolve("scale.db"));
        try (SalesOutbox o = new SalesOutbox(db, 100, 90)) {
            for (int i = 1; i <= 89; i++) o.record(sale(i));
            assertThat(o.alarm()).isFalse();
            o.record(sale(90));
            assertThat(o.alarm()).isTrue();
            for (int i = 91; i <= 100; i++) o.record(sale(i));
            assertThatThrownBy(() -> o.record(sale(101))).isInstanceOf(OutboxFullException.class);
            assertThat(count(db, "sale")).isEqualTo(100);
            o.acknowledge(List.of(o.pending(0, 1).get(0).sale().saleId()));
            o.record(sale(101));
        }
    }
}
