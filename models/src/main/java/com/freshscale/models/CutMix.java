package com.freshscale.models;

import java.util.SplittableRandom;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

/**
 * CutMix (Yun et al. 2019, "CutMix: Regularization Strategy to Train Strong Classifiers with Localizable
 * Features"): a box of another training image is pasted into the view, and the target is shared between the
 * two classes in proportion to the area each keeps. A network fine-tuned on ~1,800 photos fits its training set
 * (train top-1 0.99 against val 0.77); pasting makes it use more of the produce than its most telling patch, and
 * a platter with two kinds of produce on it is a view the scale does see.
 */
final class CutMix {
    /** What one view became: the share of the first image's class in the target (1 = not mixed). */
    record Mixed(Mat view, double keep) {
    }

    private final double probability;

    /** @param probability chance that a view gets a box of another image (0 = never) */
    CutMix(double probability) {
        if (!(probability >= 0 && probability <= 1)) throw new IllegalArgumentException("cutmix probability must be in [0, 1]");
        this.probability = probability;
    }

    boolean active() {
        return probability > 0;
    }

    /** Decides whether this view is mixed: the caller then makes a view of a random other image and calls {@link #paste}. */
    boolean draw(SplittableRandom rnd) {
        return probability > 0 && rnd.nextDouble() < probability;
    }

    /**
     * Pastes a box of {@code other} (same size) into {@code view}, in place: the area ratio λ is uniform (Beta(1, 1),
     * the paper's choice), the box's centre uniform and the box clipped to the image, and {@code keep} is the
     * fraction of {@code view} that is still its own after clipping.
     */
    static Mixed paste(Mat view, Mat other, SplittableRandom rnd) {
        int w = view.cols();
        int h = view.rows();
        double lambda = rnd.nextDouble();
        double cut = Math.sqrt(1 - lambda);
        int cx = rnd.nextInt(w);
        int cy = rnd.nextInt(h);
        int x0 = clamp(cx - (int) Math.round(w * cut / 2), w);
        int x1 = clamp(cx + (int) Math.round(w * cut / 2), w);
        int y0 = clamp(cy - (int) Math.round(h * cut / 2), h);
        int y1 = clamp(cy + (int) Math.round(h * cut / 2), h);
        if (x1 > x0 && y1 > y0) {
            Rect box = new Rect(x0, y0, x1 - x0, y1 - y0);
            other.submat(box).copyTo(view.submat(box));
        }
        double pasted = (double) (x1 - x0) * (y1 - y0) / ((double) w * h);
        return new Mixed(view, 1 - pasted);
    }

    private static int clamp(int v, int size) {
        return Math.max(0, Math.min(size, v));
    }
}
