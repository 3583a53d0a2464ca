package com.freshscale.device.payment.zvt.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.freshscale.device.payment.zvt.Apdu;
import com.freshscale.device.payment.zvt.IntermediateStatus;
import com.freshscale.device.payment.zvt.PrintOutput;
import com.freshscale.device.payment.zvt.ResultCode;
import com.freshscale.device.payment.zvt.StatusInformation;
import com.freshscale.device.payment.zvt.ZvtClient;
import com.freshscale.device.payment.zvt.ZvtOutcome;
import com.freshscale.device.payment.zvt.ZvtTimeoutException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scale's ZVT client and the simulated terminal over a real TCP connection: every outcome a payment can have. */
class ZvtOverTcpTest {
    TerminalSimulator terminal;
    ZvtClient client;
    final List<Integer> statuses = new CopyOnWriteArrayList<>();
    final List<String> printed = new CopyOnWriteArrayList<>();
    final ZvtClient.Listener listener = new ZvtClient.Listener() {
        @Override
        public void intermediate(IntermediateStatus s) {
            statuses.add(s.code());
        }

        @Override
        public void print(PrintOutput p) {
            printed.addAll(p.lines());
        }
    };

    @BeforeEach
    void start() throws IOException {
        terminal = TerminalSimulator.start("127.0.0.1", 0, 52500038, Duration.ofMillis(150), Duration.ofMillis(600));
        client = new ZvtClient(new ZvtClient.Options("127.0.0.1", terminal.port(), 0, 978, Duration.ofSeconds(5), Duration.ofSeconds(3)));
    }

    @AfterEach
    void stop() {
        terminal.close();
    }

    @Test
    void registrationCompletesWithTheTerminalId() throws Exception {
        ZvtOutcome o = client.register(listener);
        assertThat(o.completed()).isTrue();
        // a wrong currency is refused with a negative acknowledgement (84 6F)
        ZvtClient dollars = new ZvtClient(new ZvtClient.Options("127.0.0.1", terminal.port(), 0, 840, Duration.ofSeconds(5), Duration.ofSeconds(3)));
        ZvtOutcome refused = dollars.register(listener);
        assertThat(refused.completed()).isFalse();
        assertThat(refused.abortCode()).isEqualTo(ResultCode.WRONG_CURRENCY);
    }

    @Test
    void anApprovedPaymentReportsItsReferenceAndReceipt() throws Exception {
        ZvtOutcome o = client.authorize(246, listener);
        assertThat(o.approved()).isTrue();
        StatusInformation s = o.status();
        assertThat(s.amountMinor()).isEqualTo(246);
        assertThat(s.terminalId()).isEqualTo(52500038);
        assertThat(s.receiptNumber()).isEqualTo(1);
        assertThat(s.traceNumber()).isEqualTo(1);
        assertThat(statuses).containsExactly(IntermediateStatus.INSERT_CARD, IntermediateStatus.WAITING_FOR_HOST);
        assertThat(printed).contains("Betrag EUR 2,46", "Zahlung erfolgt");
        assertThat(o.receipts().get(o.receipts().size() - 1).lastLine()).isTrue();
        assertThat(terminal.approvedPayments()).isEqualTo(1);
    }

    @Test
    void aDeclinedPaymentIsAnAbortWithTheBanksCode() throws Exception {
        terminal.nextAnswer(TerminalSimulator.Answer.DECLINE);
        ZvtOutcome o = client.authorize(246, listener);
        assertThat(o.approved()).isFalse();
        assertThat(o.completed()).isFalse();
        assertThat(o.abortCode()).isEqualTo(ResultCode.DECLINED);
        assertThat(o.status().additionalText()).isEqualTo("Abgelehnt");
        assertThat(terminal.journal()).isEmpty();
        // the answer was for one payment: the next is approved
        assertThat(client.authorize(100, listener).approved()).isTrue();
    }

    @Test
    void aPinTakesItsTimeAndIsShown() throws Exception {
        terminal.nextAnswer(TerminalSimulator.Answer.PIN);
        long t0 = System.nanoTime();
        ZvtOutcome o = client.authorize(999, listener);
        assertThat(o.approved()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
        assertThat(statuses).contains(IntermediateStatus.WATCH_PIN_PAD);
    }

    @Test
    void aSilentTerminalTimesOutAndBooksNothing() throws Exception {
        terminal.nextAnswer(TerminalSimulator.Answer.TIMEOUT);
        assertThatThrownBy(() -> client.authorize(246, listener)).isInstanceOf(ZvtTimeoutException.class);
        assertThat(terminal.journal()).isEmpty();
    }

    @Test
    void aPaymentBookedWhenTheLinkWasLostIsFoundByRepeatReceiptAndReversed() throws Exception {
        terminal.nextAnswer(TerminalSimulator.Answer.DISCONNECT);
        assertThatThrownBy(() -> client.authorize(500, listener)).isInstanceOf(IOException.class);
        // the ECR does not know: it asks the terminal for its last receipt
        ZvtOutcome last = client.repeatReceipt(listener);
        assertThat(last.approved()).isTrue();
        assertThat(last.status().amountMinor()).isEqualTo(500);
        assertThat(printed).contains("*** KOPIE / COPY ***");
        int receipt = last.status().receiptNumber().intValue();
        ZvtOutcome reversal = client.reverse(receipt, listener);
        assertThat(reversal.approved()).isTrue();
        assertThat(reversal.status().amountMinor()).isEqualTo(500);
        assertThat(terminal.approvedPayments()).isZero();
        assertThat(terminal.reversals()).isEqualTo(1);
        // reversed once only; an unknown receipt cannot be reversed
        assertThat(client.reverse(receipt, listener).abortCode()).isEqualTo(ResultCode.ALREADY_REVERSED);
        assertThat(client.reverse(4711, listener).abortCode()).isEqualTo(ResultCode.REVERSAL_NOT_POSSIBLE);
        assertThat(terminal.reversals()).isEqualTo(1);
    }

    @Test
    void theShopperAbortsWhileTheTerminalWaitsForTheCard() throws Exception {
        terminal.close();
        terminal = TerminalSimulator.start("127.0.0.1", 0, 52500038, Duration.ofSeconds(10), Duration.ofMillis(600));
        client = new ZvtClient(new ZvtClient.Options("127.0.0.1", terminal.port(), 0, 978, Duration.ofSeconds(5), Duration.ofSeconds(15)));
        CompletableFuture<ZvtOutcome> pay = CompletableFuture.supplyAsync(() -> {
            try {
                return client.authorize(246, listener);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        long t0 = System.nanoTime();
        while (!statuses.contains(IntermediateStatus.INSERT_CARD)) {
            assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(5));
            Thread.sleep(10);
        }
        assertThat(client.abort()).isTrue();
        ZvtOutcome o = pay.get(5, TimeUnit.SECONDS);
        assertThat(o.approved()).isFalse();
        assertThat(o.abortCode()).isEqualTo(ResultCode.ABORTED);
        assertThat(terminal.journal()).isEmpty();
        assertThat(client.abort()).isFalse(); // nothing runs any more
    }

    @Test
    void endOfDayReportsTheBatchTotalsAndStartsANewBatch() throws Exception {
        client.authorize(246, listener);
        client.authorize(199, listener);
        ZvtOutcome third = client.authorize(1000, listener);
        client.reverse(third.status().receiptNumber().intValue(), listener);
        ZvtOutcome eod = client.endOfDay(listener);
        assertThat(eod.approved()).isTrue();
        assertThat(eod.status().amountMinor()).isEqualTo(445);
        assertThat(eod.status().totals().count()).isEqualTo(2);
        assertThat(eod.status().totals().turnoverMinor()).isEqualTo(445);
        assertThat(eod.status().totals().firstReceipt()).isEqualTo(1);
        assertThat(eod.status().totals().lastReceipt()).isEqualTo(4);
        assertThat(eod.receipts().get(0).receiptType()).isEqualTo(PrintOutput.ADMINISTRATION);
        assertThat(client.endOfDay(listener).status().amountMinor()).isZero();
    }

    @Test
    void statusEnquiryAndMalformedCommands() throws Exception {
        ZvtOutcome o = client.statusEnquiry(listener);
        assertThat(o.completed()).isTrue();
        assertThat(o.status().resultCode()).isEqualTo(ResultCode.SUCCESS);
        // an authorisation without an amount is refused at once (84 9A, protocol error), nothing booked
        ZvtOutcome refused = client.run(Apdu.of(Apdu.AUTHORIZATION), listener);
        assertThat(refused.abortCode()).isEqualTo(ResultCode.PROTOCOL_ERROR);
        assertThat(client.repeatReceipt(listener).abortCode()).isEqualTo(ResultCode.NO_TRANSACTION);
        assertThat(terminal.journal()).isEmpty();
    }

    @Test
    void noTerminalListeningIsAnIoError() {
        int port = terminal.port();
        terminal.close();
        ZvtClient nobody = new ZvtClient(ZvtClient.Options.of("127.0.0.1", port));
        assertThatThrownBy(() -> nobody.authorize(246, listener)).isInstanceOf(IOException.class);
    }
}
