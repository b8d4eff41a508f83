package com.migomail.webhooks.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ErasureCountsTest {

    @Test
    void sumsBatchesAndKnowsWhenNothingWasRemoved() {
        ErasureCounts total = ErasureCounts.NONE.plus(new ErasureCounts(2, 3, 4, 1)).plus(new ErasureCounts(1, 1, 0, 0));
        assertThat(total).isEqualTo(new ErasureCounts(3, 4, 4, 1));
        assertThat(total.isEmpty()).isFalse();
        assertThat(ErasureCounts.NONE.isEmpty()).isTrue();
    }

    @Test
    void refusesNegativeCounts() {
        assertThatThrownBy(() -> new ErasureCounts(0, -1, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("counts cannot be negative: 0, -1, 0, 0");
    }
}
