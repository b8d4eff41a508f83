package com.migomail.webhooks.store;

import java.util.Objects;

/**
 * An attempt to log with the outcome it gives its delivery: one row of
 * {@link DeliveryStore#recordAttempts}. Immutable.
 *
 * @param attempt the attempt; its {@code deliveryId} names the delivery
 * @param outcome the status and next attempt time the delivery takes
 */
public record AttemptResult(DeliveryAttempt attempt, DeliveryOutcome outcome) {
    /**
     * Validates the components.
     *
     * @param attempt the attempt
     * @param outcome the outcome it gives its delivery
     * @throws NullPointerException if a component is null
     */
    public AttemptResult {
        Objects.requireNonNull(attempt, "attempt cannot be null");
        Objects.requireNonNull(outcome, "outcome cannot be null");
    }
}
