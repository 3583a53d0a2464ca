package com.freshscale.device.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.freshscale.device.label.Label;
import com.freshscale.device.label.LabelComposer;
import com.freshscale.device.label.LabelElement;
import com.freshscale.device.label.LabelFormat;
import com.freshscale.device.label.LabelJob;
import com.freshscale.device.label.LabelSpooler;
import com.freshscale.device.label.LabelStock;
import com.freshscale.device.label.PrintOutcome;
import com.freshscale.device.label.printer.LabelPrinter;
import com.freshscale.device.label.printer.PrinterException;
import com.freshscale.device.label.printer.PrinterFault;
import com.freshscale.device.store.DeviceDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A label the printer reported as not printed after it had the job (a TCP timeout once the printer took it) may be in the
 * shopper's hand: it goes out again only as a copy marked KOPIE, and a PAID one not at all. One refused before it was sent
 * is the only one: it goes out again as it was.
 */
class LabelResendTest {
    /** A printer that takes every job (keeps it: it came out) and then, when told, reports a fault as if it had not. */
    static final class TakesThenFails implements LabelPrinter {
        final List<String> out = new CopyOnWriteArrayList<>();
        volatile PrinterException next;

        @Override
        public void print(byte[] job) throws PrinterException {
            PrinterException e = next;
            next = null;
            if (e != null && !e.mayHavePrinted()) throw e; // refused before it was sent: nothing came out
            out.add(new String(job, StandardCharsets.ISO_8859_1));
            if (e != null) throw e; // it came out, but the printer's answer was a fault
        }

        @Override
        public String describe() {
            return "test";
        }
    }

    final TakesThenFails printer = new TakesThenFails();
    final Set<String> paidSales = new java.util.HashSet<>();
    LabelSpooler spooler;
    LabelResend resend;

    @BeforeEach
    void open(@TempDir Path dir) {
        spooler = new LabelSpooler(DeviceDatabase.open(dir.resolve("scale.db")), printer, LabelFormat.ZPL, Clock.systemUTC());
        resend = new LabelResend(spooler, () -> new LabelComposer(LabelStock.DEFAULT).copyMark("de"), LabelStock.DEFAULT,
                saleId -> false, paidSales::contains);
    }

    private static Label label(String text) {
        return new Label(LabelStock.DEFAULT, List.of(new LabelElement.Text(10, 10, 30, false, text)));
    }

    @Test
    void aLabelThatTimedOutAfterThePrinterTookItIsSentAgainOnlyAsAMarkedCopy() {
        printer.next = new PrinterException(PrinterFault.TIMEOUT, "printer did not answer within 3000 ms");
        PrintOutcome first = spooler.print("sale-1", 1, label("Bananen 1,99"));
        assertThat(first.printed()).isFalse();
        assertThat(first.mayHavePrinted()).isTrue();
        assertThat(printer.out).hasSize(1).allMatch(l -> !l.contains("KOPIE")); // in the shopper's hand all the same

        LabelResend.Resent again = resend.resend(first.jobId());
        assertThat(again.outcome().printed()).isTrue();
        assertThat(again.copy()).isTrue();
        assertThat(printer.out).hasSize(2);
        assertThat(printer.out.get(1)).as("the second is marked a copy").contains("*** KOPIE ***").contains("Bananen 1,99");
        assertThat(spooler.job(first.jobId()).orElseThrow().status()).as("the sale has a label now").isEqualTo(LabelJob.Status.PRINTED);
    }

    @Test
    void aPaidLabelThatMayHavePrintedIsNeverSentAgain() {
        paidSales.add("sale-2");
        printer.next = new PrinterException(PrinterFault.TIMEOUT, "printer did not answer within 3000 ms");
        PrintOutcome first = spooler.print("sale-2", 2, label("BEZAHLT 1,99"));
        // a later attempt that surely did not send it does not make the first one's fate known
        printer.next = PrinterException.notSent(PrinterFault.OFFLINE, "printer does not answer");
        assertThat(spooler.reprint(first.jobId()).printed()).isFalse();
        assertThat(spooler.job(first.jobId()).orElseThrow().surelyNotPrinted()).isFalse();
        assertThatThrownBy(() -> resend.resend(first.jobId())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PAID label").hasMessageContaining("may have printed");
        assertThat(printer.out).hasSize(1);
    }

    @Test
    void aLabelRefusedBeforeItWasSentGoesOutAgainAsItWasPaidOrNot() {
        paidSales.add("sale-3");
        printer.next = PrinterException.notSent(PrinterFault.PAPER_OUT, "printer is out of labels");
        PrintOutcome first = spooler.print("sale-3", 3, label("BEZAHLT 2,49"));
        assertThat(first.mayHavePrinted()).isFalse();
        assertThat(printer.out).isEmpty();
        LabelResend.Resent again = resend.resend(first.jobId());
        assertThat(again.outcome().printed()).isTrue();
        assertThat(again.copy()).isFalse();
        assertThat(printer.out).containsExactly(new String(LabelFormat.ZPL.render(label("BEZAHLT 2,49")), StandardCharsets.ISO_8859_1));
        // once out, a PAID label is never printed again
        assertThatThrownBy(() -> resend.resend(first.jobId())).hasMessageContaining("PAID label");
    }

    @Test
    void aFaultBeforeTheFirstByteIsSurelyNotPrintedAndOneAfterItMayBe() throws Exception {
        try (java.net.ServerSocket closed = new java.net.ServerSocket(0)) {
            int port = closed.getLocalPort();
            closed.close();
            var tcp = new com.freshscale.device.label.printer.TcpPrinter("127.0.0.1", port, java.time.Duration.ofMillis(500), null);
            assertThatThrownBy(() -> tcp.print(new byte[] {1})).isInstanceOfSatisfying(PrinterException.class,
                    e -> assertThat(e.mayHavePrinted()).as("nobody took the connection").isFalse());
        }
    }
}
