package com.freshscale.recognition;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;

/**
 * The produce network: the pretrained {@link MobileNetV2}'s 1280 pooled features, then {@link EmbeddingHead}
 * producing {@code [fineLogits, coarseLogits, embedding]}.
 */
public final class ProduceNet {
    /** The DJL engine that builds, trains and exports the network (the scale runs the export on ONNX Runtime). */
    public static final String ENGINE = "PyTorch";
    /** Indices of the network's outputs. */
    public static final int FINE = 0;
    public static final int COARSE = 1;
    public static final int EMBEDDING = 2;

    private ProduceNet() {
    }

    public static SequentialBlock build(Architecture a, int classes, int coarseClasses) {
        return new SequentialBlock()
                .add(MobileNetV2.features())
                .add(new EmbeddingHead(a.embeddingDim(), classes, coarseClasses, a.cosineScale()));
    }

    /** The backbone part of a network from {@link #build}. */
    public static Block features(Block net) {
        return net.getChildren().valueAt(0);
    }

    /** The head of a network from {@link #build}. */
    public static EmbeddingHead head(Block net) {
        return (EmbeddingHead) net.getChildren().valueAt(1);
    }
}
