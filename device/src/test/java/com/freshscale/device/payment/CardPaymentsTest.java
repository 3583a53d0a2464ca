package com.freshscale.device.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.freshscale.device.payment.zvt.ZvtClient;
import com.freshscale.device.payment.zvt.sim.TerminalSimulator;
import com.freshscale.device.store.DeviceDatabase;
import com.freshscale.device.sync.SalesOutbox;
import com.freshscale.protocol.pricebook.SaleType;
import com.freshscale.protocol.sales.Sale;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scale's card payments against the simulated terminal over TCP, with the journal in a real SQLite file: every
 * outcome of a payment, and the settling of what a lost link or a kill left open (issue 13).
 */
class CardPaymentsTest {
    @TempDir
    Path dir;
    TerminalSimulator terminal;
    DeviceDatabase db;
    SalesOutbox outbox;
    PaymentJournal journal;
    CardPayments payments;
    final List<String> statuses = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        terminal = TerminalSimulator.start("127.0.0.1", 0, 52500038, Duration.ofMillis(100), Duration.ofMillis(500));
        db = DeviceDatabase.open(dir.resolve("scale.db"));
        outbox = new SalesOutbox(db, 1000, 900);
        journal = new PaymentJournal(db, Clock.systemUTC());
        payments = payments(terminal.port());
    }

    private CardPayments payments(int port) {
        ZvtClient client = new ZvtClient(new ZvtClient.Options("127.0.0.1", port, 0, 978, Duration.ofSeconds(2), Duration.ofSeconds(2)));
        return new CardPayments(client, journal, new CardPayments.Sales() {
            @Override
            public Optional<String> labelState(String saleId) {
                return outbox.labelState(saleId);
            }

            @Override
            public void voidWaiting(String saleId, String reason, Instant at) {
                outbox.waiting().stream().filter(s -> s.saleId().equals(saleId)).forEach(s -> outbox.voidSale(s.voided(reason, at), reason));
            }

            @Override
            public boolean refunded(String saleId, String reason, Instant at) {
                return outbox.refund(saleId, reason, at);
            }
        });
    }

    @AfterEach
    void stop() {
        terminal.close();
        outbox.close();
    }

    private Sale sale(String id, long number, String reference) {
        return sale(id, number, reference, Instant.now());
    }

    private Sale sale(String id, long number, String reference, Instant soldAt) {
        return new Sale(id, "store-1", "scale-1", number, "4011", SaleType.PER_KG, 1_234_000, 0, 199, null, 246, "EUR",
                "2940110002466", soldAt, 1, null, null, false, 0, false, reference);
    }

    /** A journal on a clock the test sets. */
    private PaymentJournal journalAt(java.util.concurrent.atomic.AtomicReference<Instant> now) {
        return new PaymentJournal(db, new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        });
    }

    /** The sale the outbox sends HQ next for {@code saleId}. */
    private Sale queued(String saleId) {
        return outbox.pending(0, 100).stream().map(SalesOutbox.Entry::sale).filter(s -> s.saleId().equals(saleId))
                .reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void anApprovedPaymentCarriesItsReferenceAndReceiptAndCompletesOnceItsLabelPrinted() {
        CardPayments.Outcome o = payments.pay(Sale.newId(), 246, "EUR", statuses::add);
        assertThat(o.result()).isEqualTo(CardPayments.Result.APPROVED);
        assertThat(o.payment().state()).isEqualTo(PaymentState.APPROVED);
        assertThat(o.payment().reference()).isEqualTo("52500038/0001/000001");
        assertThat(o.receipt()).anyMatch(l -> l.contains("Betrag EUR 2,46"));
        assertThat(statuses).contains("insert_card", "please_wait");
        // the sale is recorded and its PAID label printed: the payment completes and stays booked
        outbox.hold(sale(o.payment().saleId(), 1, o.payment().reference()));
        outbox.release(o.payment().saleId());
        assertThat(payments.completed(o.payment()).state()).isEqualTo(PaymentState.COMPLETED);
        assertThat(journal.steps(o.payment().id())).extracting(s -> s.split(" ")[0]).containsExactly("AUTHORISING", "APPROVED", "COMPLETED");
        assertThat(terminal.approvedPayments()).isEqualTo(1);
        assertThat(terminal.reversals()).isZero();
    }

    @Test
    void aDeclineAnAbortAndAPinDelayEndAsTheTerminalSaid() throws Exception {
        terminal.nextAnswer(TerminalSimulator.Answer.DECLINE);
        CardPayments.Outcome declined = payments.pay(Sale.newId(), 300, "EUR", statuses::add);
        assertThat(declined.result()).isEqualTo(CardPayments.Result.DECLINED);
        assertThat(declined.messageKey()).isEqualTo("declined");
        assertThat(declined.payment().state()).isEqualTo(PaymentState.DECLINED);

        terminal.nextAnswer(TerminalSimulator.Answer.PIN);
        CompletableFuture<CardPayments.Outcome> aborted = CompletableFuture.supplyAsync(() -> payments.pay(Sale.newId(), 300, "EUR", statuses::add));
        // the shopper cancels while the terminal waits for the PIN
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> statuses.contains("enter_pin"));
        assertThat(payments.abort()).isTrue();
        assertThat(aborted.get(5, TimeUnit.SECONDS).result()).isEqualTo(CardPayments.Result.ABORTED);

        terminal.nextAnswer(TerminalSimulator.Answer.PIN);
        CardPayments.Outcome withPin = payments.pay(Sale.newId(), 300, "EUR", statuses::add);
        assertThat(withPin.result()).isEqualTo(CardPayments.Result.APPROVED);
        assertThat(terminal.approvedPayments()).isEqualTo(1);
        assertThat(journal.count(PaymentState.DECLINED)).isEqualTo(1);
        assertThat(journal.count(PaymentState.ABORTED)).isEqualTo(1);
    }

    @Test
    void aSilentTerminalIsATimeoutAndNothingIsBooked() {
        terminal.nextAnswer(TerminalSimulator.Answer.TIMEOUT);
        CardPayments.Outcome o = payments.pay(Sale.newId(), 500, "EUR", statuses::add);
        assertThat(o.result()).isEqualTo(CardPayments.Result.TIMEOUT);
        // settled at once by asking the terminal for its last booking: there is none for it
        assertThat(journal.find(o.payment().id()).orElseThrow().state()).isEqualTo(PaymentState.FAILED);
        assertThat(terminal.approvedPayments()).isZero();
        assertThat(journal.open()).isEmpty();
    }

    @Test
    void aLinkLostAfterTheTerminalBookedIsReversedAndTheShopperIsChargedNothing() {
        terminal.nextAnswer(TerminalSimulator.Answer.DISCONNECT);
        CardPayments.Outcome o = payments.pay(Sale.newId(), 777, "EUR", statuses::add);
        assertThat(o.result()).isEqualTo(CardPayments.Result.LINK_LOST);
        Payment p = journal.find(o.payment().id()).orElseThrow();
        assertThat(p.state()).isEqualTo(PaymentState.REVERSED);
        assertThat(p.reference()).as("the booking found by repeat receipt").isNotNull();
        assertThat(terminal.approvedPayments()).isZero();
        assertThat(terminal.reversals()).isEqualTo(1);
        // the next payment goes through normally
        assertThat(payments.pay(Sale.newId(), 777, "EUR", statuses::add).result()).isEqualTo(CardPayments.Result.APPROVED);
        assertThat(terminal.approvedPayments()).isEqualTo(1);
    }

    @Test
    void anApprovalWhoseLabelNeverPrintedIsReversedAndItsWaitingSaleVoided() {
        CardPayments.Outcome o = payments.pay(Sale.newId(), 246, "EUR", statuses::add);
        outbox.hold(sale(o.payment().saleId(), 1, o.payment().reference()));
        // the scale stopped here: on the next start the open payment is settled
        CardPayments.Settlement s = payments(terminal.port()).settleOpen();
        assertThat(s).isEqualTo(new CardPayments.Settlement(0, 1, 0, 0));
        assertThat(outbox.labelState(o.payment().saleId())).contains("VOIDED");
        assertThat(journal.find(o.payment().id()).orElseThrow().state()).isEqualTo(PaymentState.REVERSED);
        assertThat(terminal.approvedPayments()).isZero();
        assertThat(terminal.reversals()).isEqualTo(1);
    }

    @Test
    void anOpenPaymentStaysOpenWhileTheTerminalIsUnreachableAndNoNewPaymentStarts() throws Exception {
        CardPayments.Outcome o = payments.pay(Sale.newId(), 246, "EUR", statuses::add);
        int port = terminal.port();
        terminal.close();
        CardPayments offline = payments(port);
        assertThat(offline.settleOpen().stillOpen()).isEqualTo(1);
        CardPayments.Outcome refused = offline.pay(Sale.newId(), 100, "EUR", statuses::add);
        assertThat(refused.result()).isEqualTo(CardPayments.Result.UNAVAILABLE);
        // its label never printed: the reversal was journaled before it was sent, and is sent again once the terminal answers
        assertThat(journal.find(o.payment().id()).orElseThrow().state()).isEqualTo(PaymentState.REVERSING);
        assertThat(journal.open()).hasSize(1);
    }

    @Test
    void theLastPaymentIsReversedFromTheServiceMenuAndEndOfDayReportsTheBatch() throws Exception {
        for (long amount : new long[] {246, 1000}) {
            CardPayments.Outcome o = payments.pay(Sale.newId(), amount, "EUR", statuses::add);
            outbox.hold(sale(o.payment().saleId(), amount, o.payment().reference()));
            outbox.release(o.payment().saleId());
            payments.completed(o.payment());
        }
        Payment reversed = payments.reverseLast("Jo").orElseThrow();
        assertThat(reversed.amountMinor()).isEqualTo(1000);
        assertThat(reversed.state()).isEqualTo(PaymentState.REVERSED);
        assertThat(reversed.reversalReceipt()).isEqualTo(3);
        assertThat(payments.reverseLast("Jo")).as("a second press does not walk back to the 2.46 payment").isEmpty();
        assertThat(journal.find(reversed.id()).orElseThrow().state()).isEqualTo(PaymentState.REVERSED);
        CardPayments.EndOfDay eod = payments.endOfDay();
        assertThat(eod.done()).isTrue();
        assertThat(eod.totals().count()).isEqualTo(1);
        assertThat(eod.turnoverMinor()).isEqualTo(246);
        assertThat(eod.report()).anyMatch(l -> l.contains("KASSENSCHNITT"));
    }

    /** A payment of 2.46 € at {@code now}'s time whose PAID label printed: its sale released to the outbox, the payment completed. */
    private CardPayments.Outcome paidAndLabelled(java.util.concurrent.atomic.AtomicReference<Instant> now) throws Exception {
        journal = journalAt(now);
        payments = payments(terminal.port());
        CardPayments.Outcome o = payments.pay(Sale.newId(), 246, "EUR", statuses::add);
        outbox.hold(sale(o.payment().saleId(), 1, o.payment().reference(), now.get()));
        outbox.release(o.payment().saleId());
        payments.completed(o.payment());
        return o;
    }

    /**
     * A reversal voids the sale while its PAID label still passes the till uncharged: only for the shopper still at the
     * scale, within {@link CardPayments#REVERSAL_WINDOW} of the payment completing; later it is the till's refund.
     */
    @Test
    void theLastPaymentIsReversedAtTheScaleOnlyWithinFifteenMinutesOfItsLabel() throws Exception {
        java.util.concurrent.atomic.AtomicReference<Instant> now = new java.util.concurrent.atomic.AtomicReference<>(Instant.parse("2026-12-07T10:00:00Z"));
        CardPayments.Outcome o = paidAndLabelled(now);
        now.set(now.get().plus(CardPayments.REVERSAL_WINDOW).plusSeconds(1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> payments.reverseLast("Jo")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("completed 15 min ago").hasMessageContaining("refund it at the till");
        assertThat(terminal.reversals()).isZero();
        assertThat(journal.find(o.payment().id()).orElseThrow().state()).isEqualTo(PaymentState.COMPLETED);
        now.set(now.get().minusSeconds(2));
        assertThat(payments.reverseLast("Jo").orElseThrow().state()).as("within the window").isEqualTo(PaymentState.REVERSED);
        // the sale goes to HQ again voided, with when the scale voided it: HQ takes the late void only with that time
        Sale voided = queued(o.payment().saleId());
        assertThat(voided.voidReason()).isEqualTo(Sale.refundedReason(o.payment().reference()));
        assertThat(voided.voidedAt()).isEqualTo(Instant.parse("2026-12-07T10:14:59Z"));
        assertThat(CardPayments.REVERSAL_WINDOW).as("the scale's rule is the one HQ checks").isEqualTo(Sale.REVERSAL_WINDOW);
    }

    /**
     * A reversal the technician started within the window but a kill interrupted (REVERSING journaled, the terminal not
     * asked yet) is finished at the next settling, hours later: the sale is voided as of when the reversal was decided,
     * the time HQ's window check needs, not as of the restart.
     */
    @Test
    void aReversalFinishedAfterARestartVoidsTheSaleAsOfWhenItWasDecided() throws Exception {
        java.util.concurrent.atomic.AtomicReference<Instant> now = new java.util.concurrent.atomic.AtomicReference<>(Instant.parse("2026-12-07T10:00:00Z"));
        CardPayments.Outcome o = paidAndLabelled(now);
        now.set(now.get().plus(Duration.ofMinutes(3)));
        Instant decided = now.get();
        // as reverseLast does before the 06 30 goes out; then the scale is killed
        journal.move(o.payment().id(), PaymentState.REVERSING, null, null, "reversed by Jo from the service menu");
        now.set(now.get().plus(Duration.ofHours(2)));
        assertThat(payments(terminal.port()).settleOpen().reversed()).isEqualTo(1);
        assertThat(terminal.reversals()).isEqualTo(1);
        Sale voided = queued(o.payment().saleId());
        assertThat(voided.voidReason()).isEqualTo(Sale.refundedReason(o.payment().reference()));
        assertThat(voided.voidedAt()).isEqualTo(decided);
    }

    @Test
    void badConfigIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> new PaymentConfig(true, " ", 20007, 0, 90, null, null)).hasMessageContaining("host is required");
        assertThatThrownBy(() -> new PaymentConfig(true, "pt", 70000, 0, 90, null, null)).hasMessageContaining("port must be 1..65535");
        assertThatThrownBy(() -> new PaymentConfig(true, "pt", 20007, 0, 90, "29 IIIII WWWWW C", null)).hasMessageContaining("price field P");
        // a PAID label the till would charge again: the till's own prefix with the price in it
        PaymentConfig chargedAgain = new PaymentConfig(true, "pt", 20007, 0, 90, "21 IIIII PPPPP C", PaymentConfig.PaidValue.PRICE);
        assertThatThrownBy(() -> chargedAgain.checkAgainst(java.util.Map.of())).hasMessageContaining("would charge a PAID label again");
        // the same layout with zero in the price field rings 0.00 at the till
        new PaymentConfig(true, "pt", 20007, 0, 90, "21 IIIII PPPPP C", PaymentConfig.PaidValue.ZERO).checkAgainst(java.util.Map.of());
        assertThat(PaymentConfig.disabled().enabled()).isFalse();
        assertThatThrownBy(() -> journal.start(Sale.newId(), 0, "EUR")).hasMessageContaining("amount above zero");
    }

    /**
     * A terminal that answers nonsense (a status information without its result code, spec 3.2: BMP 27 is mandatory):
     * at registration nothing is journaled; during an authorisation the payment is not counted, stays open (the
     * terminal cannot say whether it booked) and blocks the next payment until the terminal answers properly.
     */
    @Test
    void aTerminalThatAnswersNonsenseGetsAClearErrorAndNothingIsCounted() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean registerProperly = new java.util.concurrent.atomic.AtomicBoolean(false);
        try (java.net.ServerSocket fake = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                while (!fake.isClosed()) {
                    try (java.net.Socket c = fake.accept()) {
                        var in = new java.io.BufferedInputStream(c.getInputStream());
                        var out = c.getOutputStream();
                        com.freshscale.device.payment.zvt.Apdu command = com.freshscale.device.payment.zvt.Apdu.read(in);
                        out.write(com.freshscale.device.payment.zvt.Apdu.ack().encode());
                        if (command.command() == com.freshscale.device.payment.zvt.Apdu.REGISTRATION && registerProperly.get()) {
                            out.write(com.freshscale.device.payment.zvt.Apdu.of(com.freshscale.device.payment.zvt.Apdu.COMPLETION, new byte[0]).encode());
                        } else {
                            out.write(com.freshscale.device.payment.zvt.Apdu.of(com.freshscale.device.payment.zvt.Apdu.STATUS_INFORMATION, new byte[0]).encode());
                        }
                        out.flush();
                        com.freshscale.device.payment.zvt.Apdu.read(in); // the ECR's acknowledgement, if any
                    } catch (IOException | RuntimeException e) {
                        // the client hung up: next connection
                    }
                }
            }, "nonsense-terminal");
            t.setDaemon(true);
            t.start();
            CardPayments nonsense = payments(fake.getLocalPort());
            CardPayments.Outcome atRegistration = nonsense.pay(Sale.newId(), 246, "EUR", statuses::add);
            assertThat(atRegistration.result()).isEqualTo(CardPayments.Result.UNAVAILABLE);
            assertThat(atRegistration.detail()).contains("without a result code (BMP 27)");
            assertThat(journal.newest(10)).as("nothing journaled: no authorisation was sent").isEmpty();

            registerProperly.set(true);
            CardPayments.Outcome during = nonsense.pay(Sale.newId(), 246, "EUR", statuses::add);
            assertThat(during.result()).isEqualTo(CardPayments.Result.LINK_LOST);
            assertThat(during.detail()).contains("without a result code (BMP 27)");
            assertThat(during.payment().state()).as("not counted, not forgotten").isEqualTo(PaymentState.UNKNOWN);
            assertThat(nonsense.pay(Sale.newId(), 100, "EUR", statuses::add).result()).isEqualTo(CardPayments.Result.UNAVAILABLE);
            assertThat(journal.newest(10)).hasSize(1);
        }
        // the real terminal answers again (it booked nothing): the open payment is settled as not booked
        assertThat(payments.settleOpen()).isEqualTo(new CardPayments.Settlement(0, 0, 1, 0));
        assertThat(journal.open()).isEmpty();
    }
}
