package com.migomail.webhooks.store;

/** Where a delivery stands. Only {@link #PENDING} deliveries are ever claimed. */
public enum DeliveryStatus {
    /** Waiting for its next attempt at {@link Delivery#nextAttemptAt()}. */
    PENDING,
    /** A 2xx response was received. */
    DELIVERED,
    /** Every attempt of the retry schedule failed, or the endpoint refused it for good; replayable. */
    FAILED,
    /** Not sent because the endpoint was disabled; replayable when it is enabled again. */
    SKIPPED,
    /** Withdrawn by the sender; never sent. */
    CANCELLED;

    /**
     * Whether the delivery has reached an end state (anything but {@link #PENDING}).
     *
     * @return {@code true} for every status but {@code PENDING}
     */
    public boolean isTerminal() {
        return this != PENDING;
    }
}
