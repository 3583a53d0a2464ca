package com.freshscale.device.vision;

import java.util.Objects;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * The normalised crop of an item as the gallery keeps it: a small JPEG (~5 kB at the model's resize size),
 * enough to re-embed the example for a retrained model. Encoded only when asked for, i.e. when the example
 * is kept (a confirmed sale, a taught item): encoding costs ~0.7 ms of CPU that the shopper would otherwise
 * wait for on every item put on the platter, most of which are never stored.
 */
public final class Thumbnail {
    private static final int JPEG_QUALITY = 90;

    private Mat crop;
    private byte[] jpeg;

    private Thumbnail(Mat crop, byte[] jpeg) {
        this.crop = crop;
        this.jpeg = jpeg;
    }

    /**
     * The crop (8-bit BGR, already at the size to keep; not modified afterwards), encoded when first asked for.
     * The thumbnail owns {@code crop}: it is released once encoded.
     */
    public static Thumbnail of(Mat crop) {
        if (Objects.requireNonNull(crop, "crop").empty()) throw new IllegalArgumentException("empty crop");
        return new Thumbnail(crop, null);
    }

    /** An already encoded thumbnail. */
    public static Thumbnail ofJpeg(byte[] jpeg) {
        return new Thumbnail(null, Objects.requireNonNull(jpeg, "jpeg"));
    }

    /** The JPEG bytes; encoded on the first call (then the crop is let go). */
    public synchronized byte[] jpeg() {
        if (jpeg == null) {
            MatOfByte buf = new MatOfByte();
            try {
                if (!Imgcodecs.imencode(".jpg", crop, buf, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, JPEG_QUALITY))) {
                    throw new IllegalStateException("cannot encode the thumbnail as JPEG");
                }
                jpeg = buf.toArray();
            } finally {
                buf.release();
            }
            crop.release();
            crop = null;
        }
        return jpeg;
    }
}
