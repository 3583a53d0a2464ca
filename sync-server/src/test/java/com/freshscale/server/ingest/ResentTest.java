package com.freshscale.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.protocol.pricebook.SaleType;
import com.freshscale.protocol.sales.Sale;
import com.freshscale.server.store.ServerDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stored sale sent again voided (a late void): taken only as the reversal of the sale's own card payment at the scale
 * ({@link Sale#refundedReason} of its payment reference), once, with the time it arrived; every other late void is
 * quarantined as {@code SALE_CHANGED_ON_RESEND} and the stored sale stays counted. The probe's case: an unpaid, printed
 * sale re-sent with every field as stored and {@code "voidReason":"label not printed"} left the takings.
 * And the refunded void only with the scale's time of it ({@link Sale#voidedAt}) within the reversal window after the
 * sale and not after it arrived (each + the ingest's clock skew): a second probe sent it days later and it was taken.
 */
class ResentTest {
    private static final String REFERENCE = "52500038/0117/000042";
    private static final long NOW = 1_765_000_000_000L;

    @TempDir
    Path dir;
    private ServerDatabase db;

    @BeforeEach
    void open() {
        db = ServerDatabase.open("jdbc:sqlite:" + dir.resolve("resent.db"));
    }

    /** When the sales of these tests were sold: an hour before the void arrives (the scale was offline meanwhile). */
    private static final Instant SOLD = Instant.ofEpochMilli(NOW - 3_600_000);
    /** Within the scale's reversal window of the sale. */
    private static final Instant IN_WINDOW = SOLD.plus(Duration.ofMinutes(12));

    private static Sale sale(int number) {
        return sale(number, SOLD);
    }

    private static Sale sale(int number, Instant soldAt) {
        return new Sale(Sale.newId(), "s1", "a", number, "4011", SaleType.PER_KG, 1_234_000, 0, 199, null, 246, "EUR",
                "2104011002467", soldAt, 1, null, null, false, 1, false);
    }

    @Test
    void aStoredUnpaidSaleIsNotVoidedLaterForAnyReason() throws Exception {
        Sale till = store(sale(1));
        for (String reason : List.of("label not printed", Sale.refundedReason(REFERENCE),
                "REFUNDED: card payment reversed at the scale")) {
            Resent.Outcome o = judge(till.voided(reason, IN_WINDOW));
            assertThat(o.kind()).as(reason).isEqualTo(Resent.Kind.REFUSED);
            assertThat(o.verdict().reason()).isEqualTo(QuarantineReason.SALE_CHANGED_ON_RESEND);
            assertThat(o.verdict().detail()).contains("not paid at the scale");
            assertThat(voided(till)).as(reason).isEqualTo(new Object[] {null, null, null});
        }
    }

    @Test
    void aStoredPaidSaleIsVoidedLaterOnlyAsItsOwnPaymentReversedOnce() throws Exception {
        Sale paid = store(sale(2).paidAtScale(REFERENCE));
        for (String reason : List.of("label not printed", Sale.refundedReason("52500038/0118/000043"),
                Sale.refundedReason(REFERENCE) + " ", "refunded: card payment reversed at the scale " + REFERENCE)) {
            Resent.Outcome o = judge(paid.voided(reason, IN_WINDOW));
            assertThat(o.kind()).as(reason).isEqualTo(Resent.Kind.REFUSED);
            assertThat(o.verdict().reason()).isEqualTo(QuarantineReason.SALE_CHANGED_ON_RESEND);
            assertThat(o.verdict().detail()).contains(Sale.refundedReason(REFERENCE));
            assertThat(voided(paid)).as(reason).isEqualTo(new Object[] {null, null, null});
        }

        assertThat(judge(paid.voided(Sale.refundedReason(REFERENCE), IN_WINDOW)).kind()).isEqualTo(Resent.Kind.VOIDED);
        Object[] taken = {Sale.refundedReason(REFERENCE), NOW, IN_WINDOW.toEpochMilli()};
        assertThat(voided(paid)).isEqualTo(taken);
        // the void is taken once: the same again, or the sale without it, is a duplicate and changes nothing
        assertThat(judge(paid.voided(Sale.refundedReason(REFERENCE), IN_WINDOW)).kind()).isEqualTo(Resent.Kind.DUPLICATE);
        assertThat(judge(paid).kind()).isEqualTo(Resent.Kind.DUPLICATE);
        assertThat(voided(paid)).isEqualTo(taken);
    }

    @Test
    void aSaleThatArrivedVoidedHasNoLateVoidTimeButKeepsTheScalesTime() throws Exception {
        Instant gaveUp = SOLD.plusSeconds(40);
        Sale never = store(sale(3).voided("label not printed; the item was taken off", gaveUp));
        assertThat(judge(never).kind()).isEqualTo(Resent.Kind.DUPLICATE);
        assertThat(voided(never)).isEqualTo(new Object[] {"label not printed; the item was taken off", null, gaveUp.toEpochMilli()});
    }

    /** The honest case: the scale reversed it within its window and was offline for an hour; the void arrives late. */
    @Test
    void aRefundedVoidMadeWithinTheWindowIsTakenHoweverLateItArrives() throws Exception {
        Sale paid = store(sale(4).paidAtScale(REFERENCE));
        Instant last = SOLD.plus(Sale.REVERSAL_WINDOW).plus(TillCheck.FUTURE);
        assertThat(judge(paid.voided(Sale.refundedReason(REFERENCE), last)).kind()).as("the window's last moment, with the skew")
                .isEqualTo(Resent.Kind.VOIDED);
        assertThat(voided(paid)).isEqualTo(new Object[] {Sale.refundedReason(REFERENCE), NOW, last.toEpochMilli()});
        // a scale clock a little ahead of HQ's: dated after the arrival, within the skew
        Instant now = Instant.ofEpochMilli(NOW);
        Sale recent = store(sale(5, now.minusSeconds(120)).paidAtScale(REFERENCE));
        Instant ahead = now.plus(TillCheck.FUTURE);
        assertThat(judge(recent.voided(Sale.refundedReason(REFERENCE), ahead)).kind()).isEqualTo(Resent.Kind.VOIDED);
        assertThat(voided(recent)).isEqualTo(new Object[] {Sale.refundedReason(REFERENCE), NOW, ahead.toEpochMilli()});
    }

    /** Refused: quarantined with a reason that says why, and the stored sale stays as it was (counted, paid at the scale). */
    private void refusedAndUnchanged(Sale stored, Sale resent, String why) throws Exception {
        Resent.Outcome o = judge(resent);
        assertThat(o.kind()).as(why).isEqualTo(Resent.Kind.REFUSED);
        assertThat(o.verdict().reason()).as(why).isEqualTo(QuarantineReason.LATE_VOID_OUTSIDE_WINDOW);
        assertThat(o.verdict().detail()).as(why).contains(stored.saleId()).contains(why);
        assertThat(voided(stored)).as(why).isEqualTo(new Object[] {null, null, null});
        assertThat(payment(stored)).isEqualTo(REFERENCE);
    }

    @Test
    void aRefundedVoidMadeDaysAfterTheSaleIsRefused() throws Exception {
        Instant soldDaysAgo = Instant.ofEpochMilli(NOW).minus(Duration.ofDays(3));
        Sale paid = store(sale(6, soldDaysAgo).paidAtScale(REFERENCE));
        refusedAndUnchanged(paid, paid.voided(Sale.refundedReason(REFERENCE), Instant.ofEpochMilli(NOW - 60_000)),
                "4319 min after its sale");
        // one millisecond past the window and its skew is past it
        refusedAndUnchanged(paid, paid.voided(Sale.refundedReason(REFERENCE),
                soldDaysAgo.plus(Sale.REVERSAL_WINDOW).plus(TillCheck.FUTURE).plusMillis(1)), "only within 15 min of its PAID label");
    }

    @Test
    void aRefundedVoidWithoutItsTimeFromAnOlderScaleIsRefusedForReview() throws Exception {
        Sale paid = store(sale(7).paidAtScale(REFERENCE));
        Sale old = paid.voided(Sale.refundedReason(REFERENCE), null);
        assertThat(old.voidedAt()).isNull();
        refusedAndUnchanged(paid, old, "without the time the scale voided it");
    }

    @Test
    void aRefundedVoidDatedAfterItArrivedIsRefused() throws Exception {
        Instant now = Instant.ofEpochMilli(NOW);
        Sale paid = store(sale(8, now.minusSeconds(120)).paidAtScale(REFERENCE));
        // within the window of the sale, but later than it arrived beyond the skew: a clock far ahead, or made up
        refusedAndUnchanged(paid, paid.voided(Sale.refundedReason(REFERENCE), now.plus(TillCheck.FUTURE).plusSeconds(1)),
                "after it arrived");
        // a refusal blocks nothing: the void with a sound time is taken afterwards
        assertThat(judge(paid.voided(Sale.refundedReason(REFERENCE), now.minusSeconds(60))).kind()).isEqualTo(Resent.Kind.VOIDED);
    }

    /**
     * HQ keeps when the scale fixed the price (the time its price check used): the sale sent again with another price time
     * is a changed sale; one stored before HQ kept it (none stored) is not changed by its scale sending it again with one.
     */
    @Test
    void theScalesPriceTimeIsKeptAndASaleSentAgainWithAnotherIsRefused() throws Exception {
        Sale priced = store(sale(7).priced(SOLD.minusSeconds(40)));
        assertThat(new com.freshscale.server.sales.SalesQueries(db).sales(new com.freshscale.server.sales.SalesQueries.Filter(
                "s1", null, null, null, 10, 0))).singleElement().extracting(Sale::pricedAt).isEqualTo(SOLD.minusSeconds(40));
        assertThat(judge(priced).kind()).isEqualTo(Resent.Kind.DUPLICATE);
        for (Sale other : List.of(priced.priced(SOLD.minusSeconds(5)), priced.priced(null))) {
            Resent.Outcome o = judge(other);
            assertThat(o.kind()).isEqualTo(Resent.Kind.REFUSED);
            assertThat(o.verdict().reason()).isEqualTo(QuarantineReason.SALE_CHANGED_ON_RESEND);
            assertThat(o.verdict().detail()).contains("pricedAt");
        }
        Sale before = store(sale(8));
        assertThat(judge(before.priced(SOLD.minusSeconds(40))).kind()).isEqualTo(Resent.Kind.DUPLICATE);
    }

    private Resent.Outcome judge(Sale s) throws Exception {
        try (Connection c = db.connect()) {
            List<Resent.Outcome> out = Resent.judge(c, List.of(s), NOW);
            assertThat(out).hasSize(1);
            return out.get(0);
        }
    }

    /** The stored sale's void reason, late-void time (arrival) and the scale's time of the void. */
    private Object[] voided(Sale s) throws Exception {
        try (Connection c = db.connect();
             PreparedStatement p = c.prepareStatement("SELECT void_reason, voided_at_ms, scale_voided_at_ms FROM sale WHERE sale_id = ?")) {
            p.setString(1, s.saleId());
            try (ResultSet r = p.executeQuery()) {
                assertThat(r.next()).isTrue();
                long at = r.getLong(2);
                Long voidedAt = r.wasNull() ? null : at;
                long scaleAt = r.getLong(3);
                Long scaleVoidedAt = r.wasNull() ? null : scaleAt;
                return new Object[] {r.getString(1), voidedAt, scaleVoidedAt};
            }
        }
    }

    private String payment(Sale s) throws Exception {
        try (Connection c = db.connect();
             PreparedStatement p = c.prepareStatement("SELECT payment_reference FROM sale WHERE sale_id = ?")) {
            p.setString(1, s.saleId());
            try (ResultSet r = p.executeQuery()) {
                assertThat(r.next()).isTrue();
                return r.getString(1);
            }
        }
    }

    /** Stores {@code s} as ingest does, with ingest's own row. */
    private Sale store(Sale s) throws Exception {
        try (Connection c = db.connect(); PreparedStatement p = c.prepareStatement(SalesIngest.INSERT_SALE)) {
            SalesIngest.bind(p, s, "2025-12-06", NOW - 3_000_000, "scale");
            p.executeUpdate();
        }
        return s;
    }
}
