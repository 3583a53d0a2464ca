package com.freshscale.device.label.printer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPrintersTest {
    @TempDir
    Path dir;

    @Test
    void simulatedPrinterNamesJobsAfterWhatTheyAreAndFailsOnRequest() throws Exception {
        SimulatedPrinter p = new SimulatedPrinter(dir, "zpl");
        p.print("sale 12".getBytes(), "label-000012");
        assertThat(Files.readString(dir.resolve("label-000012.zpl"))).isEqualTo("sale 12");
        p.print("sale 12 again".getBytes(), "label-000012");
        assertThat(Files.readString(dir.resolve("label-000012.zpl"))).as("a reprint replaces its label").isEqualTo("sale 12 again");
        assertThatThrownBy(() -> p.print("x".getBytes(), "../escape")).isInstanceOf(IllegalArgumentException.class);
        p.print("one".getBytes());
        p.print("two".getBytes());
        assertThat(Files.readString(dir.resolve("job-000002.zpl"))).isEqualTo("two");
        assertThat(p.status()).isEmpty();

        Files.createFile(dir.resolve(SimulatedPrinter.PAPER_OUT_FILE));
        assertThat(p.status()).get().extracting(PrinterException::fault).isEqualTo(PrinterFault.PAPER_OUT);
        assertThatThrownBy(() -> p.print("three".getBytes())).isInstanceOfSatisfying(PrinterException.class,
                e -> assertThat(e.fault()).isEqualTo(PrinterFault.PAPER_OUT));
        Files.delete(dir.resolve(SimulatedPrinter.PAPER_OUT_FILE));
        p.setOffline(true);
        assertThat(p.status()).get().extracting(PrinterException::fault).isEqualTo(PrinterFault.OFFLINE);
        assertThatThrownBy(() -> p.print("three".getBytes(), "label-000013")).isInstanceOfSatisfying(PrinterException.class,
                e -> assertThat(e.fault()).isEqualTo(PrinterFault.OFFLINE));
        assertThat(dir.resolve("label-000013.zpl")).doesNotExist();
        assertThat(dir.resolve("job-000003.zpl")).doesNotExist();

        // a restarted scale continues the numbering of unnamed jobs instead of overwriting them
        new SimulatedPrinter(dir, "zpl").print("three".getBytes());
        assertThat(Files.readString(dir.resolve("job-000003.zpl"))).isEqualTo("three");
    }

    @Test
    void filePrinterReplacesTheFileWholeAndReportsAMissingFolder() throws Exception {
        Path file = dir.resolve("label.zpl");
        new FilePrinter(file).print("first".getBytes());
        new FilePrinter(file).print("second".getBytes());
        assertThat(Files.readString(file)).isEqualTo("second");
        assertThatThrownBy(() -> new FilePrinter(dir.resolve("missing/label.zpl")).print("x".getBytes()))
                .isInstanceOfSatisfying(PrinterException.class, e -> assertThat(e.fault()).isEqualTo(PrinterFault.OFFLINE));
    }

    @Test
    void characterDeviceAppendsJobsAndReportsUnpluggedAndStuckPrinters() throws Exception {
        Path device = dir.resolve("lp0");
        Files.createFile(device);
        CharacterDevicePrinter p = new CharacterDevicePrinter(device, Duration.ofMillis(400));
        p.print("a".getBytes());
        p.print("b".getBytes());
        assertThat(Files.readString(device)).isEqualTo("ab");

        assertThatThrownBy(() -> new CharacterDevicePrinter(dir.resolve("lp9"), Duration.ofMillis(400)).print("x".getBytes()))
                .isInstanceOfSatisfying(PrinterException.class, e -> assertThat(e.fault()).isEqualTo(PrinterFault.OFFLINE));

        // a FIFO nobody reads blocks like a printer out of paper
        Path fifo = dir.resolve("stuck");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        assertThatThrownBy(() -> new CharacterDevicePrinter(fifo, Duration.ofMillis(300)).print("x".getBytes()))
                .isInstanceOfSatisfying(PrinterException.class, e -> assertThat(e.fault()).isEqualTo(PrinterFault.TIMEOUT));
        try (InputStream release = Files.newInputStream(fifo)) {
            assertThat(release.readAllBytes()).containsExactly('x'); // the stuck writer finishes once read
        }
    }
}
