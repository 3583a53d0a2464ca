package com.freshscale.device.payment;

/** Where a card payment at the scale stands (table {@code payment}, V601). */
public enum PaymentState {
    /** Written before the authorisation is sent: the terminal may have booked it or not. */
    AUTHORISING,
    /** The link was lost or the terminal fell silent during the authorisation: booked or not is not known yet. */
    UNKNOWN,
    /** Approved by the terminal; the PAID label is not out yet. */
    APPROVED,
    /** The PAID label printed and the sale went to HQ as paid at the scale. */
    COMPLETED,
    /** Written before the reversal is sent. */
    REVERSING,
    /** Reversed at the terminal: the shopper was charged nothing in the end. */
    REVERSED,
    /** The bank declined: nothing booked. */
    DECLINED,
    /** The shopper (or the terminal) aborted before a card was read: nothing booked. */
    ABORTED,
    /** The terminal could not run the payment, or it was never booked: nothing booked. */
    FAILED,
    /** The terminal refused the reversal (e.g. after its end-of-day): staff must refund the shopper. */
    REVERSAL_FAILED;

    /** Nothing more will happen to the payment. */
    public boolean settled() {
        return switch (this) {
            case COMPLETED, REVERSED, DECLINED, ABORTED, FAILED, REVERSAL_FAILED -> true;
            default -> false;
        };
    }
}
