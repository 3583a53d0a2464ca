package com.freshscale.recognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
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
    void wrongDimensionIsAClearError() {
        EmbeddingIndex<String> idx = new EmbeddingIndex<>(4);
        assertThatThrownBy(() -> idx.add(1, "x", new float[3])).hasMessageContaining("expects 4");
        assertThatThrownBy(() -> idx.nearest(new float[5], 1)).hasMessageContaining("expects 4");
    }
}
