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
     * Callers repeat while the result is at least {@code batchSize}. Oldest events go first.
     *
     * <p>A store that keeps events in time partitions may purge in whole partitions instead: it then
     * deletes only the events of partitions that lie wholly before the cutoff and hold no pending
     * delivery, all of them at once whatever {@code batchSize} is, and may report the number it
     * dropped as the database estimates it (the JDBC store's layout partitioned by event day does).
     *
     * @param cutoff exclusive upper bound on the timestamp of the events to delete
     * @param batchSize the most events to delete in this call, at least 1
     * @return how many events were deleted (for whole partitions, possibly an estimate)
     * @throws IllegalArgumentException if {@code batchSize} is less than 1
     */
    int purgeEventsBefore(Instant cutoff, int batchSize);
}
