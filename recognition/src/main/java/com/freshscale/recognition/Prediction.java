package com.freshscale.recognition;

/**
 * What the model says about one image.
 *
 * @param probabilities softmax over the model's fine labels (index = label id)
 * @param embedding     L2-normalised embedding, what the store gallery keeps
 */
public record Prediction(float[] probabilities, float[] embedding) {

    /** Label ids by falling probability, at most {@code k}. */
    public int[] topK(int k) {
        return Ranking.topK(probabilities, k);
    }
}
