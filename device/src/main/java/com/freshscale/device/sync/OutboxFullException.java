package com.freshscale.device.sync;

/**
 * The outbox holds {@code outboxCapacity} unacknowledged sales: the scale must not print another label
 * until the server has acknowledged some, or sales could be lost.
 */
public final class OutboxFullException extends RuntimeException {
    public OutboxFullException(String message) {
        super(message);
    }
}
