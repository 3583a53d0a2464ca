package com.freshscale.recognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GalleryVoteTest {
    private final GalleryVote vote = GalleryVote.standard();

    private static Map<String, Double> model() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("apple", 0.6);
        m.put("pear", 0.3);
        m.put("plum", 0.1);
        return m;
    }

    @Test
    void anEmptyGalleryLeavesTheModelAlone() {
        assertThat(vote.combine(model(), List.of())).isEqualTo(model());
    }

    @Test
    void nearDuplicatesOfConfirmedSalesOutvoteTheModel() {
        var near = List.of(new EmbeddingIndex.Neighbour<>(1, "pear", 0.99f), new EmbeddingIndex.Neighbour<>(2, "pear", 0.98f));
        Map<String, Double> c = vote.combine(model(), near);
        assertThat(c.get("pear")).isGreaterThan(c.get("apple"));
        assertThat(c.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void looseResemblancesHardlyCount() {
        var far = List.of(new EmbeddingIndex.Neighbour<>(1, "plum", 0.3f));
        Map<String, Double> c = vote.combine(model(), far);
        assertThat(c.get("apple")).isGreaterThan(0.59);
        assertThat(c.get("plum")).isLessThan(0.11);
    }

    @Test
    void aTaughtKeyUnknownToTheModelCanWin() {
        var taught = List.of(new EmbeddingIndex.Neighbour<>(1, "9001", 0.97f), new EmbeddingIndex.Neighbour<>(2, "9001", 0.96f),
                new EmbeddingIndex.Neighbour<>(3, "9001", 0.95f));
        Map<String, Double> c = vote.combine(model(), taught);
        assertThat(c.get("9001")).isGreaterThan(c.get("apple"));
    }
}
