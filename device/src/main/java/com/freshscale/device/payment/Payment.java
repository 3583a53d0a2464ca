package com.freshscale.device.payment;

import java.time.Instant;

/**
 * One card payment at the scale as the journal holds it.
 *
 * @param reference       terminal id / receipt number / trace number, as the sale carries it to HQ
 *                        ({@code Sale.paymentReference}); null until approved
 * @param reversalReceipt the receipt number of its reversal, once reversed
 */
public record Payment(long id, String saleId, long amountMinor, String currency, PaymentState state, Long terminalId,
                      Long receiptNumber, Long traceNumber, String reference, Long reversalReceipt, Integer resultCode,
                      String detail, Instant startedAt, Instant updatedAt) {

    /** The reference printed on the label and sent to HQ: {@code 52500038/0117/000042}. */
    public static String reference(long terminalId, long receipt, long trace) {
        return String.format("%08d/%04d/%06d", terminalId, receipt, trace);
    }
}
