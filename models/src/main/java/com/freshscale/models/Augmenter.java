package com.freshscale.models;

import java.util.SplittableRandom;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Training-time augmentation, done with OpenCV because DJL's PyTorch engine has no image transforms for
 * training batches: one random affine warp (scale = random-resized crop, rotation — produce lies in any
 * orientation on the platter —, shift, mirror) straight to the network size, then photometric jitter.
 * Hue is jittered only a little: colour is what tells a Granny Smith from a Golden Delicious.
 */
final class Augmenter {
    private final int inputSize;
    private final double whiteBalance;

    /**
     * @param whiteBalance largest relative gain put on the red and on the blue channel (0 = none): lamps in
     *                     shops range from warm to cool white, and a camera's white balance follows them only
     *                     in part, so a photo from another store has another colour cast
     */
    Augmenter(int inputSize, double whiteBalance) {
        if (whiteBalance < 0 || whiteBalance >= 1) throw new IllegalArgumentException("white-balance jitter must be in [0, 1)");
        this.inputSize = inputSize;
        this.whiteBalance = whiteBalance;
    }

    /** An augmented {@code inputSize}² BGR view of {@code src} (a square image). */
    Mat apply(Mat src, SplittableRandom rnd) {
        double side = src.cols();
        // area fraction 0.35–1 of the source square, as in Inception's random-resized crop
        double cropSide = side * Math.sqrt(0.35 + 0.65 * rnd.nextDouble());
        double scale = inputSize / cropSide;
        double angle = rnd.nextDouble() * 360;
        double maxShift = (side - cropSide) / 2;
        double cx = side / 2 + (rnd.nextDouble() * 2 - 1) * maxShift;
        double cy = side / 2 + (rnd.nextDouble() * 2 - 1) * maxShift;
        Mat m = Imgproc.getRotationMatrix2D(new Point(cx, cy), angle, scale);
        // move the chosen centre to the centre of the output
        m.put(0, 2, m.get(0, 2)[0] + inputSize / 2.0 - cx);
        m.put(1, 2, m.get(1, 2)[0] + inputSize / 2.0 - cy);
        Mat out = new Mat();
        Imgproc.warpAffine(src, out, m, new Size(inputSize, inputSize), Imgproc.INTER_LINEAR, Core.BORDER_REFLECT_101);
        if (rnd.nextBoolean()) Core.flip(out, out, 1);
        jitter(out, rnd);
        if (whiteBalance > 0) {
            double red = 1 + (rnd.nextDouble() * 2 - 1) * whiteBalance;
            double blue = 1 + (rnd.nextDouble() * 2 - 1) * whiteBalance;
            Core.multiply(out, new Scalar(blue, 1, red), out); // BGR; saturates at 255
        }
        return out;
    }

    /** Hue, saturation, brightness and contrast jitter, in place. */
    private static void jitter(Mat bgr, SplittableRandom rnd) {
        Mat hsv = new Mat();
        Imgproc.cvtColor(bgr, hsv, Imgproc.COLOR_BGR2HSV);
        double hueShift = (rnd.nextDouble() * 2 - 1) * 4;       // OpenCV hue is 0–180: ±4 ≈ ±8°
        double sat = 0.75 + rnd.nextDouble() * 0.5;
        double val = 0.7 + rnd.nextDouble() * 0.6;               // shop lighting varies
        Core.multiply(hsv, new Scalar(1, sat, val), hsv);
        Core.add(hsv, new Scalar(hueShift < 0 ? 180 + hueShift : hueShift, 0, 0), hsv);
        Mat hue = new Mat();
        Core.extractChannel(hsv, hue, 0);
        // wrap hue back into 0–179 (saturating add leaves 180–255 for shifted values)
        Mat over = new Mat();
        Core.compare(hue, new Scalar(180), over, Core.CMP_GE);
        Core.subtract(hue, new Scalar(180), hue, over);
        Core.insertChannel(hue, hsv, 0);
        Imgproc.cvtColor(hsv, bgr, Imgproc.COLOR_HSV2BGR);
        double contrast = 0.8 + rnd.nextDouble() * 0.4;
        bgr.convertTo(bgr, -1, contrast, (1 - contrast) * 128);
    }
}
