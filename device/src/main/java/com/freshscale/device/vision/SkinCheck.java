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
        int counted = Core.countNonZero(where);
        if (counted == 0) return 0;
        Mat small = new Mat();
        Mat ycrcb = new Mat();
        Mat skin = new Mat();
        Mat both = new Mat();
        try {
            Imgproc.resize(bgr, small, where.size(), 0, 0, Imgproc.INTER_AREA);
            Imgproc.cvtColor(small, ycrcb, Imgproc.COLOR_BGR2YCrCb);
            Core.inRange(ycrcb, new Scalar(0, 133, 77), new Scalar(255, 173, 127), skin);
            Core.bitwise_and(skin, where, both);
            return Core.countNonZero(both) / (double) counted;
        } finally {
            small.release();
            ycrcb.release();
            skin.release();
            both.release();
        }
    }
}
