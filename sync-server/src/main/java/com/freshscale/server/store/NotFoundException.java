package com.freshscale.server.store;

/** A store, PLU, promotion or scheduled price that does not exist (HTTP 404). */
public final class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
