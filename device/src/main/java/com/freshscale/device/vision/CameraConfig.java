package com.freshscale.device.vision;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Section {@code camera} of the scale's config file.
 *
 * <pre>
 * camera:
 *   source: v4l2          # v4l2 | images | mjpg | stills
 *   device: 0             # v4l2: /dev/videoN (the Pi camera via libcamera's V4L2 compatibility layer too)
 *   path: ""              # images: printf pattern (frames/f_%04d.jpg); mjpg: file; stills: folder
 *   width: 1280
 *   height: 720
 *   flushFrames: 4        # v4l2: frames dropped per grab so the frame is from now, not the driver's queue
 * </pre>
 */
public record CameraConfig(
        Source source,
        int device,
        String path,
        int width,
        int height,
        int flushFrames) {

    /** Where frames come from. */
    public enum Source {
        @JsonProperty("v4l2") V4L2,
        @JsonProperty("images") IMAGES,
        @JsonProperty("mjpg") MJPG,
        @JsonProperty("stills") STILLS
    }

    public CameraConfig {
        if (source == null) throw new IllegalArgumentException("camera.source is required (v4l2, images, mjpg or stills)");
        if (device < 0) throw new IllegalArgumentException("camera.device must be >= 0, got " + device);
        if (width < 64 || height < 64 || width > 4096 || height > 4096) {
            throw new IllegalArgumentException("camera.width/height must be 64..4096, got " + width + "x" + height);
        }
        if (flushFrames < 0 || flushFrames > 30) throw new IllegalArgumentException("camera.flushFrames must be 0..30");
        if (source != Source.V4L2 && (path == null || path.isBlank())) {
            throw new IllegalArgumentException("camera.path is required for source " + source.name().toLowerCase());
        }
        if (path == null) path = "";
    }

    /** Opens the camera this section describes. */
    public Camera open() {
        return switch (source) {
            case V4L2 -> V4l2Camera.open(device, width, height, flushFrames);
            case IMAGES -> VideoFileCamera.imageSequence(path);
            case MJPG -> VideoFileCamera.mjpg(java.nio.file.Path.of(path));
            case STILLS -> StillsCamera.folder(java.nio.file.Path.of(path), width, height);
        };
    }
}
