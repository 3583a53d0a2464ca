package com.freshscale.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.freshscale.recognition.OpenCv;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

class CutMixTest {
    @BeforeAll
    static void opencv() {
        OpenCv.load();
    }

    @Test
    void theTargetSharesAreTheAreasEachImageKeeps() {
        SplittableRandom rnd = new SplittableRandom(3);
        boolean someMixed = false;
        for (int i = 0; i < 200; i++) {
            Mat black = new Mat(40, 40, CvType.CV_8UC3, new Scalar(0, 0, 0));
            Mat white = new Mat(40, 40, CvType.CV_8UC3, new Scalar(255, 255, 255));
            CutMix.Mixed m = CutMix.paste(black, white, rnd);
            double whiteShare = Core.mean(m.view()).val[0] / 255;
            assertThat(m.keep()).isBetween(0.0, 1.0);
            assertThat(1 - m.keep()).as("pasted share = area of the other image").isCloseTo(whiteShare, within(1e-9));
            if (m.keep() < 0.9) someMixed = true;
        }
        assertThat(someMixed).isTrue();
    }

    @Test
    void aMixedRowsTargetIsSharedBetweenItsTwoClasses() {
        ProduceTrainer.Targets t = new ProduceTrainer.Targets(new float[5], new float[2], new int[] {1});
        t.add(0, 3, 1, 0.3);
        t.add(0, 1, 0, 0.7);
        assertThat(t.fine()).containsExactly(0f, 0.7f, 0f, 0.3f, 0f);
        assertThat(t.coarse()).containsExactly(0.7f, 0.3f);
    }

    @Test
    void probabilityOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> new CutMix(1.5)).hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> new CutMix(Double.NaN)).hasMessageContaining("[0, 1]");
        assertThat(new CutMix(0).draw(new SplittableRandom(1))).isFalse();
    }
}
