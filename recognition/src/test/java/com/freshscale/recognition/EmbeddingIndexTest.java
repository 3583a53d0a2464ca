package com.freshscale.recognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EmbeddingIndexTest {
    private static float[] unit(float... v) {
        return Ranking.l2Normalised(v);
    }

    @Test
    void nearestAreMostSimilarFirstAndCappedAtK() {
        EmbeddingIndex<String> idx = new EmbeddingIndex<>(2);
        idx.add(1, "a", unit(1, 0));
        idx.add(2, "b", unit(0, 1));
        idx.add(3, "c", unit(1, 1));
        List<EmbeddingIndex.Neighbour<String>> n = idx.nearest(unit(1, 0.1f), 2);
        assertThat(n).extracting(EmbeddingIndex.Neighbour::key).containsExactly("a", "c");
        assertThat(n.get(0).similarity()).isGreaterThan(n.get(1).similarity());
        assertThat(idx.nearest(unit(1, 0), 10)).hasSize(3);
    }

    @Test
    void growsPastInitialCapacityAndRemovesById() {
        EmbeddingIndex<Integer> idx = new EmbeddingIndex<>(3);
        for (int i = 0; i < 500; i++) idx.add(i, i % 7, unit(i, 1, -i));
        assertThat(idx.size()).isEqualTo(500);
        assertThat(idx.remove(499)).isTrue();
        assertThat(idx.remove(499)).isFalse();
        assertThat(idx.size()).isEqualTo(499);
        assertThat(idx.nearest(unit(499, 1, -499), 1).get(0).id()).isNotEqualTo(499L);
        idx.clear();
        assertThat(idx.nearest(unit(1, 1, 1), 3)).isEmpty();
    }

    @Test
    void findsExactlyWhatABruteForceSearchFindsAfterGrowthAndRemovals() {
        // the dimension-major layout must not change the result: same neighbours, same order, same similarity
        Random rnd = new Random(5);
        int dim = 39; // not a multiple of any vector width, nor of the dimensions per pass (plus one)
        EmbeddingIndex<Integer> idx = new EmbeddingIndex<>(dim);
        Map<Long, float[]> stored = new HashMap<>();
        for (long id = 0; id < 2600; id++) { // past several doublings and more than two search blocks
            float[] v = randomUnit(rnd, dim);
            idx.add(id, (int) (id % 11), v);
            stored.put(id, v);
            if (id % 3 == 0) {
                long gone = rnd.nextInt((int) id + 1);
                assertThat(idx.remove(gone)).isEqualTo(stored.remove(gone) != null);
            }
        }
        assertThat(idx.size()).isEqualTo(stored.size());
        for (int q = 0; q < 20; q++) {
            float[] query = randomUnit(rnd, dim);
            List<EmbeddingIndex.Neighbour<Integer>> found = idx.nearest(query, 10);
            List<Map.Entry<Long, Double>> expected = stored.entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), dot(e.getValue(), query)))
                    .sorted(Map.Entry.<Long, Double>comparingByValue().reversed())
                    .limit(10).toList();
            assertThat(found).extracting(EmbeddingIndex.Neighbour::id).containsExactlyElementsOf(expected.stream().map(Map.Entry::getKey).toList());
            for (int i = 0; i < found.size(); i++) {
                assertThat((double) found.get(i).similarity()).isCloseTo(expected.get(i).getValue(), within(1e-5));
                // and bit for bit the float sum in dimension order, however many dimensions a pass takes
                assertThat(found.get(i).similarity()).isEqualTo(floatDot(stored.get(found.get(i).id()), query));
                assertThat(found.get(i).key()).isEqualTo((int) (found.get(i).id() % 11));
            }
        }
    }

    private static float[] randomUnit(Random rnd, int dim) {
        float[] v = new float[dim];
        for (int d = 0; d < dim; d++) v[d] = (float) rnd.nextGaussian();
        return Ranking.l2Normalised(v);
    }

    private static float floatDot(float[] a, float[] b) {
        float s = a[0] * b[0];
        for (int i = 1; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    @Test
    void wrongDimensionIsAClearError() {
        EmbeddingIndex<String> idx = new EmbeddingIndex<>(4);
        assertThatThrownBy(() -> idx.add(1, "x", new float[3])).hasMessageContaining("expects 4");
        assertThatThrownBy(() -> idx.nearest(new float[5], 1)).hasMessageContaining("expects 4");
    }
}
