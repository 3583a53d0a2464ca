package com.freshscale.device.label;

import com.freshscale.device.label.printer.PrinterFault;
import java.time.Instant;

/**
 * A label rendered for a sale, as kept in table {@code label_job}.
 *
 * @param status    PENDING while being sent (or if the scale lost power meanwhile), PRINTED, NOT_PRINTED
 * @param fault     the last printer fault, null when printed
 * @param message   the last printer message, null when printed
 * @param attempts  how many times it was sent
 * @param printedAt when the printer took it, null if it has not
 */
public record LabelJob(long id, String saleId, LabelFormat format, Status status, PrinterFault fault, String message,
        int attempts, Instant createdAt, Instant printedAt) {

    public enum Status { PENDING, PRINTED, NOT_PRINTED }
}
