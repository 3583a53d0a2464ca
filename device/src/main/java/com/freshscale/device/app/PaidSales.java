package com.freshscale.device.app;

import com.freshscale.device.label.LabelJob;
import com.freshscale.device.label.LabelSpooler;
import com.freshscale.device.payment.CardPayments;
import com.freshscale.device.sync.ScaleSync;
import com.freshscale.protocol.sales.Sale;
import java.util.Optional;

/** The card payments' view of the scale's sales: the outbox says where a sale's label stands, the spooler whether it printed. */
final class PaidSales implements CardPayments.Sales {
    private final ScaleSync sync;
    private final LabelSpooler spooler;

    PaidSales(ScaleSync sync, LabelSpooler spooler) {
        this.sync = sync;
        this.spooler = spooler;
    }

    @Override
    public Optional<String> labelState(String saleId) {
        Optional<String> state = sync.outbox().labelState(saleId);
        if (state.filter("WAITING"::equals).isPresent()
                && spooler.latestForSale(saleId).filter(j -> j.status() == LabelJob.Status.PRINTED).isPresent()) {
            // the printer took the PAID label before the scale could say so: the shopper has it, the sale counts
            sync.labelPrinted(saleId);
            return Optional.of("PRINTED");
        }
        return state;
    }

    @Override
    public void voidWaiting(String saleId, String reason) {
        for (Sale s : sync.outbox().waiting()) {
            if (s.saleId().equals(saleId)) sync.voidSale(s.voided(reason), reason);
        }
    }
}
