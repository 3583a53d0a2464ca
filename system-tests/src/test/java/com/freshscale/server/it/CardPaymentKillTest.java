package com.freshscale.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.device.payment.FaultPoint;
import com.freshscale.device.payment.PaymentJournal;
import com.freshscale.device.payment.PaymentState;
import com.freshscale.device.payment.zvt.sim.TerminalSimulator;
import com.freshscale.device.store.DeviceDatabase;
import com.freshscale.device.sync.SalesOutbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Nothing lost, nothing charged twice (issue 13): the scale is killed with SIGKILL at each step of a card payment
 * (a real separate JVM, the terminal simulator in this one), started again, and settles with the terminal. Counted
 * exactly: payments booked at the terminal and not reversed, reversals, sales counted (label printed, paid at the
 * scale), sales voided, and the payment's final state in the scale's journal.
 */
class CardPaymentKillTest {
    @TempDir
    Path dir;

    /**
     * step: where the scale is killed. answer: the terminal's answer. Then the exact counts after the restart.
     * authorising: journaled, the terminal not asked yet. answered: the terminal booked and said so, the scale died
     * before writing it down. approved: written down, the sale not recorded. held: the sale recorded, the PAID label
     * not sent. printed: the label out, the sale not yet released to HQ. released: the sale released, the payment not
     * marked complete. reversing: a link lost after booking, the reversal written down but not sent.
     */
    @ParameterizedTest(name = "killed at {0}")
    @CsvSource({
            // step,      answer,     booked, reversals, counted, voided, final state
            "authorising, APPROVE,    0,      0,         0,       0,      FAILED",
            "answered,    APPROVE,    0,      1,         0,       0,      REVERSED",
            "approved,    APPROVE,    0,      1,         0,       0,      REVERSED",
            "held,        APPROVE,    0,      1,         0,       1,      REVERSED",
            "printed,     APPROVE,    1,      0,         1,       0,      COMPLETED",
            "released,    APPROVE,    1,      0,         1,       0,      COMPLETED",
            "reversing,   DISCONNECT, 0,      1,         0,       0,      REVERSED",
    })
    void aScaleKilledAtEachStepOfAPaymentSettlesItWithTheTerminal(String step, TerminalSimulator.Answer answer, long booked,
            long reversals, int counted, int voided, PaymentState end) throws Exception {
        Path db = dir.resolve("scale.db");
        Path labels = Files.createDirectories(dir.resolve("labels"));
        try (TerminalSimulator terminal = TerminalSimulator.start("127.0.0.1", 0, 52500038, Duration.ofMillis(50), Duration.ofMillis(50))) {
            terminal.nextAnswer(answer);
            try (JavaProcess scale = new JavaProcess(PayingScaleProcess.class, Path.of("paying-scale-" + step + ".log"),
                    List.of("-D" + FaultPoint.PROPERTY + "=" + step), db.toString(), String.valueOf(terminal.port()), labels.toString(), "pay")) {
                scale.awaitLine("PAUSED " + step, Duration.ofSeconds(60));
                scale.kill();
            }
            try (JavaProcess again = new JavaProcess(PayingScaleProcess.class, Path.of("paying-scale-" + step + "-restart.log"),
                    List.of(), db.toString(), String.valueOf(terminal.port()), labels.toString(), "recover")) {
                again.awaitLine("RECOVERED", Duration.ofSeconds(60));
                again.awaitExit(Duration.ofSeconds(30));
            }
            assertThat(terminal.approvedPayments()).as("payments booked at the terminal, not reversed").isEqualTo(booked);
            assertThat(terminal.reversals()).as("reversals").isEqualTo(reversals);
        }
        DeviceDatabase d = DeviceDatabase.open(db);
        SalesOutbox outbox = new SalesOutbox(d, 1000, 900);
        try {
            List<String> queued = new ArrayList<>();
            outbox.pending(0, 100).forEach(e -> queued.add(e.sale().counted() ? "counted " + e.sale().paymentReference() : "voided"));
            assertThat(queued.stream().filter(q -> q.startsWith("counted 52500038/")).count()).as("sales counted, paid at the scale: " + queued)
                    .isEqualTo(counted);
            assertThat(queued.stream().filter(q -> q.equals("voided")).count()).as("sales voided").isEqualTo(voided);
            assertThat(queued).hasSize(counted + voided);
            assertThat(outbox.waiting()).as("nothing left waiting").isEmpty();
            PaymentJournal journal = new PaymentJournal(d, Clock.systemUTC());
            assertThat(journal.open()).as("nothing left open").isEmpty();
            assertThat(journal.newest(10)).hasSize(1);
            assertThat(journal.newest(10).get(0).state()).as(String.valueOf(journal.steps(journal.newest(10).get(0).id()))).isEqualTo(end);
        } finally {
            outbox.close();
        }
    }
}
