package com.migomail.webhooks.store;

import java.time.Instant;
import java.util.Objects;

/**
 * What a delivery becomes after an attempt (or without one).
 *
 * @param status the new status
 * @param nextAttemptAt when it is due again; set only with {@link DeliveryStatus#PENDING}
 */
public record DeliveryOutcome(DeliveryStatus status, Instant nextAttemptAt) {

    /**
     * Validates that a retry has a time and nothing else does.
     *
     * @param status the new status
     * @param nextAttemptAt when it is due again: required with {@link DeliveryStatus#PENDING},
     *     {@code null} with any other status
     * @throws NullPointerException if {@code status} is null
     * @throws IllegalArgumentException if {@code status} is {@code PENDING} and {@code nextAttemptAt}
     *     is null, or another status and {@code nextAttemptAt} is set
     */
    public DeliveryOutcome {
        Objects.requireNonNull(status, "status cannot be null");
        if ((status == DeliveryStatus.PENDING) != (nextAttemptAt != null)) {
            throw new IllegalArgumentException("nextAttemptAt goes with PENDING and only with it");
        }
    }

    /**
     * Delivered.
     *
     * @return {@link DeliveryStatus#DELIVERED}, with no next attempt
     */
    public static DeliveryOutcome delivered() {
        return new DeliveryOutcome(DeliveryStatus.DELIVERED, null);
    }

    /**
     * Due again at that time.
     *
     * @param at when the next attempt is due
     * @return {@link DeliveryStatus#PENDING}, due at {@code at}
     * @throws NullPointerException if {@code at} is null
     */
    public static DeliveryOutcome retryAt(Instant at) {
        return new DeliveryOutcome(DeliveryStatus.PENDING, Objects.requireNonNull(at, "at cannot be null"));
    }

    /**
     * Failed for good (kept for replay).
     *
     * @return {@link DeliveryStatus#FAILED}, with no next attempt
     */
    public static DeliveryOutcome failed() {
        return new DeliveryOutcome(DeliveryStatus.FAILED, null);
    }

    /**
     * Skipped because the endpoint is disabled (kept for replay).
     *
     * @return {@link DeliveryStatus#SKIPPED}, with no next attempt
     */
    public static DeliveryOutcome skipped() {
        return new DeliveryOutcome(DeliveryStatus.SKIPPED, null);
    }

    /**
     * Cancelled.
     *
     * @return {@link DeliveryStatus#CANCELLED}, with no next attempt
     */
    public static DeliveryOutcome cancelled() {
        return new DeliveryOutcome(DeliveryStatus.CANCELLED, null);
    }
}
