package com.freshscale.models;

import ai.djl.Model;
import ai.djl.engine.Engine;
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
import ai.djl.util.Utils;

/** Run by {@link OfflineTest} in a fresh JVM: loads the engine and fits a tiny linear block. */
public final class OfflineProbe {
    private OfflineProbe() {
    }

    public static void main(String[] args) {
        System.out.println("offline=" + Utils.isOfflineMode());
        System.out.println("engine=" + Engine.getEngine("PyTorch").getEngineName());
        Engine.getEngine("PyTorch").setRandomSeed(7);
        try (Model model = Model.newInstance("probe", "PyTorch")) {
            model.setBlock(Linear.builder().setUnits(1).build());
            DefaultTrainingConfig cfg = new DefaultTrainingConfig(Loss.l2Loss())
                    .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build());
            try (Trainer t = model.newTrainer(cfg); NDManager m = NDManager.newBaseManager()) {
                t.initialize(new Shape(8, 2));
                // fixed, well-conditioned data and a seeded initialisation: the probe tests that the engine
                // loads and trains, and must not fail on an unlucky random draw (random data once failed 1 run in 60)
                NDArray x = m.create(new float[] {1, 1, 1, -1, -1, 1, -1, -1, .5f, .5f, .5f, -.5f, -.5f, .5f, -.5f, -.5f},
                        new Shape(8, 2));
                NDArray y = x.sum(new int[] {1}, true).mul(3);
                float first = 0;
                float last = 0;
                for (int i = 0; i < 30; i++) {
                    try (GradientCollector gc = t.newGradientCollector()) {
                        NDArray loss = t.getLoss().evaluate(new NDList(y), t.forward(new NDList(x)));
                        gc.backward(loss);
                        if (i == 0) first = loss.getFloat();
                        last = loss.getFloat();
                    }
                    t.step();
                }
                System.out.println("loss " + first + " -> " + last);
                if (last < first / 2) System.out.println("loss fell");
            }
        }
    }
}
