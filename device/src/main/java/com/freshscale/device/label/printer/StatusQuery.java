package com.freshscale.device.label.printer;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Asking a network printer whether it can print before sending the label, in its own language. Only
 * bidirectional transports (raw TCP) use it; a fault found here leaves the job unsent.
 */
public enum StatusQuery {
    /**
     * ZPL {@code ~HS} host status (ZPL II Programming Guide, ~HS): three STX…ETX strings; string 1 field 2 is
     * the paper-out flag and field 3 the pause flag, string 2 field 3 is the head-up flag.
     */
    ZPL("~HS".getBytes(StandardCharsets.US_ASCII)) {
        @Override
        boolean complete(byte[] reply, int length) {
            int etx = 0;
            for (int i = 0; i < length; i++) if (reply[i] == 0x03) etx++;
            return etx >= 3;
        }

        @Override
        Optional<PrinterException> fault(byte[] reply, int length) {
            String[] strings = new String(reply, 0, length, StandardCharsets.US_ASCII).split("\u0003");
            String[] one = strings[0].replace("\u0002", "").trim().split(",");
            String[] two = strings.length > 1 ? strings[1].replace("\u0002", "").trim().split(",") : new String[0];
            if (one.length < 3 || two.length < 3) {
                return Optional.of(new PrinterException(PrinterFault.ERROR, "printer sent an unreadable ~HS status"));
            }
            if ("1".equals(one[1])) return Optional.of(new PrinterException(PrinterFault.PAPER_OUT, "printer is out of labels"));
            if ("1".equals(two[2])) return Optional.of(new PrinterException(PrinterFault.NEEDS_ATTENTION, "printer head is open"));
            if ("1".equals(one[2])) return Optional.of(new PrinterException(PrinterFault.NEEDS_ATTENTION, "printer is paused"));
            return Optional.empty();
        }
    },
    /**
     * TSPL {@code <ESC>!?} (TSPL/TSPL2 manual, real-time status): one byte, 0 when ready; bit 0 head open,
     * bit 1 paper jam, bit 2 out of paper, bit 3 out of ribbon, bit 4 pause, bit 5 printing, bit 7 other error.
     */
    TSPL(new byte[] {0x1B, '!', '?'}) {
        @Override
        boolean complete(byte[] reply, int length) {
            return length >= 1;
        }

        @Override
        Optional<PrinterException> fault(byte[] reply, int length) {
            int s = reply[0] & 0xFF;
            if ((s & 0x04) != 0) return Optional.of(new PrinterException(PrinterFault.PAPER_OUT, "printer is out of labels"));
            if ((s & 0x01) != 0) return Optional.of(new PrinterException(PrinterFault.NEEDS_ATTENTION, "printer head is open"));
            if ((s & 0x02) != 0) return Optional.of(new PrinterException(PrinterFault.NEEDS_ATTENTION, "labels are jammed"));
            if ((s & 0x10) != 0) return Optional.of(new PrinterException(PrinterFault.NEEDS_ATTENTION, "printer is paused"));
            if ((s & 0x88) != 0) return Optional.of(new PrinterException(PrinterFault.ERROR, "printer reports an error (status 0x"
                    + Integer.toHexString(s) + ")"));
            return Optional.empty(); // 0x20 "printing" is not a fault
        }
    },
    /** ESC/POS {@code DLE EOT 4} paper roll sensor status: bits 5 and 6 set when the paper has run out. */
    ESCPOS(new byte[] {0x10, 0x04, 0x04}) {
        @Override
        boolean complete(byte[] reply, int length) {
            return length >= 1;
        }

        @Override
        Optional<PrinterException> fault(byte[] reply, int length) {
            if ((reply[0] & 0x60) == 0x60) return Optional.of(new PrinterException(PrinterFault.PAPER_OUT, "printer is out of paper"));
            return Optional.empty();
        }
    };

    private final byte[] request;

    StatusQuery(byte[] request) {
        this.request = request;
    }

    byte[] request() {
        return request.clone();
    }

    /** True once {@code reply[0..length)} holds the whole answer. */
    abstract boolean complete(byte[] reply, int length);

    /** The fault the answer reports, if any. */
    abstract Optional<PrinterException> fault(byte[] reply, int length);
}
