package com.migomail.webhooks.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try a delivery again after a failed attempt. Attempt 1 is always immediate; the schedule
 * gives the delay before attempt {@code n + 1} after attempt {@code n} failed, or empty when the
 * delivery has failed for good. Implementations must be thread-safe.
 *
 * <p>The default, {@link #defaults()}, retries after 1 minute, 5 minutes and 30 minutes (4 attempts).
 */
@FunctionalInterface
public interface RetrySchedule {

    /**
     * The delay before the next attempt.
     *
     * @param failedAttempts how many attempts of the current round have failed, at least 1
     * @return the delay, or empty when no attempt is left
     */
    Optional<Duration> delayAfter(int failedAttempts);

    /** The default schedule: retries after 1 min, 5 min and 30 min, then failed. */
    static RetrySchedule defaults() {
        return of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30));
    }

    /**
     * Retries after each of these delays in turn, then gives up; {@code of()} never retries.
     *
     * @throws NullPointerException if a delay is null
     * @throws IllegalArgumentException if a delay is negative
     */
    static RetrySchedule of(Duration... delays) {
        Objects.requireNonNull(delays, "delays cannot be null");
        List<Duration> copy = List.of(delays);
        for (Duration delay : copy) {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("delays cannot be negative: " + delay);
            }
        }
        return failedAttempts -> failedAttempts >= 1 && failedAttempts <= copy.size()
                ? Optional.of(copy.get(failedAttempts - 1))
                : Optional.empty();
    }

    /**
     * Retries {@code retries} times, each after the same delay.
     *
     * @throws NullPointerException if delay is null
     * @throws IllegalArgumentException if delay is negative or retries is negative
     */
    static RetrySchedule fixed(Duration delay, int retries) {
        Objects.requireNonNull(delay, "delay cannot be null");
        if (retries < 0) {
            throw new IllegalArgumentException("retries cannot be negative: " + retries);
        }
        return of(java.util.Collections.nCopies(retries, delay).toArray(Duration[]::new));
    }

    /** Never retries: one attempt, then failed. */
    static RetrySchedule none() {
        return of();
    }

    /**
     * This schedule with every delay randomly spread by up to {@code factor} of itself either way
     * (0.1 turns 60 s into 54 to 66 s), so that many deliveries failing at once do not retry at once.
     *
     * @throws IllegalArgumentException if factor is not between 0 and 1
     */
    default RetrySchedule withJitter(double factor) {
        if (!(factor >= 0 && factor <= 1)) {
            throw new IllegalArgumentException("jitter factor must be between 0 and 1: " + factor);
        }
        RetrySchedule base = this;
        return failedAttempts -> base.delayAfter(failedAttempts).map(delay -> {
            double spread = (ThreadLocalRandom.current().nextDouble() * 2 - 1) * factor;
            long millis = delay.toMillis();
            return Duration.ofMillis(Math.max(0, millis + Math.round(millis * spread)));
        });
    }
}
