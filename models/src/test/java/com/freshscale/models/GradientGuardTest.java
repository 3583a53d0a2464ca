package com.freshscale.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import com.freshscale.recognition.ProduceModel;
import com.freshscale.recognition.ProduceNet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A step with a non-finite gradient, on a real DJL trainer. */
class GradientGuardTest {
    private Model model;
    private Trainer trainer;
    private NDManager data;
    private GradientGuard guard;

    @BeforeEach
    void trainer() {
        model = Model.newInstance("guard", ProduceNet.ENGINE);
        model.setBlock(Linear.builder().setUnits(1).build());
        trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss())
                .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build()));
        trainer.initialize(new Shape(2, 2));
        data = trainer.getManager().newSubManager();
        guard = new GradientGuard(model.getBlock(), 3);
    }

    @AfterEach
    void close() {
        data.close();
        trainer.close();
        model.close();
    }

    private void backward(float... x) {
        NDArray in = data.create(x, new Shape(2, 2));
        NDArray y = data.create(new float[] {1, 2}, new Shape(2, 1));
        try (GradientCollector gc = trainer.newGradientCollector()) {
            gc.backward(trainer.getLoss().evaluate(new NDList(y), trainer.forward(new NDList(in))));
        }
    }

    @Test
    void aFiniteStepPasses() {
        backward(1, 2, 3, 4);
        assertThat(guard.gradientsFinite()).isTrue();
        assertThat(guard.gradientsFinite()).as("checking leaves the gradients in place").isTrue();
    }

    @Test
    void withoutClearingOneBadStepSpoilsEveryLaterOne() {
        backward(Float.POSITIVE_INFINITY, 1, 0, 1);
        assertThat(guard.gradientsFinite()).isFalse();
        backward(1, 2, 3, 4);   // DJL zeroes the gradients as g − g before this one: NaN stays NaN
        assertThat(guard.gradientsFinite()).isFalse();
    }

    @Test
    void aSkippedStepIsClearedSoThatTheNextOneIsClean() {
        backward(Float.POSITIVE_INFINITY, 1, 0, 1);
        assertThat(guard.gradientsFinite()).isFalse();
        guard.skip("a gradient is not finite", 1, 1);
        backward(1, 2, 3, 4);
        assertThat(guard.gradientsFinite()).isTrue();
        assertThat(guard.skipped()).isEqualTo(1);
    }

    @Test
    void onlyBadStepsInARowAreDivergence() {
        guard.skip("the loss is NaN", 1, 1);
        guard.skip("the loss is NaN", 1, 2);
        guard.applied();
        guard.skip("the loss is NaN", 1, 4);
        guard.skip("the loss is NaN", 1, 5);
        assertThatThrownBy(() -> guard.skip("the loss is NaN", 1, 6))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("training diverged: the loss is NaN at epoch 1, step 6, 3 steps in a row; try a lower --lr");
        assertThat(guard.skipped()).isEqualTo(5);
    }
}
