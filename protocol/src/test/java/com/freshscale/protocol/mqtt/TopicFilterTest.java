package com.freshscale.protocol.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.protocol.Topics;
import org.junit.jupiter.api.Test;

class TopicFilterTest {
    @Test
    void matchesWildcardsAndSharedSubscriptions() {
        String t = Topics.sales("s1", "x");
        assertThat(TopicFilter.matches(Topics.ALL_SALES, t)).isTrue();
        assertThat(TopicFilter.matches(Topics.SHARED_ALL_SALES, t)).isTrue();
        assertThat(TopicFilter.matches("fs/v1/#", t)).isTrue();
        assertThat(TopicFilter.matches(Topics.ALL_STATUS, t)).isFalse();
        assertThat(TopicFilter.matches("fs/v1/stores/+/pricebook", Topics.priceBook("s1"))).isTrue();
        assertThat(TopicFilter.matches("fs/v1/stores/+", Topics.priceBook("s1"))).isFalse();
        assertThat(TopicFilter.matches("#", "$SYS/broker")).isFalse();
    }
}
