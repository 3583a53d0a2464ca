package com.freshscale.recognition;

import java.util.List;
import java.util.Objects;

/**
 * Shape of the produce network: a ResNet-style stack of basic residual blocks on a small input.
 *
 * @param stemWidth      channels of the stride-2 stem convolution
 * @param widths         channels of each stage; every stage halves the resolution (the first one too, like
 *                       ResNet's max-pool: at 112 px the stages run at 28, 14, 7 and 4 px)
 * @param blocks         residual blocks of each stage
 * @param embeddingDim   size of the L2-normalised embedding used by the classifier and the store gallery
 * @param cosineScale    logit scale of the cosine classifier (NormFace, Wang et al. 2017): softmax over
 *                       {@code scale * cos(embedding, class centre)}; ~16 lets probabilities reach 0.99
 * @param members        networks of this shape, trained side by side from different random starting points and
 *                       run as one committee (a deep ensemble, Lakshminarayanan et al. 2017): the committee's
 *                       probabilities are the mean of the members', its embedding the members' embeddings one
 *                       after the other (scaled to unit length, so that its cosine similarity is the mean of the
 *                       members'); 1 = a single network
 */
public record Architecture(int stemWidth, List<Integer> widths, List<Integer> blocks, int embeddingDim,
                           float cosineScale, int members) {
    public Architecture {
        widths = List.copyOf(Objects.requireNonNull(widths, "widths"));
        blocks = List.copyOf(Objects.requireNonNull(blocks, "blocks"));
        if (stemWidth < 1 || widths.isEmpty() || blocks.size() != widths.size() || embeddingDim < 2 || cosineScale <= 0
                || blocks.stream().anyMatch(b -> b < 1) || members < 1) {
            throw new IllegalArgumentException("invalid architecture " + widths + " × " + blocks);
        }
    }

    /** The production network: ~2.8 M parameters, ~70 M multiply-adds at 112 px: a few ms on one core. */
    public static Architecture standard() {
        return new Architecture(32, List.of(32, 64, 128, 256), List.of(1, 2, 2, 1), 128, 16f, 1);
    }

    /**
     * The standard network with one block fewer in the 64-channel stage: ~40 % fewer multiply-adds (51 M at
     * 96 px against 84 M for the standard one at 112 px), so that crop + two views (flip TTA) + gallery fit in
     * 15 ms on one core — and fewer parameters to over-fit 1,800 training photos with.
     */
    public static Architecture compact() {
        return new Architecture(32, List.of(32, 64, 128, 256), List.of(1, 1, 2, 1), 128, 16f, 1);
    }

    /** A tiny network for smoke tests. */
    public static Architecture tiny() {
        return new Architecture(8, List.of(8, 16), List.of(1, 1), 16, 8f, 1);
    }

    /**
     * The same shape as a committee of {@code count} members, each with an embedding {@code count} times
     * smaller, so that the committee's embedding (what the store gallery keeps and searches) stays as long.
     */
    public Architecture committee(int count) {
        if (count < 1 || embeddingDim % count != 0) {
            throw new IllegalArgumentException("cannot split a " + embeddingDim + "-value embedding over " + count + " members");
        }
        return new Architecture(stemWidth, widths, blocks, embeddingDim / count, cosineScale, count);
    }

    /** Length of the model's embedding: every member's, one after the other. */
    public int embeddingSize() {
        return embeddingDim * members;
    }
}
