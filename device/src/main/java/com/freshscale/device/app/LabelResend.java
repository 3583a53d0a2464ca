package com.freshscale.device.app;

import com.freshscale.device.label.LabelElement;
import com.freshscale.device.label.LabelJob;
import com.freshscale.device.label.LabelSpooler;
import com.freshscale.device.label.LabelStock;
import com.freshscale.device.label.PrintOutcome;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * How a stored label goes out again, from the shopper's retry, the printer coming back, or the service menu. A voided
 * sale's label never goes out. A label that surely never came out (the printer refused it before it was sent) is sent
 * again byte for byte: it is the only one. A label that came out, or may have (PENDING: the scale stopped while sending
 * it; NOT_PRINTED after a fault once the printer had the job, e.g. a TCP timeout after it took it), goes out only as a
 * copy marked KOPIE/COPY, so that staff and the till see a duplicate, and not at all when it is PAID: the till does not
 * charge its barcode, so a second one would be the item for free.
 */
final class LabelResend {
    /** What was sent: its outcome, and whether as a marked copy. */
    record Resent(PrintOutcome outcome, boolean copy) {}

    private final LabelSpooler spooler;
    private final Supplier<LabelElement.Text> copyMark;
    private final LabelStock stock;
    private final Predicate<String> voided;
    private final Predicate<String> paid;

    /**
     * @param voided whether a sale (by id) was voided
     * @param paid   whether a sale's label is a PAID one (approved at the card terminal, whatever came after)
     */
    LabelResend(LabelSpooler spooler, Supplier<LabelElement.Text> copyMark, LabelStock stock, Predicate<String> voided,
            Predicate<String> paid) {
        this.spooler = spooler;
        this.copyMark = copyMark;
        this.stock = stock;
        this.voided = voided;
        this.paid = paid;
    }

    /** Sends label job {@code jobId} again as the rules allow; IllegalArgumentException says why it must not go out. */
    Resent resend(long jobId) {
        LabelJob job = spooler.job(jobId).orElseThrow(() -> new IllegalArgumentException("no label job " + jobId));
        if (voided.test(job.saleId())) {
            throw new IllegalArgumentException("sale " + job.saleId() + " was voided: its label must not be printed");
        }
        if (job.surelyNotPrinted()) return new Resent(spooler.reprint(jobId), false);
        if (paid.test(job.saleId())) {
            throw new IllegalArgumentException("label job " + jobId + " is the PAID label of sale " + job.saleId()
                    + (job.status() == LabelJob.Status.PRINTED ? "" : ", and it may have printed")
                    + ": a PAID label is printed once, never again (the till would not charge the copy); reverse the "
                    + "payment (Card payments) and sell the item again");
        }
        return new Resent(spooler.printCopy(jobId, copyMark.get(), stock), true);
    }
}
