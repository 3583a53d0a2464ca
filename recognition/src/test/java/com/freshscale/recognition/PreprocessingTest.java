package com.freshscale.recognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

class PreprocessingTest {
    @BeforeAll
    static void opencv() {
        OpenCv.load();
    }

    @Test
    void convertsBgrToNormalisedRgbPlanes() {
        byte[] bgr = {10, 20, (byte) 255, 0, 0, 0}; // pixel 0: B=10 G=20 R=255; pixel 1: black
        float[] mean = {0.5f, 0.5f, 0.5f};
        float[] std = {0.5f, 0.5f, 0.5f};
        float[] p = Preprocessing.toPlanes(bgr, 1, 2, mean, std, false);
        assertThat(p[0]).isCloseTo((1f - 0.5f) / 0.5f, within(1e-6f));           // R plane, pixel 0
        assertThat(p[2]).isCloseTo((20 / 255f - 0.5f) / 0.5f, within(1e-6f));   // G plane, pixel 0
        assertThat(p[4]).isCloseTo((10 / 255f - 0.5f) / 0.5f, within(1e-6f));   // B plane, pixel 0
        float[] mirrored = Preprocessing.toPlanes(bgr, 1, 2, mean, std, true);
        assertThat(mirrored[1]).isEqualTo(p[0]);
        assertThat(mirrored[0]).isEqualTo(p[1]);
    }

    @Test
    void takesTheCentreSquareOfAWideFrame() {
        Mat wide = new Mat(100, 300, CvType.CV_8UC3, new Scalar(0, 0, 0));
        wide.colRange(100, 200).setTo(new Scalar(0, 255, 0));
        Mat sq = Preprocessing.squareResize(wide, 50);
        assertThat(sq.rows()).isEqualTo(50);
        assertThat(sq.cols()).isEqualTo(50);
        assertThat(sq.get(25, 25)[1]).isEqualTo(255.0);
        assertThat(sq.get(0, 0)[1]).isEqualTo(255.0);
    }

    @Test
    void shrinkByHalvingsIsTheAreaResizeWithinOneLevel() {
        Mat noise = new Mat(720, 1280, CvType.CV_8UC3);
        Core.setRNGSeed(7);
        Core.randu(noise, 0, 256);
        Mat direct = new Mat();
        Imgproc.resize(noise, direct, new Size(320, 180), 0, 0, Imgproc.INTER_AREA);
        Mat fast = Preprocessing.shrink(noise, new Size(320, 180));
        assertThat(fast.size()).isEqualTo(new Size(320, 180));
        assertThat(maxDifference(direct, fast)).isLessThanOrEqualTo(1.0);
    }

    @Test
    void shrinkByAnyRatioStaysCloseToTheAreaResize() {
        // a smooth scene (a lit ball on a platter), not noise: what a camera frame is
        Mat scene = new Mat(720, 1280, CvType.CV_8UC3, new Scalar(150, 150, 150));
        Imgproc.circle(scene, new org.opencv.core.Point(640, 360), 200, new Scalar(40, 60, 200), -1);
        Imgproc.GaussianBlur(scene, scene, new Size(0, 0), 3);
        Mat crop = scene.submat(new Rect(395, 115, 490, 490));
        Mat direct = new Mat();
        Imgproc.resize(crop, direct, new Size(128, 128), 0, 0, Imgproc.INTER_AREA);
        Mat fast = Preprocessing.shrink(crop, new Size(128, 128));
        assertThat(fast.size()).isEqualTo(new Size(128, 128));
        Mat diff = new Mat();
        Core.absdiff(direct, fast, diff);
        assertThat(Core.mean(diff.reshape(1)).val[0]).isLessThan(1.0);
        assertThat(maxDifference(direct, fast)).isLessThanOrEqualTo(16.0);
    }

    private static double maxDifference(Mat a, Mat b) {
        Mat diff = new Mat();
        Core.absdiff(a, b, diff);
        return Core.minMaxLoc(diff.reshape(1)).maxVal;
    }

    @Test
    void topKRanksLargestFirst() {
        assertThat(Ranking.topK(new float[] {0.1f, 0.5f, 0.2f, 0.9f, 0.3f}, 3)).containsExactly(3, 1, 4);
        assertThat(Ranking.topK(new float[] {0.4f, 0.6f}, 4)).containsExactly(1, 0);
    }
}
