package com.freshscale.device.vision;

import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * Fraction of skin-coloured pixels, to tell a hand on the platter from produce. Skin falls in a compact box
 * of the YCrCb chroma plane whatever the complexion: Cr 133–173, Cb 77–127 (Chai &amp; Ngan, "Face
 * segmentation using skin-color map", IEEE TCSVT 9(4), 1999). Much produce falls there too (on the
 * validation photos the median is 0.6; onions and potatoes reach 0.99), so this alone never rejects: the
 * recogniser rejects only an almost entirely skin-coloured item that it is also not confident about.
 */
final class SkinCheck {
    private SkinCheck() {
    }

    /**
     * Skin-coloured share of the pixels of {@code bgr} selected by {@code where} (non-zero = counted); the
     * image is looked at at the size of {@code where}.
     */
    static double fraction(Mat bgr, Mat where) {
        Mat small = new Mat();
        Imgproc.resize(bgr, small, where.size(), 0, 0, Imgproc.INTER_AREA);
        Mat ycrcb = new Mat();
        Imgproc.cvtColor(small, ycrcb, Imgproc.COLOR_BGR2YCrCb);
        Mat skin = new Mat();
        Core.inRange(ycrcb, new Scalar(0, 133, 77), new Scalar(255, 173, 127), skin);
        int counted = Core.countNonZero(where);
        if (counted == 0) return 0;
        Mat both = new Mat();
        Core.bitwise_and(skin, where, both);
        return Core.countNonZero(both) / (double) counted;
    }
}
