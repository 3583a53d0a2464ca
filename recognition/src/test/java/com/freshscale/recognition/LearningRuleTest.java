package com.freshscale.recognition;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.recognition.LearningRule.Decision;
import com.freshscale.recognition.LearningRule.Sale;
import java.util.List;
import org.junit.jupiter.api.Test;

class LearningRuleTest {
    private static final List<String> TILES = List.of("asparagus", "leek", "carrots", "zucchini");

    @Test
    void theScalesOwnFirstTileIsLearned() {
        assertThat(LearningRule.decide(new Sale<>("asparagus", TILES, false, true))).isEqualTo(Decision.LEARN);
    }

    @Test
    void aFlaggedSaleTeachesNothing() {
        // the watermelon sold once as carrots: flagged, and carrots must not become its first tile
        assertThat(LearningRule.decide(new Sale<>("carrots", TILES, true, false))).isEqualTo(Decision.IGNORE);
        assertThat(LearningRule.decide(new Sale<>("asparagus", TILES, true, true))).isEqualTo(Decision.IGNORE);
    }

    @Test
    void aPickAmongTheTilesCheaperThanTheFirstWaitsForCorroboration() {
        assertThat(LearningRule.decide(new Sale<>("carrots", TILES, false, false))).isEqualTo(Decision.PENDING);
    }

    @Test
    void aPickAmongTheTilesAtLeastAsDearAsTheFirstIsLearned() {
        assertThat(LearningRule.decide(new Sale<>("leek", TILES, false, true))).isEqualTo(Decision.LEARN);
    }

    @Test
    void aPickOutsideTheTilesWaitsForCorroborationWhateverItsPrice() {
        assertThat(LearningRule.decide(new Sale<>("truffle", TILES, false, true))).isEqualTo(Decision.PENDING);
        assertThat(LearningRule.decide(new Sale<>("truffle", List.of(), false, true))).isEqualTo(Decision.PENDING);
    }

    @Test
    void theThresholdsAreOrdered() {
        // a duplicate is far closer than what corroborates; a taught example outweighs a sale
        assertThat(LearningRule.DUPLICATE).isGreaterThan(LearningRule.CORROBORATION);
        assertThat(LearningRule.TAUGHT_WEIGHT).isGreaterThan(1f);
    }
}
