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

    /** Validates that a retry has a time and nothing else does. */
    public DeliveryOutcome {
        Objects.requireNonNull(status, "status cannot be null");
        if ((status == DeliveryStatus.PENDING) != (nextAttemptAt != null)) {
            throw new IllegalArgumentException("nextAttemptAt goes with PENDING and only with it");
        }
    }

    /** Delivered. */
    public static DeliveryOutcome delivered() {
        return new DeliveryOutcome(DeliveryStatus.DELIVERED, null);
    }

    /** Due again at that time. */
    public static DeliveryOutcome retryAt(Instant at) {
        return new DeliveryOutcome(DeliveryStatus.PENDING, Objects.requireNonNull(at, "at cannot be null"));
    }

    /** Failed for good (kept for replay). */
    public static DeliveryOutcome failed() {
        return new DeliveryOutcome(DeliveryStatus.FAILED, null);
    }

    /** Skipped because the endpoint is disabled (kept for replay). */
    public static DeliveryOutcome skipped() {
        return new DeliveryOutcome(DeliveryStatus.SKIPPED, null);
    }

    /** Cancelled. */
    public static DeliveryOutcome cancelled() {
        return new DeliveryOutcome(DeliveryStatus.CANCELLED, null);
    }
}
