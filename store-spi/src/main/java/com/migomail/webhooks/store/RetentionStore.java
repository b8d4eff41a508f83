package com.migomail.webhooks.store;

import java.time.Instant;

/**
 * Purging of old events.
 */
public interface RetentionStore {

    /**
     * Deletes at most {@code batchSize} events whose {@link StoredEvent#timestamp()} is before
     * {@code cutoff}, with their deliveries and attempts. Events that still have a
     * {@link DeliveryStatus#PENDING} delivery are kept, so nothing accepted is dropped undelivered.
     * Callers repeat while the result equals {@code batchSize}. Oldest events go first.
     *
     * @param cutoff exclusive upper bound on the timestamp of the events to delete
     * @param batchSize the most events to delete in this call, at least 1
     * @return how many events were deleted
     * @throws IllegalArgumentException if {@code batchSize} is less than 1
     */
    int purgeEventsBefore(Instant cutoff, int batchSize);
}
