package com.migomail.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    @Test
    void defaultsRetryAfterOneFiveAndThirtyMinutesThenGiveUp() {
        RetrySchedule schedule = RetrySchedule.defaults();

        assertThat(schedule.delayAfter(1)).contains(Duration.ofMinutes(1));
        assertThat(schedule.delayAfter(2)).contains(Duration.ofMinutes(5));
        assertThat(schedule.delayAfter(3)).contains(Duration.ofMinutes(30));
        assertThat(schedule.delayAfter(4)).isEmpty();
    }

    @Test
    void fixedRepeatsOneDelay() {
        RetrySchedule schedule = RetrySchedule.fixed(Duration.ofSeconds(10), 2);

        assertThat(schedule.delayAfter(1)).contains(Duration.ofSeconds(10));
        assertThat(schedule.delayAfter(2)).contains(Duration.ofSeconds(10));
        assertThat(schedule.delayAfter(3)).isEmpty();
    }

    @Test
    void noneNeverRetries() {
        assertThat(RetrySchedule.none().delayAfter(1)).isEmpty();
    }

    @Test
    void jitterStaysWithinTheFactor() {
        RetrySchedule schedule = RetrySchedule.of(Duration.ofSeconds(100)).withJitter(0.1);

        for (int i = 0; i < 200; i++) {
            Optional<Duration> delay = schedule.delayAfter(1);
            assertThat(delay).get().matches(d -> d.toMillis() >= 90_000 && d.toMillis() <= 110_000, "within 10%");
        }
        assertThat(schedule.delayAfter(2)).isEmpty();
    }

    @Test
    void rejectsNegativeDelays() {
        assertThatThrownBy(() -> RetrySchedule.of(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("delays cannot be negative: PT-1S");
    }

    @Test
    void rejectsJitterOutsideZeroToOne() {
        assertThatThrownBy(() -> RetrySchedule.defaults().withJitter(1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("jitter factor must be between 0 and 1: 1.5");
    }
}
