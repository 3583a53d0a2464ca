package com.freshscale.server.store;

/** The database failed (HTTP 503): nothing was changed. */
public final class DataException extends RuntimeException {
    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
