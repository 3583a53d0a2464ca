package com.freshscale.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicsTest {
    @Test
    void buildsAndParsesEveryTopic() {
        assertThat(Topics.priceBook("s1")).isEqualTo("fs/v1/stores/s1/pricebook");
        assertThat(Topics.sales("s1", "sc-2")).isEqualTo("fs/v1/stores/s1/scales/sc-2/sales");
        assertThat(Topics.parse(Topics.priceBook("s1"))).isEqualTo(new Topics.Address(Topics.Kind.PRICEBOOK, "s1", null));
        assertThat(Topics.parse(Topics.acks("s1", "x"))).isEqualTo(new Topics.Address(Topics.Kind.ACKS, "s1", "x"));
        assertThat(Topics.parse(Topics.status("s1", "x")).kind()).isEqualTo(Topics.Kind.STATUS);
        assertThat(Topics.parse(Topics.commands("s1", "x")).kind()).isEqualTo(Topics.Kind.COMMANDS);
        assertThat(Topics.parse(Topics.sales("s1", "x")).kind()).isEqualTo(Topics.Kind.SALES);
    }

    @Test
    void rejectsIdsThatWouldBreakTheTopicTree() {
        for (String bad : new String[] {"", "a/b", "+", "#", "a b", "x".repeat(33), null}) {
            assertThatThrownBy(() -> Topics.sales("s1", bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void rejectsForeignTopics() {
        for (String bad : new String[] {"fs/v2/stores/s/pricebook", "fs/v1/stores/s/scales/x/other",
                "fs/v1/stores/s/scales/x/sales/extra", "fs/v1/stores/+/pricebook", "other"}) {
            assertThatThrownBy(() -> Topics.parse(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @net.jqwik.api.Property(tries = 500)
    void idsAreCheckedAsTheIdPatternSays(@net.jqwik.api.ForAll @net.jqwik.api.constraints.StringLength(max = 40)
                                         @net.jqwik.api.constraints.CharRange(from = ' ', to = '~') String id) {
        assertThat(Topics.validId(id)).isEqualTo(Topics.ID.matcher(id).matches());
    }

    @Test
    void idsOfThirtyTwoCharactersAtMost() {
        assertThat(Topics.validId("a".repeat(32))).isTrue();
        assertThat(Topics.validId("a".repeat(33))).isFalse();
        assertThat(Topics.validId("")).isFalse();
        assertThat(Topics.validId(null)).isFalse();
        assertThat(Topics.validId("store-042_B")).isTrue();
        assertThat(Topics.validId("st\u00f6re")).isFalse();
    }
}
