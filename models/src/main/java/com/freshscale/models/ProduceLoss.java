package com.freshscale.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import com.freshscale.recognition.ProduceNet;

/**
 * Cross-entropy on the fine labels with label smoothing (Szegedy et al. 2016, ε = 0.1: keeps a
 * network fine-tuned on ~1,800 images from becoming over-confident), plus {@code coarseWeight} × the
 * cross-entropy on the coarse labels (apple, pepper, ...), an auxiliary signal that the fine classes of one
 * kind share features. Labels: soft targets {@code [fine (B×K), coarse (B×C)]} (one-hot); predictions: {@code [fineLogits, coarseLogits, ...]}.
 */
final class ProduceLoss extends Loss {
    private final float smoothing;
    private final float coarseWeight;

    ProduceLoss(float smoothing, float coarseWeight) {
        super("produce_loss");
        this.smoothing = smoothing;
        this.coarseWeight = coarseWeight;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray fine = smoothedCrossEntropy(predictions.get(ProduceNet.FINE), labels.get(0), smoothing);
        if (coarseWeight == 0) return fine;
        NDArray coarse = smoothedCrossEntropy(predictions.get(ProduceNet.COARSE), labels.get(1), 0f);
        return fine.add(coarse.mul(coarseWeight));
    }

    static NDArray smoothedCrossEntropy(NDArray logits, NDArray softTarget, float eps) {
        long k = logits.getShape().get(1);
        NDArray logp = logits.logSoftmax(1);
        NDArray target = softTarget.toType(logits.getDataType(), false).mul(1 - eps).add(eps / k);
        return target.mul(logp).sum(new int[] {1}).neg().mean();
    }
}
