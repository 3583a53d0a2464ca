package com.freshscale.recognition;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * Turns pooled features into {@code [fineLogits, coarseLogits, embedding]}. The embedding is a linear
 * projection, L2-normalised; the fine classifier is cosine similarity to one learned centre per class, times
 * a scale (NormFace). Because the classifier works on the very embedding the scale stores in its gallery,
 * a k-NN vote over gallery embeddings and the model's scores speak the same language. The coarse head
 * (apple, pepper, ...) is an auxiliary training signal.
 */
public final class EmbeddingHead extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int classes;
    private final int coarseClasses;
    private final int dim;
    private final float scale;
    private final Linear projection;
    private final Linear coarse;
    private final Parameter centres;

    public EmbeddingHead(int dim, int classes, int coarseClasses, float scale) {
        super(VERSION);
        this.dim = dim;
        this.classes = classes;
        this.coarseClasses = coarseClasses;
        this.scale = scale;
        projection = addChildBlock("projection", Linear.builder().setUnits(dim).build());
        coarse = addChildBlock("coarse", Linear.builder().setUnits(coarseClasses).build());
        centres = addParameter(Parameter.builder()
                .setName("centres")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(classes, dim))
                .optInitializer(new NormalInitializer(0.1f))
                .build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray features = inputs.singletonOrThrow();
        NDArray embedding = l2(projection.forward(store, new NDList(features), training).singletonOrThrow());
        NDArray w = l2(store.getValue(centres, features.getDevice(), training));
        NDArray logits = embedding.matMul(w.transpose()).mul(scale);
        NDArray coarseLogits = coarse.forward(store, new NDList(features), training).singletonOrThrow();
        return new NDList(logits, coarseLogits, embedding);
    }

    /**
     * Each row scaled to unit length. The ε goes under the root: √(Σx² + ε²) has a finite gradient at a zero
     * row, where √(Σx²) + ε does not (d√s/ds is infinite at 0, and ∞ · 0 is NaN). A zero row is what a
     * sample whose features all died in the last ReLU gives while the projection's bias is still zero (the
     * first step). This was suspected of a NaN smoke training run in CI; the NaN came once more after this
     * change, so its cause is still unknown (the trainer now skips such a step: models/GradientGuard).
     */
    static NDArray l2(NDArray x) {
        return x.div(x.square().sum(new int[] {1}, true).add(1e-12f).sqrt());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long batch = inputShapes[0].get(0);
        return new Shape[] {new Shape(batch, classes), new Shape(batch, coarseClasses), new Shape(batch, dim)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        projection.initialize(manager, dataType, inputShapes);
        coarse.initialize(manager, dataType, inputShapes);
    }
}
