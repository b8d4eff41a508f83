package com.migomail.webhooks.store;

/**
 * What a deletion removed: counts of events, deliveries, attempts and endpoints. Immutable.
 *
 * @param events events removed
 * @param deliveries deliveries removed with their events
 * @param attempts attempts removed with their deliveries
 * @param endpoints endpoints removed, keys included
 */
public record ErasureCounts(long events, long deliveries, long attempts, long endpoints) {

    /** Nothing removed. */
    public static final ErasureCounts NONE = new ErasureCounts(0, 0, 0, 0);

    /**
     * Validates the counts.
     *
     * @param events events removed, 0 or more
     * @param deliveries deliveries removed, 0 or more
     * @param attempts attempts removed, 0 or more
     * @param endpoints endpoints removed, 0 or more
     * @throws IllegalArgumentException if a count is negative
     */
    public ErasureCounts {
        if (events < 0 || deliveries < 0 || attempts < 0 || endpoints < 0) {
            throw new IllegalArgumentException("counts cannot be negative: " + events + ", " + deliveries + ", "
                    + attempts + ", " + endpoints);
        }
    }

    /**
     * The sum of this and another count, for callers that repeat a batched deletion.
     *
     * @param other the counts to add
     * @return a new record with each count summed
     */
    public ErasureCounts plus(ErasureCounts other) {
        return new ErasureCounts(events + other.events, deliveries + other.deliveries, attempts + other.attempts,
                endpoints + other.endpoints);
    }

    /**
     * Whether nothing was removed.
     *
     * @return {@code true} if every count is 0
     */
    public boolean isEmpty() {
        return events == 0 && deliveries == 0 && attempts == 0 && endpoints == 0;
    }
}
