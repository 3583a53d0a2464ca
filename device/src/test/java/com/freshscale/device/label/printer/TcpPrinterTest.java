package com.freshscale.device.label.printer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TcpPrinterTest {
    private static final byte[] JOB = "^XA^FO10,10^A0N,20,20^FDTest^FS^XZ".getBytes(StandardCharsets.US_ASCII);
    /** Generous, so that a loaded CI machine answering late is not taken for a printer fault. */
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** For the printer that never answers: the test waits this long for nothing. */
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(500);

    /** A ~HS answer: string 1 field 2 paper out, field 3 pause; string 2 field 3 head up. */
    static byte[] hostStatus(int paperOut, int pause, int headUp) {
        String s = "\u0002030," + paperOut + "," + pause + ",1245,000,0,0,0,000,0,0,0\u0003\r\n"
                + "\u0002001,0," + headUp + ",0,1,2,4,0,00000000,1,000\u0003\r\n"
                + "\u00021234,0\u0003\r\n";
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void theNetworkPrinterReceivesTheLabelByteForByte() throws Exception {
        byte[] label = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("src/test/resources/labels/bananas.zpl"));
        try (TestNetworkPrinter p = new TestNetworkPrinter()) {
            p.statusRequestLength = 3;
            p.statusReply = hostStatus(0, 0, 0);
            new TcpPrinter("127.0.0.1", p.port(), TIMEOUT, StatusQuery.ZPL).print(label);
            await().atMost(Duration.ofSeconds(30)).until(() -> p.jobs.size() == 1);
            assertThat(p.jobs.get(0)).isEqualTo(label);
        }
    }

    @Test
    void zplStatusQueryPassesAReadyPrinterAndStopsAtPaperOutOrOpenHead() throws Exception {
        try (TestNetworkPrinter p = new TestNetworkPrinter()) {
            p.statusRequestLength = 3;
            TcpPrinter printer = new TcpPrinter("127.0.0.1", p.port(), TIMEOUT, StatusQuery.ZPL);
            p.statusReply = hostStatus(0, 0, 0);
            printer.print(JOB);
            await().atMost(Duration.ofSeconds(30)).until(() -> p.jobs.size() == 1);

            p.statusReply = hostStatus(1, 0, 0);
            assertThatThrownBy(() -> printer.print(JOB)).isInstanceOfSatisfying(PrinterException.class,
                    e -> assertThat(e.fault()).isEqualTo(PrinterFault.PAPER_OUT));
            p.statusReply = hostStatus(0, 0, 1);
            assertThatThrownBy(() -> printer.print(JOB)).isInstanceOfSatisfying(PrinterException.class,
                    e -> assertThat(e.fault()).isEqualTo(PrinterFault.NEEDS_ATTENTION));
            assertThat(p.jobs).hasSize(1); // nothing sent to a printer that cannot print
        }
    }

    @Test
    void tsplAndEscPosStatusBytes() throws Exception {
        try (TestNetworkPrinter p = new TestNetworkPrinter()) {
            p.statusRequestLength = 3;
            p.statusReply = new byte[] {0x04};
            assertThatThrownBy(() -> new TcpPrinter("127.0.0.1", p.port(), TIMEOUT, StatusQuery.TSPL).print(JOB))
                    .isInstanceOfSatisfying(PrinterException.class, e -> assertThat(e.fault()).isEqualTo(PrinterFault.PAPER_OUT));
            p.statusReply = new byte[] {0x60};
            assertThatThrownBy(() -> new TcpPrinter("127.0.0.1", p.port(), TIMEOUT, StatusQuery.ESCPOS).print(JOB))
                    .isInstanceOfSatisfying(PrinterException.class, e -> assertThat(e.fault()).isEqualTo(PrinterFault.PAPER_OUT));
            p.statusReply = new byte[] {0x20}; // TSPL "printing": busy, not a fault
            new TcpPrinter("127.0.0.1", p.port(), TIMEOUT, StatusQuery.TSPL).print(JOB);
            await().atMost(Duration.ofSeconds(30)).until(() -> p.jobs.size() == 1);
        }
    }

    @Test
    void aPrinterThatDoesNotAnswerTheStatusQueryTimesOut() throws Exception {
        try (TestNetworkPrinter p = new TestNetworkPrinter()) {
            p.statusRequestLength = 3;
            p.statusReply = null;
            assertThatThrownBy(() -> new TcpPrinter("127.0.0.1", p.port(), SHORT_TIMEOUT, StatusQuery.ZPL).print(JOB))
                    .isInstanceOfSatisfying(PrinterException.class, e -> assertThat(e.fault()).isEqualTo(PrinterFault.TIMEOUT));
        }
    }

    @Test
    void aPrinterThatIsOffIsOffline() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        int closedPort = port;
        assertThatThrownBy(() -> new TcpPrinter("127.0.0.1", closedPort, SHORT_TIMEOUT, null).print(JOB))
                .isInstanceOfSatisfying(PrinterException.class, e -> {
                    assertThat(e.fault()).isEqualTo(PrinterFault.OFFLINE);
                    assertThat(e.getMessage()).contains("does not answer");
                });
    }
}
