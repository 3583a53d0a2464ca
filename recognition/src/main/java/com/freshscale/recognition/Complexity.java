package com.freshscale.recognition;

/** Counts the multiply-accumulates of {@link ProduceNet} from its spec (what the bench reports as model cost). */
final class Complexity {
    private Complexity() {
    }

    static double megaMacs(ModelSpec spec) {
        Architecture a = spec.architecture();
        long head = (long) MobileNetV2.FEATURES * a.embeddingDim() + (long) a.embeddingDim() * spec.classes()
                + (long) MobileNetV2.FEATURES * spec.coarseLabels().size();
        return MobileNetV2.megaMacs(spec.inputSize()) + head / 1e6;
    }
}
