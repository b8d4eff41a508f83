package com.migomail.webhooks.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try a delivery again after a failed attempt. Attempt 1 is due at once; the schedule gives
 * the <em>gap</em> from the time attempt {@code n} was due to the time attempt {@code n + 1} is due,
 * or empty when the delivery has failed for good. Implementations must be thread-safe.
 *
 * <p>The factories take <em>offsets from the first attempt of the round</em> (a round starts at
 * publish, or when a replay re-arms the delivery): {@link #defaults()} is
 * {@code of(1 min, 5 min, 30 min)}, so the four attempts are due at +0, +1, +5 and +30 minutes, and
 * the delivery is failed after the fourth.
 *
 * <p>The sender anchors each retry on the failed attempt's due time, not on when it finished, so a
 * slow endpoint does not push the schedule later. Two things move it: a retry that would already be
 * due when the attempt is recorded (the sender was down or backlogged past it) is scheduled the gap
 * from then instead, so an outage does not end in a burst of retries; and a {@code Retry-After} on
 * {@code 429}/{@code 503} delays the next attempt to at least that time (up to
 * {@link WebhookSender.Builder#maxRetryAfter}), and later gaps count from there.
 */
@FunctionalInterface
public interface RetrySchedule {

    /**
     * The gap between the due time of the attempt that just failed and the due time of the next.
     *
     * @param failedAttempts how many attempts of the current round have failed, at least 1
     * @return the gap (not negative), or empty when no attempt is left
     */
    Optional<Duration> delayAfter(int failedAttempts);

    /**
     * The default schedule: retries due 1 min, 5 min and 30 min after the first attempt, then failed.
     *
     * @return the schedule {@code of(1 min, 5 min, 30 min)}
     */
    static RetrySchedule defaults() {
        return of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30));
    }

    /**
     * Retries due at these offsets from the first attempt of the round, then gives up; {@code of()}
     * never retries. {@code of(1 min, 5 min)} makes three attempts: at +0, +1 min and +5 min.
     *
     * @param offsets when each retry is due, from the first attempt's due time; strictly increasing
     * @return the schedule
     * @throws NullPointerException if an offset is null
     * @throws IllegalArgumentException if an offset is not positive, or not later than the one before
     */
    static RetrySchedule of(Duration... offsets) {
        Objects.requireNonNull(offsets, "offsets cannot be null");
        List<Duration> gaps = new ArrayList<>(offsets.length);
        Duration previous = Duration.ZERO;
        for (Duration offset : offsets) {
            Objects.requireNonNull(offset, "offsets cannot contain null");
            if (offset.compareTo(previous) <= 0) {
                throw new IllegalArgumentException(previous.isZero()
                        ? "offsets must be positive: " + offset
                        : "offsets must be strictly increasing: " + offset + " after " + previous);
            }
            gaps.add(offset.minus(previous));
            previous = offset;
        }
        return ofGaps(List.copyOf(gaps));
    }

    /**
     * Retries {@code retries} times, evenly spaced: due at {@code delay}, {@code 2 × delay},
     * {@code 3 × delay}… after the first attempt.
     *
     * @param delay the gap between attempts, positive
     * @param retries how many attempts follow the first; 0 never retries
     * @return the schedule
     * @throws NullPointerException if delay is null
     * @throws IllegalArgumentException if delay is not positive or retries is negative
     */
    static RetrySchedule fixed(Duration delay, int retries) {
        Objects.requireNonNull(delay, "delay cannot be null");
        if (delay.isNegative() || delay.isZero()) {
            throw new IllegalArgumentException("delay must be positive: " + delay);
        }
        if (retries < 0) {
            throw new IllegalArgumentException("retries cannot be negative: " + retries);
        }
        return ofGaps(Collections.nCopies(retries, delay));
    }

    /**
     * Never retries: one attempt, then failed.
     *
     * @return the schedule {@code of()}
     */
    static RetrySchedule none() {
        return of();
    }

    /**
     * This schedule with every gap randomly spread by up to {@code factor} of itself either way
     * (0.1 turns a 60 s gap into 54 to 66 s), so that many deliveries failing at once do not retry at
     * once. Offsets then drift by at most {@code factor} of themselves.
     *
     * @param factor the largest spread, as a fraction of each gap, from 0 (none) to 1
     * @return a schedule giving up when this one does, with jittered gaps
     * @throws IllegalArgumentException if factor is not between 0 and 1
     */
    default RetrySchedule withJitter(double factor) {
        if (!(factor >= 0 && factor <= 1)) {
            throw new IllegalArgumentException("jitter factor must be between 0 and 1: " + factor);
        }
        RetrySchedule base = this;
        return failedAttempts -> base.delayAfter(failedAttempts).map(gap -> {
            double spread = (ThreadLocalRandom.current().nextDouble() * 2 - 1) * factor;
            long millis = gap.toMillis();
            return Duration.ofMillis(Math.max(0, millis + Math.round(millis * spread)));
        });
    }

    private static RetrySchedule ofGaps(List<Duration> gaps) {
        return failedAttempts -> failedAttempts >= 1 && failedAttempts <= gaps.size()
                ? Optional.of(gaps.get(failedAttempts - 1))
                : Optional.empty();
    }
}
