package com.freshscale.device.pricing;

/** The scale refuses to price: nothing may be recorded or printed. The message is fit to show the user. */
public final class PricingRefusedException extends Exception {
    private final RefusalReason reason;

    public PricingRefusedException(RefusalReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public RefusalReason reason() {
        return reason;
    }
}
