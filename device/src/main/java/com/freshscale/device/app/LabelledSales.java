package com.freshscale.device.app;

import com.freshscale.device.label.Label;
import com.freshscale.device.label.LabelJob;
import com.freshscale.device.label.LabelSpooler;
import com.freshscale.device.label.PrintOutcome;
import com.freshscale.device.label.printer.PrinterFault;
import com.freshscale.device.payment.CardPayments;
import com.freshscale.device.payment.FaultPoint;
import com.freshscale.device.payment.PaymentState;
import com.freshscale.device.store.StoreException;
import com.freshscale.device.sync.SaleLedger;
import com.freshscale.protocol.sales.Sale;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sale and its label, in the order that loses nothing: the sale is held before its label is sent (no label without
 * a sale), goes to HQ once the label printed (no sale without a label), and a sale paid at the scale completes its
 * card payment only then. What a kill left between those steps is put right at the next start
 * ({@link #recoverAtStart}). The shopper's sale ({@link SaleSession}) and the payment fault tests run this same code.
 */
public final class LabelledSales implements CardPayments.Sales {
    private static final Logger LOG = LoggerFactory.getLogger(LabelledSales.class);

    private final SaleLedger ledger;
    private final LabelSpooler spooler;
    private volatile CardPayments payments;

    public LabelledSales(SaleLedger ledger, LabelSpooler spooler) {
        this.ledger = ledger;
        this.spooler = spooler;
    }

    /** The card payments whose PAID labels this records (null: none). */
    public void payments(CardPayments payments) {
        this.payments = payments;
    }

    /**
     * Holds {@code sale} and prints {@code label}. Throws {@code OutboxFullException} or {@link StoreException} when
     * the sale cannot be recorded: then nothing was printed.
     */
    public PrintOutcome record(Sale sale, Label label) {
        boolean paid = sale.paymentReference() != null;
        ledger.hold(sale);
        if (paid) FaultPoint.reach("held");
        PrintOutcome outcome;
        try {
            outcome = spooler.print(sale.saleId(), sale.saleNumber(), label);
        } catch (StoreException e) {
            // the sale is recorded; the label could not even be stored: the shopper asks staff, HQ has the sale
            LOG.error("label of sale {} not stored: {}", sale.saleId(), e.getMessage());
            outcome = new PrintOutcome(0, false, PrinterFault.ERROR, e.getMessage());
        }
        if (outcome.printed()) {
            if (paid) FaultPoint.reach("printed");
            printed(sale.saleId());
        }
        return outcome;
    }

    /** The label of sale {@code saleId} printed (at once, or later after a printer fault): the sale counts. */
    public void printed(String saleId) {
        ledger.labelPrinted(saleId);
        CardPayments p = payments;
        if (p == null) return;
        Optional<com.freshscale.device.payment.Payment> payment = p.journal().forSale(saleId).filter(x -> x.state() == PaymentState.APPROVED);
        if (payment.isEmpty()) return;
        FaultPoint.reach("released");
        p.completed(payment.get());
    }

    /**
     * At start, before the first shopper: a sale whose label never printed is voided ({@code voider}), for its shopper
     * has gone, except a PAID label the printer took before the scale could say so (the shopper has it: it counts).
     * Then settle the card payments left open ({@link CardPayments#settleOpen}, on the terminal's thread): completed
     * if their label printed, else reversed.
     */
    public void recoverAtStart(BiConsumer<Sale, String> voider) {
        for (Sale s : ledger.waiting()) {
            boolean printed = s.paymentReference() != null
                    && spooler.latestForSale(s.saleId()).filter(j -> j.status() == LabelJob.Status.PRINTED).isPresent();
            if (printed) {
                LOG.warn("sale {} #{}: its PAID label printed before the scale restarted; counted", s.saleId(), s.saleNumber());
                printed(s.saleId());
            } else {
                voider.accept(s, "label not printed before the scale restarted");
            }
        }
    }

    // ---- what the card payments need of the sales ----

    @Override
    public Optional<String> labelState(String saleId) {
        Optional<String> state = ledger.labelState(saleId);
        if (state.filter("WAITING"::equals).isPresent()
                && spooler.latestForSale(saleId).filter(j -> j.status() == LabelJob.Status.PRINTED).isPresent()) {
            // the printer took the PAID label before the scale could say so: the shopper has it, the sale counts
            ledger.labelPrinted(saleId);
            return Optional.of("PRINTED");
        }
        return state;
    }

    @Override
    public boolean refunded(String saleId, String reason, java.time.Instant at) {
        return ledger.refund(saleId, reason, at);
    }

    @Override
    public void voidWaiting(String saleId, String reason, java.time.Instant at) {
        for (Sale s : ledger.waiting()) {
            if (s.saleId().equals(saleId)) ledger.voidSale(s.voided(reason, at), reason);
        }
    }
}
