package com.migomail.webhooks.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AttemptCountQueryTest {
    private static final Instant FROM = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void acceptsARangeOfExactlyTheMostBuckets() {
        Instant to = FROM.plus(Duration.ofHours(AttemptCountQuery.MAX_BUCKETS));
        assertThat(AttemptCountQuery.hourly(FROM, to).bucket()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void refusesARangeThatNeedsOneBucketMoreThanTheMost() {
        Instant to = FROM.plus(Duration.ofHours(AttemptCountQuery.MAX_BUCKETS)).plusSeconds(60);
        assertThatThrownBy(() -> AttemptCountQuery.hourly(FROM, to))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the range PT10000H1M spans more than 10000 buckets of PT1H");
    }

    @Test
    void refusesAnEmptyRangeAndABucketUnderAMinute() {
        assertThatThrownBy(() -> AttemptCountQuery.hourly(FROM, FROM))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("to (2026-12-01T10:00:00Z) must be after from (2026-12-01T10:00:00Z)");
        assertThatThrownBy(() -> new AttemptCountQuery(FROM, FROM.plusSeconds(600), Duration.ofSeconds(59), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bucket must be at least a minute: PT59S");
    }

    @Test
    void bucketOfIsTheStartOfTheBucketAnInstantFallsIn() {
        AttemptCountQuery query = AttemptCountQuery.hourly(FROM, FROM.plus(Duration.ofHours(3)));
        assertThat(query.bucketOf(FROM)).isEqualTo(FROM);
        assertThat(query.bucketOf(FROM.plus(Duration.ofMinutes(119)))).isEqualTo(FROM.plus(Duration.ofHours(1)));
        assertThat(query.bucketOf(FROM.plus(Duration.ofHours(2)))).isEqualTo(FROM.plus(Duration.ofHours(2)));
    }
}
