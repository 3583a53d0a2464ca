package com.freshscale.recognition;

/**
 * Counts the multiply-accumulates and parameters of {@link ProduceNet} from its spec (what the bench reports
 * as model cost), from the layer table alone: the scale runs the exported graph and has no DJL network to count.
 */
final class Complexity {
    private Complexity() {
    }

    static double megaMacs(ModelSpec spec) {
        Architecture a = spec.architecture();
        long head = (long) MobileNetV2Layers.FEATURES * a.embeddingDim() + (long) a.embeddingDim() * spec.classes()
                + (long) MobileNetV2Layers.FEATURES * spec.coarseLabels().size();
        return MobileNetV2Layers.megaMacs(spec.inputSize()) + head / 1e6;
    }

    /** The backbone's convolutions, then {@link EmbeddingHead}: projection (with bias), class centres, coarse layer (with bias). */
    static long parameters(ModelSpec spec) {
        long d = spec.architecture().embeddingDim();
        long f = MobileNetV2Layers.FEATURES;
        long coarse = spec.coarseLabels().size();
        return MobileNetV2Layers.parameters() + (f * d + d) + d * spec.classes() + (f * coarse + coarse);
    }
}
