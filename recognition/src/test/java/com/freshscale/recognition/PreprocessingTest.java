package com.freshscale.recognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

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
    void topKRanksLargestFirst() {
        assertThat(Ranking.topK(new float[] {0.1f, 0.5f, 0.2f, 0.9f, 0.3f}, 3)).containsExactly(3, 1, 4);
        assertThat(Ranking.topK(new float[] {0.4f, 0.6f}, 4)).containsExactly(1, 0);
    }
}
