package com.migomail.webhooks.delivery.internal;

import com.migomail.webhooks.delivery.RetrySchedule;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.DeliveryOutcome;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides what follows an attempt: the home of the retry rules. Pure (no I/O, no clock of its own)
 * and thread-safe.
 *
 * <ul>
 *   <li>A 2xx response delivers.
 *   <li>{@code 410 Gone} fails the delivery for good and disables the endpoint, when the sender
 *       disables on Gone; otherwise it is an ordinary failure.
 *   <li>Any other failure (a status or an error) is due again after the schedule's next gap, counted
 *       from the failed attempt's due time so attempt latency does not drift the schedule, or from
 *       now if that is already past (the node was down or backlogged), so an outage does not end in a
 *       burst of retries. When the schedule has no gap left, the delivery fails.
 *   <li>A {@code Retry-After} on a 429 or 503 (delay-seconds or an HTTP-date, RFC 9110) can move that
 *       retry later, never earlier, and at most {@code maxRetryAfter} from now, though never before
 *       the schedule's time. An unreadable value is ignored.
 * </ul>
 */
final class RetryPlanner {
    /** Delay-seconds past this (ten years) are read as this, so that no arithmetic overflows. */
    private static final long MAX_DELAY_SECONDS = 10L * 365 * 24 * 3600;

    private final RetrySchedule schedule;
    private final Duration maxRetryAfter;
    private final boolean disableEndpointOnGone;

    RetryPlanner(RetrySchedule schedule, Duration maxRetryAfter, boolean disableEndpointOnGone) {
        this.schedule = Objects.requireNonNull(schedule, "schedule cannot be null");
        this.maxRetryAfter = Objects.requireNonNull(maxRetryAfter, "maxRetryAfter cannot be null");
        this.disableEndpointOnGone = disableEndpointOnGone;
    }

    /**
     * What follows an attempt.
     *
     * @param outcome what the delivery becomes
     * @param disableEndpoint whether the endpoint is to be disabled (it answered {@code 410 Gone})
     */
    record Plan(DeliveryOutcome outcome, boolean disableEndpoint) {}

    /**
     * Plans what follows an attempt.
     *
     * @param delivery the delivery as claimed for the attempt (its attempt count and due time before it)
     * @param attempt the attempt just made
     * @param retryAfter the response's {@code Retry-After} header, or {@code null}
     * @param now when the attempt ended
     */
    Plan plan(Delivery delivery, DeliveryAttempt attempt, String retryAfter, Instant now) {
        if (attempt.succeeded()) {
            return new Plan(DeliveryOutcome.delivered(), false);
        }
        if (isGone(attempt) && disableEndpointOnGone) {
            return new Plan(DeliveryOutcome.failed(), true);
        }
        Optional<Duration> gap = schedule.delayAfter(delivery.attemptCount() + 1);
        if (gap.isEmpty()) {
            return new Plan(DeliveryOutcome.failed(), false);
        }
        Instant next = nextDue(delivery.nextAttemptAt(), gap.get(), now);
        Optional<Instant> asked = honoursRetryAfter(attempt) ? parseRetryAfter(retryAfter, now) : Optional.empty();
        if (asked.isPresent() && asked.get().isAfter(next)) {
            Instant cap = now.plus(maxRetryAfter);
            next = asked.get().isAfter(cap) ? max(next, cap) : asked.get();
        }
        return new Plan(DeliveryOutcome.retryAt(next), false);
    }

    private static boolean isGone(DeliveryAttempt attempt) {
        return attempt.statusCode() != null && attempt.statusCode() == 410;
    }

    private static boolean honoursRetryAfter(DeliveryAttempt attempt) {
        return attempt.statusCode() != null && (attempt.statusCode() == 429 || attempt.statusCode() == 503);
    }

    private static Instant nextDue(Instant failedDueAt, Duration gap, Instant now) {
        Instant anchored = failedDueAt == null ? null : failedDueAt.plus(gap);
        return anchored != null && anchored.isAfter(now) ? anchored : now.plus(gap);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** When a {@code Retry-After} value asks to be retried, or empty for a missing or unreadable value. */
    private static Optional<Instant> parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String trimmed = value.trim();
        if (trimmed.chars().allMatch(Character::isDigit)) {
            long seconds = trimmed.length() > 12 ? MAX_DELAY_SECONDS : Math.min(Long.parseLong(trimmed), MAX_DELAY_SECONDS);
            return Optional.of(now.plusSeconds(seconds));
        }
        try {
            return Optional.of(ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
