package com.freshscale.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.protocol.pricebook.SaleType;
import com.freshscale.protocol.sales.Sale;
import com.freshscale.server.store.ServerDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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

    private static Sale sale(int number) {
        return new Sale(Sale.newId(), "s1", "a", number, "4011", SaleType.PER_KG, 1_234_000, 0, 199, null, 246, "EUR",
                "2104011002467", Instant.ofEpochMilli(NOW - 3_600_000), 1, null, null, false, 1, false);
    }

    @Test
    void aStoredUnpaidSaleIsNotVoidedLaterForAnyReason() throws Exception {
        Sale till = store(sale(1));
        for (String reason : List.of("label not printed", Sale.refundedReason(REFERENCE),
                "REFUNDED: card payment reversed at the scale")) {
            Resent.Outcome o = judge(till.voided(reason));
            assertThat(o.kind()).as(reason).isEqualTo(Resent.Kind.REFUSED);
            assertThat(o.verdict().reason()).isEqualTo(QuarantineReason.SALE_CHANGED_ON_RESEND);
            assertThat(o.verdict().detail()).contains("not paid at the scale");
            assertThat(voided(till)).as(reason).isEqualTo(new Object[] {null, null});
        }
    }

    @Test
    void aStoredPaidSaleIsVoidedLaterOnlyAsItsOwnPaymentReversedOnce() throws Exception {
        Sale paid = store(sale(2).paidAtScale(REFERENCE));
        for (String reason : List.of("label not printed", Sale.refundedReason("52500038/0118/000043"),
                Sale.refundedReason(REFERENCE) + " ", "refunded: card payment reversed at the scale " + REFERENCE)) {
            Resent.Outcome o = judge(paid.voided(reason));
            assertThat(o.kind()).as(reason).isEqualTo(Resent.Kind.REFUSED);
            assertThat(o.verdict().reason()).isEqualTo(QuarantineReason.SALE_CHANGED_ON_RESEND);
            assertThat(o.verdict().detail()).contains(Sale.refundedReason(REFERENCE));
            assertThat(voided(paid)).as(reason).isEqualTo(new Object[] {null, null});
        }

        assertThat(judge(paid.voided(Sale.refundedReason(REFERENCE))).kind()).isEqualTo(Resent.Kind.VOIDED);
        assertThat(voided(paid)).isEqualTo(new Object[] {Sale.refundedReason(REFERENCE), NOW});
        // the void is taken once: the same again, or the sale without it, is a duplicate and changes nothing
        assertThat(judge(paid.voided(Sale.refundedReason(REFERENCE))).kind()).isEqualTo(Resent.Kind.DUPLICATE);
        assertThat(judge(paid).kind()).isEqualTo(Resent.Kind.DUPLICATE);
        assertThat(voided(paid)).isEqualTo(new Object[] {Sale.refundedReason(REFERENCE), NOW});
    }

    @Test
    void aSaleThatArrivedVoidedHasNoLateVoidTime() throws Exception {
        Sale never = store(sale(3).voided("label not printed; the item was taken off"));
        assertThat(judge(never).kind()).isEqualTo(Resent.Kind.DUPLICATE);
        assertThat(voided(never)).isEqualTo(new Object[] {"label not printed; the item was taken off", null});
    }

    private Resent.Outcome judge(Sale s) throws Exception {
        try (Connection c = db.connect()) {
            List<Resent.Outcome> out = Resent.judge(c, List.of(s), NOW);
            assertThat(out).hasSize(1);
            return out.get(0);
        }
    }

    /** The stored sale's void reason and late-void time. */
    private Object[] voided(Sale s) throws Exception {
        try (Connection c = db.connect();
             PreparedStatement p = c.prepareStatement("SELECT void_reason, voided_at_ms FROM sale WHERE sale_id = ?")) {
            p.setString(1, s.saleId());
            try (ResultSet r = p.executeQuery()) {
                assertThat(r.next()).isTrue();
                long at = r.getLong(2);
                Long voidedAt = r.wasNull() ? null : at;
                return new Object[] {r.getString(1), voidedAt};
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
