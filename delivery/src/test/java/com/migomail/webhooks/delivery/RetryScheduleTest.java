package com.migomail.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    @Test
    void defaultsAreDueOneFiveAndThirtyMinutesAfterTheFirstAttemptThenGiveUp() {
        RetrySchedule schedule = RetrySchedule.defaults();

        assertThat(offsets(schedule)).containsExactly(
                Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30));
        assertThat(schedule.delayAfter(1)).contains(Duration.ofMinutes(1));
        assertThat(schedule.delayAfter(2)).contains(Duration.ofMinutes(4));
        assertThat(schedule.delayAfter(3)).contains(Duration.ofMinutes(25));
        assertThat(schedule.delayAfter(4)).isEmpty();
    }

    @Test
    void ofTakesOffsetsFromTheFirstAttempt() {
        RetrySchedule schedule = RetrySchedule.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));

        assertThat(offsets(schedule)).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void fixedSpacesRetriesEvenly() {
        RetrySchedule schedule = RetrySchedule.fixed(Duration.ofSeconds(10), 3);

        assertThat(offsets(schedule)).containsExactly(
                Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(30));
        assertThat(schedule.delayAfter(4)).isEmpty();
    }

    @Test
    void noneNeverRetries() {
        assertThat(RetrySchedule.none().delayAfter(1)).isEmpty();
        assertThat(RetrySchedule.of().delayAfter(1)).isEmpty();
        assertThat(RetrySchedule.fixed(Duration.ofSeconds(1), 0).delayAfter(1)).isEmpty();
    }

    @Test
    void answersNothingForAnAttemptCountBelowOne() {
        assertThat(RetrySchedule.defaults().delayAfter(0)).isEmpty();
    }

    @Test
    void jitterSpreadsEachGapWithinTheFactor() {
        RetrySchedule schedule = RetrySchedule.of(Duration.ofSeconds(100), Duration.ofSeconds(300)).withJitter(0.1);

        for (int i = 0; i < 200; i++) {
            assertThat(schedule.delayAfter(1)).get()
                    .matches(d -> d.toMillis() >= 90_000 && d.toMillis() <= 110_000, "within 10% of 100 s");
            assertThat(schedule.delayAfter(2)).get()
                    .matches(d -> d.toMillis() >= 180_000 && d.toMillis() <= 220_000, "within 10% of 200 s");
        }
        assertThat(schedule.delayAfter(3)).isEmpty();
    }

    @Test
    void jitterActuallyVaries() {
        RetrySchedule schedule = RetrySchedule.defaults().withJitter(0.5);

        assertThat(IntStream.range(0, 50).mapToObj(i -> schedule.delayAfter(1)).distinct())
                .hasSizeGreaterThan(1);
    }

    @Test
    void rejectsAnOffsetThatIsNotPositive() {
        assertThatThrownBy(() -> RetrySchedule.of(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("offsets must be positive: PT0S");
        assertThatThrownBy(() -> RetrySchedule.of(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("offsets must be positive: PT-1S");
    }

    @Test
    void rejectsOffsetsThatAreNotStrictlyIncreasing() {
        assertThatThrownBy(() -> RetrySchedule.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("offsets must be strictly increasing: PT5M after PT5M");
        assertThatThrownBy(() -> RetrySchedule.of(Duration.ofMinutes(5), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("offsets must be strictly increasing: PT1M after PT5M");
    }

    @Test
    void rejectsNullOffsets() {
        assertThatThrownBy(() -> RetrySchedule.of((Duration[]) null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("offsets cannot be null");
        assertThatThrownBy(() -> RetrySchedule.of(Duration.ofMinutes(1), null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("offsets cannot contain null");
    }

    @Test
    void rejectsAFixedDelayThatIsNotPositiveAndNegativeRetries() {
        assertThatThrownBy(() -> RetrySchedule.fixed(Duration.ZERO, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("delay must be positive: PT0S");
        assertThatThrownBy(() -> RetrySchedule.fixed(Duration.ofSeconds(1), -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retries cannot be negative: -1");
    }

    @Test
    void rejectsJitterOutsideZeroToOne() {
        assertThatThrownBy(() -> RetrySchedule.defaults().withJitter(1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("jitter factor must be between 0 and 1: 1.5");
    }

    /** The offsets from the first attempt at which the schedule's retries fall due. */
    private static List<Duration> offsets(RetrySchedule schedule) {
        List<Duration> offsets = new ArrayList<>();
        Duration at = Duration.ZERO;
        for (int failed = 1; ; failed++) {
            Optional<Duration> gap = schedule.delayAfter(failed);
            if (gap.isEmpty() || failed > 100) {
                return offsets;
            }
            at = at.plus(gap.get());
            offsets.add(at);
        }
    }
}
