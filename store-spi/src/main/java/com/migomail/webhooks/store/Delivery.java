package com.migomail.webhooks.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One event for one endpoint: the unit that is claimed, attempted and retried.
 *
 * @param id the delivery id ({@code dlv_…})
 * @param eventId the event it carries
 * @param endpointId the endpoint it goes to
 * @param status where it stands
 * @param attemptCount attempts made in the current round (reset to 0 when a replay re-arms it);
 *     the retry schedule is indexed by it
 * @param nextAttemptAt when a {@link DeliveryStatus#PENDING} delivery is due; {@code null} otherwise
 * @param replay whether the current round is a replay (replays do not count against endpoint health)
 * @param leaseOwner the node holding the lease, or {@code null}
 * @param leaseExpiresAt when that lease ends, or {@code null}
 * @param createdAt when the delivery was created
 * @param updatedAt when its status, schedule or attempt count last changed (taking or giving back a
 *     lease does not count)
 */
public record Delivery(
        String id,
        String eventId,
        String endpointId,
        DeliveryStatus status,
        int attemptCount,
        Instant nextAttemptAt,
        boolean replay,
        String leaseOwner,
        Instant leaseExpiresAt,
        Instant createdAt,
        Instant updatedAt) {

    /** Validates required components. */
    public Delivery {
        Objects.requireNonNull(id, "id cannot be null");
        Objects.requireNonNull(eventId, "eventId cannot be null");
        Objects.requireNonNull(endpointId, "endpointId cannot be null");
        Objects.requireNonNull(status, "status cannot be null");
        Objects.requireNonNull(createdAt, "createdAt cannot be null");
        Objects.requireNonNull(updatedAt, "updatedAt cannot be null");
        if (attemptCount < 0) {
            throw new IllegalArgumentException("attemptCount cannot be negative: " + attemptCount);
        }
    }
}
