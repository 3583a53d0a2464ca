package com.freshscale.device.vision;

import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * Fraction of skin-coloured pixels, to tell a hand on the platter from produce. Skin falls in a compact box
 * of the YCrCb chroma plane whatever the complexion: Cr 133–173, Cb 77–127 (Chai &amp; Ngan, "Face
 * segmentation using skin-color map", IEEE TCSVT 9(4), 1999). Peaches and potatoes can fall there too, so
 * this alone never rejects: the recogniser rejects only a skin-coloured crop it is not confident about.
 */
final class SkinCheck {
    private SkinCheck() {
    }

    static double fraction(Mat bgr) {
        Mat ycrcb = new Mat();
        Imgproc.cvtColor(bgr, ycrcb, Imgproc.COLOR_BGR2YCrCb);
        Mat mask = new Mat();
        Core.inRange(ycrcb, new Scalar(0, 133, 77), new Scalar(255, 173, 127), mask);
        return Core.countNonZero(mask) / (double) (mask.rows() * mask.cols());
    }
}
