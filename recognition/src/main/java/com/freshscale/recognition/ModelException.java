package com.freshscale.recognition;

/** A model that cannot be read, built or run: the message says which file and why. */
public final class ModelException extends RuntimeException {
    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
