package com.freshscale.recognition;

import java.util.Objects;

/**
 * Shape of the produce network: the pretrained backbone's pooled features, then {@link EmbeddingHead}.
 *
 * @param backbone     the pretrained network the model was fine-tuned from, and the file it was read from
 * @param embeddingDim size of the L2-normalised embedding used by the classifier and the store gallery
 * @param cosineScale  logit scale of the cosine classifier (NormFace, Wang et al. 2017): softmax over
 *                     {@code scale * cos(embedding, class centre)}; ~16 lets probabilities reach 0.99
 */
public record Architecture(Backbone backbone, int embeddingDim, float cosineScale) {
    public Architecture {
        Objects.requireNonNull(backbone, "backbone");
        if (embeddingDim < 2 || cosineScale <= 0) {
            throw new IllegalArgumentException("invalid architecture: embedding " + embeddingDim + ", scale " + cosineScale);
        }
    }

    /**
     * The pretrained network under the head.
     *
     * @param network which network ({@link #MOBILENET_V2}: the only one the scale builds)
     * @param file    the TFLite file its weights were imported from, as given to {@code train} (provenance)
     * @param sha256  that file's SHA-256, so that a model names exactly which pretrained weights it started from
     */
    public record Backbone(String network, String file, String sha256) {
        public static final String MOBILENET_V2 = "mobilenet-v2-1.0";

        public Backbone {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(sha256, "sha256");
            if (!MOBILENET_V2.equals(network)) {
                throw new IllegalArgumentException("unknown backbone network '" + network + "', expected " + MOBILENET_V2);
            }
        }
    }

    /** Length of the model's embedding (what the store gallery keeps). */
    public int embeddingSize() {
        return embeddingDim;
    }
}
