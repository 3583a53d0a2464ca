package com.freshscale.device.label;

import com.freshscale.device.label.printer.PrinterFault;
import java.time.Instant;

/**
 * A label rendered for a sale, as kept in table {@code label_job}.
 *
 * @param status         PENDING while being sent (or if the scale lost power meanwhile), PRINTED, NOT_PRINTED
 * @param fault          the last printer fault, null when printed
 * @param message        the last printer message, null when printed
 * @param attempts       how many times it was sent
 * @param printedAt      when the printer took it, null if it has not
 * @param mayHavePrinted NOT_PRINTED, but a fault after some attempt had sent it (V204): it may have come out all the same
 */
public record LabelJob(long id, String saleId, LabelFormat format, Status status, PrinterFault fault, String message,
        int attempts, Instant createdAt, Instant printedAt, boolean mayHavePrinted) {

    public enum Status { PENDING, PRINTED, NOT_PRINTED }

    /**
     * Whether this label certainly never came out: the printer said NOT_PRINTED each time, and each time before it was
     * sent the job. Only then may it be sent again as it is; otherwise a second one may join the first.
     */
    public boolean surelyNotPrinted() {
        return status == Status.NOT_PRINTED && !mayHavePrinted;
    }
}
