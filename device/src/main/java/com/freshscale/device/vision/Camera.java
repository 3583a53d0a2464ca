package com.freshscale.device.vision;

import org.opencv.core.Mat;

/**
 * The camera looking down on the platter. {@link #grab()} returns the newest frame as 8-bit BGR (OpenCV's
 * order); the caller owns the returned Mat. Implementations: {@link V4l2Camera} (the real camera),
 * {@link VideoFileCamera} (an image sequence or MJPG file, for tests and replaying a recorded session) and
 * {@link StillsCamera} (the demo's simulated platter).
 */
public interface Camera extends AutoCloseable {

    /** The newest frame; a {@link CameraException} if the camera delivers none. */
    Mat grab();

    /** What this camera is, for logs and the status page. */
    String describe();

    @Override
    void close();
}
