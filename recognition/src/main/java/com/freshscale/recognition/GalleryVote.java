package com.freshscale.recognition;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Combines the model's scores with the store's gallery of confirmed examples. Each neighbour votes for its
 * key with weight {@code exp(sharpness · (similarity − 1))}: a near-duplicate (similarity ≈ 1) of a confirmed
 * sale counts fully, a loose resemblance hardly at all, so an empty or unrelated gallery leaves the model's
 * ranking as it is. Result: {@code (model + galleryWeight · votes) / (1 + galleryWeight · Σvotes)}, again a
 * distribution over keys. The same rule serves the scale (keys = PLU codes) and the offline "online"
 * evaluation (keys = model labels), so the evaluation measures what the scale does.
 *
 * @param neighbours    how many nearest gallery entries vote
 * @param sharpness     how fast a vote fades with dissimilarity
 * @param galleryWeight weight of one full vote relative to the model's total probability of 1
 */
public record GalleryVote(int neighbours, float sharpness, float galleryWeight) {

    public static GalleryVote standard() {
        return new GalleryVote(10, 12f, 1.5f);
    }

    public GalleryVote {
        if (neighbours < 1 || sharpness <= 0 || galleryWeight < 0) throw new IllegalArgumentException("bad gallery vote");
    }

    public <K> Map<K, Double> combine(Map<K, Double> modelScores, List<EmbeddingIndex.Neighbour<K>> nearest) {
        return combine(modelScores, nearest, n -> 1.0);
    }

    /**
     * As {@link #combine(Map, List)}, each neighbour's vote times {@code weight} (a taught example counts
     * {@link LearningRule#TAUGHT_WEIGHT} times a sale's).
     */
    public <K> Map<K, Double> combine(Map<K, Double> modelScores, List<EmbeddingIndex.Neighbour<K>> nearest,
                                      java.util.function.ToDoubleFunction<EmbeddingIndex.Neighbour<K>> weight) {
        Map<K, Double> votes = new HashMap<>();
        double total = 0;
        for (int i = 0; i < Math.min(neighbours, nearest.size()); i++) {
            var n = nearest.get(i);
            double v = weight.applyAsDouble(n) * Math.exp(sharpness * (Math.min(n.similarity(), 1f) - 1));
            votes.merge(n.key(), v, Double::sum);
            total += v;
        }
        double norm = 1 + galleryWeight * total;
        Map<K, Double> out = new LinkedHashMap<>();
        for (var e : modelScores.entrySet()) out.put(e.getKey(), e.getValue() / norm);
        for (var e : votes.entrySet()) out.merge(e.getKey(), galleryWeight * e.getValue() / norm, Double::sum);
        return out;
    }
}
