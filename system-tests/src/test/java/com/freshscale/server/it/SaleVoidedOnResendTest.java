package com.freshscale.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.freshscale.protocol.Topics;
import com.freshscale.protocol.codec.MessageCodec;
import com.freshscale.protocol.mqtt.MqttLink;
import com.freshscale.protocol.sales.Sale;
import com.freshscale.protocol.sales.SalesBatch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 (a card payment reversed at the scale): a scale voids a sale HQ stored by sending the same sale again with
 * a void reason set. Ingest takes that void once, and only that: a second copy changes nothing, a re-send that changes
 * anything else is quarantined and the stored sale stays as it was, and another scale cannot void a sale not its own.
 * A void for a sale id HQ never had is stored as a voided sale, as a label that never printed always was: the scale
 * cannot tell which HQ has, for an unacknowledged sale's outbox entry sends the voided sale in its place.
 * Over the real embedded broker, with enrolled scales.
 */
class SaleVoidedOnResendTest {
    @TempDir
    Path dir;

    private static final String REFUNDED = "REFUNDED: card payment reversed at the scale 52500038/0117/000042";

    @Test
    void aResentSaleWithOnlyAVoidReasonVoidsTheStoredSaleOnceAndNothingElseRewritesIt() throws Exception {
        try (TestServer server = TestServer.embedded(dir.resolve("server"))) {
            long v = server.bananas("s1");
            Set<String> acked = ConcurrentHashMap.newKeySet();
            try (MqttLink a = new MqttLink(MqttLink.Options.defaults(server.brokerUrl, server.app.identities().issueScale("s1", "a")));
                 MqttLink b = new MqttLink(MqttLink.Options.defaults(server.brokerUrl, server.app.identities().issueScale("s1", "b")))) {
                a.subscribe(Topics.acks("s1", "a"), 1, (t, p, r) -> acked.addAll(MessageCodec.decodeAck(t, p).saleIds()));
                b.subscribe(Topics.acks("s1", "b"), 1, (t, p, r) -> acked.addAll(MessageCodec.decodeAck(t, p).saleIds()));
                a.start();
                b.start();
                assertThat(a.awaitReady(Duration.ofSeconds(30)) && b.awaitReady(Duration.ofSeconds(30))).isTrue();

                Sale paid = Scale.paid(Scale.sale("s1", "a", 1, v), "52500038/0117/000042");
                Sale other = Scale.sale("s1", "a", 2, v);
                Sale third = Scale.sale("s1", "a", 3, v);
                Sale fourth = Scale.sale("s1", "a", 6, v);
                send(a, "a", List.of(paid, other, third, fourth));
                await().atMost(Duration.ofSeconds(30)).until(() -> acked.containsAll(List.of(paid.saleId(), other.saleId(), third.saleId(),
                        fourth.saleId())));
                long before = takings(server);
                assertThat(before).isEqualTo(paid.totalMinor() + other.totalMinor() + third.totalMinor() + fourth.totalMinor());
                long voidedBefore = server.app.ingest().voidedLater();

                // the void: the same sale with the void reason and the time of the reversal set (5 minutes after the sale,
                // arriving a day later: the scale was offline); acknowledged, and out of the takings
                acked.clear();
                java.time.Instant reversedAt = paid.soldAt().plusSeconds(300);
                long arrival = System.currentTimeMillis();
                send(a, "a", List.of(paid.voided(REFUNDED, reversedAt)));
                await().atMost(Duration.ofSeconds(30)).until(() -> acked.contains(paid.saleId()));
                assertThat(voidReason(server, paid)).isEqualTo(REFUNDED);
                assertThat(takings(server)).isEqualTo(before - paid.totalMinor());
                assertThat(server.app.ingest().voidedLater()).isEqualTo(voidedBefore + 1);
                JsonNode voided = Http.send("GET", server.http() + "/api/reports/voided?store=s1", null).body();
                assertThat(voided.findValuesAsText("void_reason")).containsExactly(REFUNDED);
                // when HQ took it (as before), and when the scale voided it, by the scale's clock
                assertThat(voided.get(0).get("scale_voided_at").asText()).isEqualTo(reversedAt.toString());
                assertThat(java.time.Instant.parse(voided.get(0).get("voided_at").asText()).toEpochMilli())
                        .isBetween(arrival - 1000, System.currentTimeMillis());

                // a second copy (and one with another reason) changes nothing; a sentinel in the same message shows it was taken
                Sale sentinel = Scale.sale("s1", "a", 4, v);
                send(a, "a", List.of(paid.voided(REFUNDED, reversedAt), paid.voided("REFUNDED: again", reversedAt.plusSeconds(1)), sentinel));
                await().atMost(Duration.ofSeconds(30)).until(() -> acked.contains(sentinel.saleId()));
                assertThat(voidReason(server, paid)).isEqualTo(REFUNDED);
                assertThat(server.app.ingest().voidedLater()).isEqualTo(voidedBefore + 1);
                assertThat(server.count("SELECT COUNT(*) FROM quarantined_sale")).isZero();
                long afterVoid = takings(server);
                assertThat(afterVoid).isEqualTo(before - paid.totalMinor() + sentinel.totalMinor());

                // re-sends that change the sale are refused (quarantined, acknowledged) and change nothing: another weight
                // and total (priced right, so the till check passes), a payment reference added to a till sale, another PLU
                long netMg = other.netMg() + 500_000;
                long total = Math.round(other.unitPriceMinor() * (netMg / 1_000_000.0));
                Sale heavier = new Sale(other.saleId(), "s1", "a", other.saleNumber(), other.pluCode(), other.saleType(), netMg, 0,
                        other.unitPriceMinor(), null, total, "EUR", other.barcode(), other.soldAt(), v, other.recognisedPlu(),
                        other.recognitionConfidence(), other.autoPicked(), other.chosenRank(), false).voided(REFUNDED, other.soldAt().plusSeconds(60));
                Sale claimedPaid = Scale.paid(third, "52500038/0999/000999");
                Sale otherPlu = new Sale(fourth.saleId(), "s1", "a", fourth.saleNumber(), "4012", fourth.saleType(), fourth.netMg(), 0,
                        fourth.unitPriceMinor(), null, fourth.totalMinor(), "EUR", fourth.barcode(), fourth.soldAt(), v, null, null, false, 1,
                        false).voided(REFUNDED, fourth.soldAt().plusSeconds(60));
                Sale sentinel2 = Scale.sale("s1", "a", 5, v);
                send(a, "a", List.of(heavier, claimedPaid, otherPlu, sentinel2));
                await().atMost(Duration.ofSeconds(30)).until(() -> acked.containsAll(List.of(heavier.saleId(), third.saleId(), fourth.saleId(),
                        sentinel2.saleId())));
                assertThat(server.count("SELECT COUNT(*) FROM quarantined_sale WHERE sale_id = '" + other.saleId()
                        + "' AND reason = 'SALE_CHANGED_ON_RESEND' AND detail LIKE '%netMg%'")).isEqualTo(1);
                // a card payment claimed afterwards (with the PAID barcode it needs, or the till check refuses it first): the
                // first difference named is the barcode
                assertThat(server.count("SELECT COUNT(*) FROM quarantined_sale WHERE sale_id = '" + third.saleId()
                        + "' AND reason = 'SALE_CHANGED_ON_RESEND' AND detail LIKE '%barcode%'")).isEqualTo(1);
                // a PLU the book does not have is refused by the till check already; either way it is not stored
                assertThat(server.count("SELECT COUNT(*) FROM quarantined_sale WHERE sale_id = '" + fourth.saleId()
                        + "' AND reason IN ('UNKNOWN_PLU', 'SALE_CHANGED_ON_RESEND')")).isEqualTo(1);
                assertThat(voidReason(server, other)).isNull();
                assertThat(voidReason(server, third)).isNull();
                assertThat(voidReason(server, fourth)).isNull();
                assertThat(server.count("SELECT COUNT(*) FROM sale WHERE sale_id = '" + fourth.saleId() + "' AND plu_code = '4011'")).isEqualTo(1);
                assertThat(server.count("SELECT COUNT(*) FROM sale WHERE sale_id = '" + other.saleId() + "' AND net_mg = " + other.netMg()
                        + " AND total_minor = " + other.totalMinor())).isEqualTo(1);
                assertThat(server.count("SELECT COUNT(*) FROM sale WHERE sale_id = '" + third.saleId()
                        + "' AND payment_reference IS NULL")).isEqualTo(1);
                assertThat(takings(server)).isEqualTo(afterVoid + sentinel2.totalMinor());
                assertThat(server.app.ingest().voidedLater()).isEqualTo(voidedBefore + 1);

                // another scale cannot void a's sale
                Sale theirs = new Sale(other.saleId(), "s1", "b", other.saleNumber(), other.pluCode(), other.saleType(), other.netMg(), 0,
                        other.unitPriceMinor(), null, other.totalMinor(), "EUR", other.barcode(), other.soldAt(), v, other.recognisedPlu(),
                        other.recognitionConfidence(), other.autoPicked(), other.chosenRank(), false).voided(REFUNDED, other.soldAt().plusSeconds(60));
                send(b, "b", List.of(theirs));
                await().atMost(Duration.ofSeconds(30)).until(() -> server.count("SELECT COUNT(*) FROM quarantined_sale WHERE sale_id = '"
                        + other.saleId() + "' AND scale_id = 'b' AND reason = 'SALE_ID_OF_ANOTHER_SCALE'") == 1);
                assertThat(voidReason(server, other)).isNull();

                // a void for a sale HQ never had: stored as a voided sale, in no total
                Sale never = Scale.sale("s1", "a", 7, v);
                Sale unseen = never.voided(REFUNDED, never.soldAt().plusSeconds(60));
                long stored = server.sales();
                send(a, "a", List.of(unseen));
                await().atMost(Duration.ofSeconds(30)).until(() -> acked.contains(unseen.saleId()));
                assertThat(server.sales()).isEqualTo(stored + 1);
                assertThat(voidReason(server, unseen)).isEqualTo(REFUNDED);
                assertThat(takings(server)).isEqualTo(afterVoid + sentinel2.totalMinor());
                assertThat(server.app.ingest().voidedLater()).isEqualTo(voidedBefore + 1);
                // the scale's time of that void is kept with it
                assertThat(server.count("SELECT COUNT(*) FROM sale WHERE sale_id = '" + unseen.saleId() + "' AND scale_voided_at_ms = "
                        + unseen.voidedAt().toEpochMilli())).isEqualTo(1);
            }
        }
    }

    /**
     * The refunded void only as one the scale could make: dated within its reversal window after the sale (15 min, plus the
     * ingest's clock skew) and not after it arrived. A void made a day after the sale (the black-box probe's case), one
     * without a time (a scale of an older build) and one dated ahead of its arrival are quarantined as
     * LATE_VOID_OUTSIDE_WINDOW, acknowledged, and the stored sales stay counted and paid at the scale.
     */
    @Test
    void aRefundedVoidOutsideTheScalesWindowOrWithoutItsTimeIsQuarantinedAndChangesNothing() throws Exception {
        try (TestServer server = TestServer.embedded(dir.resolve("server-window"))) {
            long v = server.bananas("s1");
            Set<String> acked = ConcurrentHashMap.newKeySet();
            try (MqttLink a = new MqttLink(MqttLink.Options.defaults(server.brokerUrl, server.app.identities().issueScale("s1", "a")))) {
                a.subscribe(Topics.acks("s1", "a"), 1, (t, p, r) -> acked.addAll(MessageCodec.decodeAck(t, p).saleIds()));
                a.start();
                assertThat(a.awaitReady(Duration.ofSeconds(30))).isTrue();
                // sold yesterday (Scale.BASE), paid at the scale
                Sale dayLate = Scale.paid(Scale.sale("s1", "a", 1, v), "52500038/0117/000042");
                Sale untimed = Scale.paid(Scale.sale("s1", "a", 2, v), "52500038/0118/000043");
                Sale ahead = Scale.paid(Scale.sale("s1", "a", 3, v), "52500038/0119/000044");
                send(a, "a", List.of(dayLate, untimed, ahead));
                await().atMost(Duration.ofSeconds(30)).until(() -> acked.containsAll(List.of(dayLate.saleId(), untimed.saleId(), ahead.saleId())));
                long before = takings(server);
                long voidedBefore = server.app.ingest().voidedLater();

                acked.clear();
                java.time.Instant now = java.time.Instant.now();
                send(a, "a", List.of(dayLate.voided(Sale.refundedReason("52500038/0117/000042"), now),
                        untimed.voided(Sale.refundedReason("52500038/0118/000043"), null),
                        ahead.voided(Sale.refundedReason("52500038/0119/000044"), now.plus(Duration.ofHours(2)))));
                await().atMost(Duration.ofSeconds(30)).until(() -> acked.containsAll(List.of(dayLate.saleId(), untimed.saleId(), ahead.saleId())));
                assertThat(server.count("SELECT COUNT(*) FROM quarantined_sale WHERE sale_id = '" + dayLate.saleId()
                        + "' AND reason = 'LATE_VOID_OUTSIDE_WINDOW' AND detail LIKE '%min after its sale%'")).isEqualTo(1);
                assertThat(server.count("SELECT COUNT(*) FROM quarantined_sale WHERE sale_id = '" + untimed.saleId()
                        + "' AND reason = 'LATE_VOID_OUTSIDE_WINDOW' AND detail LIKE '%without the time the scale voided it%'")).isEqualTo(1);
                // two hours ahead of its arrival is also a day after its sale: the first rule that fails is named
                assertThat(server.count("SELECT COUNT(*) FROM quarantined_sale WHERE sale_id = '" + ahead.saleId()
                        + "' AND reason = 'LATE_VOID_OUTSIDE_WINDOW'")).isEqualTo(1);
                for (Sale s : List.of(dayLate, untimed, ahead)) {
                    assertThat(voidReason(server, s)).isNull();
                    assertThat(server.count("SELECT COUNT(*) FROM sale WHERE sale_id = '" + s.saleId() + "' AND voided_at_ms IS NULL "
                            + "AND scale_voided_at_ms IS NULL AND payment_reference = '" + s.paymentReference() + "'")).isEqualTo(1);
                }
                assertThat(takings(server)).isEqualTo(before);
                assertThat(server.app.ingest().voidedLater()).isEqualTo(voidedBefore);
                assertThat(Http.send("GET", server.http() + "/api/reports/voided?store=s1", null).body()).isEmpty();
            }
        }
    }

    private static void send(MqttLink link, String scale, List<Sale> sales) throws InterruptedException {
        assertThat(link.publishAndWait(Topics.sales("s1", scale), MessageCodec.encode(SalesBatch.of("s1", scale, sales)), false,
                Duration.ofSeconds(10))).isTrue();
    }

    /** HQ's takings of store s1: the sum of its sales totals (voided sales are in no total). */
    private static long takings(TestServer server) throws Exception {
        JsonNode totals = Http.send("GET", server.http() + "/api/sales/totals?store=s1", null).body();
        long sum = 0;
        for (JsonNode t : totals) sum += t.get("totalMinor").asLong();
        return sum;
    }

    private static String voidReason(TestServer server, Sale s) throws Exception {
        try (var c = server.app.database().connect(); var p = c.prepareStatement("SELECT void_reason FROM sale WHERE sale_id = ?")) {
            p.setString(1, s.saleId());
            try (var r = p.executeQuery()) {
                assertThat(r.next()).as("sale " + s.saleId() + " stored").isTrue();
                return r.getString(1);
            }
        }
    }
}
