package com.freshscale.device.config;

/** A configuration value is missing or invalid; the scale refuses to start the affected function. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
