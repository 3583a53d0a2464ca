package com.freshscale.device.label;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.device.label.printer.PrinterFault;
import com.freshscale.device.label.printer.SimulatedPrinter;
import com.freshscale.device.store.DeviceDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelSpoolerTest {
    @TempDir
    Path dir;

    @Test
    void aLabelNotPrintedIsKeptAndReprintsIdentically() throws Exception {
        Path spool = dir.resolve("printer");
        SimulatedPrinter printer = new SimulatedPrinter(spool, "zpl");
        DeviceDatabase db = DeviceDatabase.open(dir.resolve("scale.db"));
        Clock clock = Clock.fixed(SampleLabels.AT, ZoneOffset.UTC);
        LabelSpooler spooler = new LabelSpooler(db, printer, LabelFormat.ZPL, clock);
        Label label = SampleLabels.label(SampleLabels.bananas(), "en");

        PrintOutcome first = spooler.print("sale-1", 1, label);
        assertThat(first.printed()).isTrue();
        assertThat(spooler.latestForSale("sale-1").orElseThrow().status()).isEqualTo(LabelJob.Status.PRINTED);

        printer.setPaperOut(true);
        PrintOutcome second = spooler.print("sale-2", 2, label);
        assertThat(second.printed()).isFalse();
        assertThat(second.fault()).isEqualTo(PrinterFault.PAPER_OUT);
        assertThat(spooler.lastFault()).contains(PrinterFault.PAPER_OUT);
        LabelJob waiting = spooler.latestForSale("sale-2").orElseThrow();
        assertThat(waiting.status()).isEqualTo(LabelJob.Status.NOT_PRINTED);
        assertThat(waiting.message()).contains("out of labels");
        assertThat(waiting.printedAt()).isNull();

        // the scale restarts: the job is still there
        LabelSpooler afterRestart = new LabelSpooler(DeviceDatabase.open(dir.resolve("scale.db")), printer, LabelFormat.ZPL, clock);
        assertThat(afterRestart.notPrinted()).extracting(LabelJob::saleId).containsExactly("sale-2");

        printer.setPaperOut(false);
        PrintOutcome reprint = afterRestart.reprint(second.jobId());
        assertThat(reprint.printed()).isTrue();
        assertThat(afterRestart.lastFault()).isEmpty();
        LabelJob done = afterRestart.job(second.jobId()).orElseThrow();
        assertThat(done.status()).isEqualTo(LabelJob.Status.PRINTED);
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(done.fault()).isNull();
        assertThat(afterRestart.notPrinted()).isEmpty();
        assertThat(Files.readAllBytes(spool.resolve("label-000002.zpl"))).isEqualTo(LabelFormat.ZPL.render(label));
    }

    @Test
    void aLabelFileNamesTheSaleItBelongsToEvenAfterAFailedPrint() throws Exception {
        // issue 11, why 8: label-N.zpl counted print jobs, so after one failed print it named another sale
        Path spool = dir.resolve("printer");
        SimulatedPrinter printer = new SimulatedPrinter(spool, "zpl");
        LabelSpooler spooler = new LabelSpooler(DeviceDatabase.open(dir.resolve("scale.db")), printer, LabelFormat.ZPL,
                Clock.fixed(SampleLabels.AT, ZoneOffset.UTC));
        Label label = SampleLabels.label(SampleLabels.bananas(), "en");
        printer.setPaperOut(true);
        PrintOutcome failed = spooler.print("sale-7", 7, label);
        assertThat(failed.printed()).isFalse();
        printer.setPaperOut(false);
        spooler.print("sale-8", 8, label);
        assertThat(spool.resolve("label-000008.zpl")).exists();
        assertThat(spool.resolve("label-000007.zpl")).as("sale 7's label has not printed").doesNotExist();
        spooler.reprint(failed.jobId());
        assertThat(spool.resolve("label-000007.zpl")).exists();
        try (var files = Files.list(spool)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("label-000007.zpl", "label-000008.zpl");
        }
    }

    @Test
    void pruningDeletesOldPrintedJobsOnlyAndKeepsThoseWaitingForAReprint() {
        SimulatedPrinter printer = new SimulatedPrinter(dir.resolve("printer"), "zpl");
        DeviceDatabase db = DeviceDatabase.open(dir.resolve("scale.db"));
        Label label = SampleLabels.label(SampleLabels.bananas(), "en");
        LabelSpooler lastWeek = new LabelSpooler(db, printer, LabelFormat.ZPL,
                Clock.fixed(SampleLabels.AT.minus(Duration.ofDays(8)), ZoneOffset.UTC));
        long old = lastWeek.print("old-printed", 1, label).jobId();
        printer.setOffline(true);
        long waiting = lastWeek.print("old-not-printed", 2, label).jobId();
        printer.setOffline(false);
        LabelSpooler today = new LabelSpooler(db, printer, LabelFormat.ZPL, Clock.fixed(SampleLabels.AT, ZoneOffset.UTC));
        long recent = today.print("today", 3, label).jobId();

        assertThat(today.prunePrinted(Duration.ofDays(7))).isEqualTo(1);
        assertThat(today.job(old)).isEmpty();
        assertThat(today.job(waiting)).isPresent();
        assertThat(today.job(recent)).isPresent();
    }
}
