package com.freshscale.device.payment.zvt;

import java.util.List;

/**
 * How a command the PT ran ended: completion (06 0F) or abort (06 1E with its error byte), with the status
 * information and receipt text it sent on the way.
 *
 * @param completed   true for 06 0F, false for 06 1E
 * @param abortCode   the error byte of 06 1E (see {@link ResultCode}), or -1 after a completion
 * @param status      the last status information (04 0F), or null if the PT sent none
 * @param receipts    receipt text in the order the PT sent it
 */
public record ZvtOutcome(boolean completed, int abortCode, StatusInformation status, List<PrintOutput> receipts) {
    public ZvtOutcome {
        receipts = List.copyOf(receipts);
    }

    /** A payment (or reversal) is approved only by a completion whose status information says success. */
    public boolean approved() {
        return completed && status != null && status.approved();
    }

    /** The result to show: the status information's, else the abort's error. */
    public int resultCode() {
        if (status != null) return status.resultCode();
        return completed ? ResultCode.SUCCESS : abortCode;
    }

    public List<String> receiptLines() {
        return receipts.stream().flatMap(p -> p.lines().stream()).toList();
    }
}
