package com.freshscale.device.sync;

import com.freshscale.protocol.sales.Sale;
import java.util.List;
import java.util.Optional;

/**
 * Where the scale keeps its sales until HQ has them: a sale is held before its label is sent, queued for HQ once the
 * label printed, voided if it never did (issue 11). The app's is {@link ScaleSync} (which also nudges the publisher);
 * a bare {@link SalesOutbox} serves tools and fault tests that run without a broker.
 */
public interface SaleLedger {
    void hold(Sale sale);

    boolean labelPrinted(String saleId);

    boolean voidSale(Sale voided, String reason);

    /**
     * The printed label of sale {@code saleId} is void after the fact (its card payment reversed), as of {@code at} (the
     * sale's {@code voidedAt}); false if not printed.
     */
    boolean refund(String saleId, String reason, java.time.Instant at);

    List<Sale> waiting();

    Optional<String> labelState(String saleId);

    static SaleLedger of(ScaleSync sync) {
        return new SaleLedger() {
            @Override
            public void hold(Sale sale) {
                sync.holdSale(sale);
            }

            @Override
            public boolean labelPrinted(String saleId) {
                return sync.labelPrinted(saleId);
            }

            @Override
            public boolean voidSale(Sale voided, String reason) {
                return sync.voidSale(voided, reason);
            }

            @Override
            public boolean refund(String saleId, String reason, java.time.Instant at) {
                return sync.refundSale(saleId, reason, at);
            }

            @Override
            public List<Sale> waiting() {
                return sync.outbox().waiting();
            }

            @Override
            public Optional<String> labelState(String saleId) {
                return sync.outbox().labelState(saleId);
            }
        };
    }

    static SaleLedger of(SalesOutbox outbox) {
        return new SaleLedger() {
            @Override
            public void hold(Sale sale) {
                outbox.hold(sale);
            }

            @Override
            public boolean labelPrinted(String saleId) {
                return outbox.release(saleId);
            }

            @Override
            public boolean voidSale(Sale voided, String reason) {
                return outbox.voidSale(voided, reason);
            }

            @Override
            public boolean refund(String saleId, String reason, java.time.Instant at) {
                return outbox.refund(saleId, reason, at);
            }

            @Override
            public List<Sale> waiting() {
                return outbox.waiting();
            }

            @Override
            public Optional<String> labelState(String saleId) {
                return outbox.labelState(saleId);
            }
        };
    }
}
