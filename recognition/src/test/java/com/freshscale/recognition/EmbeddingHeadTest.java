package com.freshscale.recognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class EmbeddingHeadTest {
    @Test
    void theUnitLengthOfAZeroRowHasAFiniteGradient() {
        System.setProperty("ai.djl.offline", "true");
        try (NDManager m = NDManager.newBaseManager(ProduceNet.ENGINE)) {
            // row 0: all zeros (a sample whose features died, bias still zero); row 1: an ordinary one
            NDArray x = m.create(new float[] {0, 0, 0, 0, 3, 0, 4, 0}, new Shape(2, 4));
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getEngine(ProduceNet.ENGINE).newGradientCollector()) {
                NDArray y = EmbeddingHead.l2(x);
                float[] v = y.toFloatArray();
                assertThat(v[4]).isCloseTo(0.6f, within(1e-6f));
                assertThat(v[6]).isCloseTo(0.8f, within(1e-6f));
                for (int i = 0; i < 4; i++) assertThat(v[i]).isZero();
                gc.backward(y.mul(m.create(new float[] {1, 2, 3, 4, 1, 2, 3, 4}, new Shape(2, 4))).sum());
            }
            for (float g : x.getGradient().toFloatArray()) assertThat(Float.isFinite(g)).isTrue();
        }
    }
}
