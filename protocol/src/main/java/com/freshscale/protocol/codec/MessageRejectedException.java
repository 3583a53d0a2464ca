package com.freshscale.protocol.codec;

/** A message that is malformed, of an unknown schema, too large, or from the wrong store/scale. */
public final class MessageRejectedException extends Exception {
    private final Rejection.Reason reason;

    public MessageRejectedException(Rejection.Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public MessageRejectedException(Rejection.Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Rejection.Reason reason() {
        return reason;
    }
}
