package com.freshscale.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps one bad step from spoiling a training run, as mixed-precision trainers do (they skip a step whose
 * gradients overflowed): a step whose loss or gradients are not finite is not applied, and its gradients
 * are cleared. Clearing needs an assignment: DJL zeroes gradients before each step as {@code g − g},
 * which leaves a NaN a NaN, so without it one NaN gradient makes every later step NaN. Only a run of
 * {@code maxConsecutive} bad steps in a row is divergence, and stops the run.
 */
final class GradientGuard {
    private final List<Parameter> parameters = new ArrayList<>();
    private final int maxConsecutive;
    private int consecutive;
    private int skipped;

    GradientGuard(Block block, int maxConsecutive) {
        for (var p : block.getParameters().values()) {
            if (p.requiresGradient()) parameters.add(p);
        }
        this.maxConsecutive = maxConsecutive;
    }

    /** True if every gradient of the block is finite (a NaN or ±∞ anywhere makes its sum non-finite). */
    boolean gradientsFinite() {
        for (Parameter p : parameters) {
            NDArray a = p.getArray();
            if (!a.hasGradient()) continue;
            // the views are closed at once: they would otherwise pile up in the model's manager, step after step
            try (NDArray g = a.getGradient(); NDArray s = g.sum()) {
                if (!Float.isFinite(s.getFloat())) return false;
            }
        }
        return true;
    }

    /** Sets every gradient to zero by assignment. */
    void clear() {
        for (Parameter p : parameters) {
            NDArray a = p.getArray();
            if (!a.hasGradient()) continue;
            try (NDArray g = a.getGradient()) {
                g.set(new NDIndex("..."), 0f);
            }
        }
    }

    /**
     * Records a step that is not applied and clears its gradients; throws {@link IllegalStateException}
     * (the run diverged) on the {@code maxConsecutive}-th bad step in a row.
     */
    void skip(String what, int epoch, int step) {
        clear();
        skipped++;
        if (++consecutive >= maxConsecutive) {
            throw new IllegalStateException(String.format(
                    "training diverged: %s at epoch %d, step %d, %d steps in a row; try a lower --lr",
                    what, epoch, step, consecutive));
        }
    }

    /** Records a step that was applied. */
    void applied() {
        consecutive = 0;
    }

    /** Steps not applied so far. */
    int skipped() {
        return skipped;
    }
}
