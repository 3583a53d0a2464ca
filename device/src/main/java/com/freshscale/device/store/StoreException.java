package com.freshscale.device.store;

/** The local database could not be read or written. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
