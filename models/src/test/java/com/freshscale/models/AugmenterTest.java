package com.freshscale.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.freshscale.recognition.OpenCv;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

class AugmenterTest {
    @BeforeAll
    static void opencv() {
        OpenCv.load();
    }

    @Test
    void theWhiteBalanceJitterScalesRedAndBlueWithinItsBoundAndLeavesGreen() {
        Mat grey = new Mat(48, 48, CvType.CV_8UC3, new Scalar(100, 100, 100));
        boolean changed = false;
        for (long seed = 0; seed < 20; seed++) {
            // same seed: the same warp and the same photometric jitter, with and without the lamp's colour
            Mat plain = new Augmenter(32, 0).apply(grey, new SplittableRandom(seed));
            Mat cast = new Augmenter(32, 0.2).apply(grey, new SplittableRandom(seed));
            assertThat(cast.size()).isEqualTo(plain.size());
            Scalar p = Core.mean(plain);
            Scalar c = Core.mean(cast);
            assertThat(c.val[1]).isEqualTo(p.val[1]);
            for (int ch : new int[] {0, 2}) {
                double gain = c.val[ch] / p.val[ch];
                assertThat(gain).isBetween(0.8 - 0.02, 1.2 + 0.02);
                if (Math.abs(gain - 1) > 0.05) changed = true;
            }
        }
        assertThat(changed).as("some photo got another colour cast").isTrue();
    }

    @Test
    void aWhiteBalanceJitterOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> new Augmenter(32, 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Augmenter(32, -0.1)).isInstanceOf(IllegalArgumentException.class);
    }
}
