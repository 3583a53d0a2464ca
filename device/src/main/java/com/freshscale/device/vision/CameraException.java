package com.freshscale.device.vision;

/** The camera cannot be opened or delivers no frame; the message names the device or file. */
public final class CameraException extends RuntimeException {
    public CameraException(String message) {
        super(message);
    }
}
