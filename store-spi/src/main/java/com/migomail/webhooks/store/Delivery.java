package com.migomail.webhooks.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One event for one endpoint: the unit that is claimed, attempted and retried.
 *
 * <p>Immutable, so safe to share between threads. Every component but the id has a {@code with…}
 * method returning a copy with that one component replaced; the copy is validated as the
 * constructor validates, so a {@code with…} method throws what the constructor throws for that
 * value. (Another id would be another delivery, and a delivery never moves to another tenant, so
 * there is no {@code withId} or {@code withTenant}.)
 *
 * @param id the delivery id ({@code dlv_…})
 * @param tenant the tenant of its event and endpoint
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
        TenantId tenant,
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

    /**
     * Validates required components.
     *
     * @param id the delivery id ({@code dlv_…})
     * @param tenant the tenant of its event and endpoint
     * @param eventId the event it carries
     * @param endpointId the endpoint it goes to
     * @param status where it stands
     * @param attemptCount attempts made in the current round, 0 or more
     * @param nextAttemptAt when a {@link DeliveryStatus#PENDING} delivery is due; {@code null} otherwise
     * @param replay whether the current round is a replay
     * @param leaseOwner the node holding the lease, or {@code null}
     * @param leaseExpiresAt when that lease ends, or {@code null}
     * @param createdAt when the delivery was created
     * @param updatedAt when its status, schedule or attempt count last changed
     * @throws NullPointerException if {@code id}, {@code tenant}, {@code eventId}, {@code endpointId}, {@code status},
     *     {@code createdAt} or {@code updatedAt} is null
     * @throws IllegalArgumentException if {@code attemptCount} is negative
     */
    public Delivery {
        Objects.requireNonNull(id, "id cannot be null");
        Objects.requireNonNull(tenant, "tenant cannot be null");
        Objects.requireNonNull(eventId, "eventId cannot be null");
        Objects.requireNonNull(endpointId, "endpointId cannot be null");
        Objects.requireNonNull(status, "status cannot be null");
        Objects.requireNonNull(createdAt, "createdAt cannot be null");
        Objects.requireNonNull(updatedAt, "updatedAt cannot be null");
        if (attemptCount < 0) {
            throw new IllegalArgumentException("attemptCount cannot be negative: " + attemptCount);
        }
    }

    /**
     * A copy with that {@code eventId}.
     *
     * @param eventId the event it carries
     * @return a new delivery, equal to this one but for {@code eventId}
     * @throws NullPointerException if {@code eventId} is null
     */
    public Delivery withEventId(String eventId) {
        return new Delivery(id, tenant, eventId, endpointId, status, attemptCount, nextAttemptAt, replay, leaseOwner,
                leaseExpiresAt, createdAt, updatedAt);
    }

    /**
     * A copy with that {@code endpointId}.
     *
     * @param endpointId the endpoint it goes to
     * @return a new delivery, equal to this one but for {@code endpointId}
     * @throws NullPointerException if {@code endpointId} is null
     */
    public Delivery withEndpointId(String endpointId) {
        return new Delivery(id, tenant, eventId, endpointId, status, attemptCount, nextAttemptAt, replay, leaseOwner,
                leaseExpiresAt, createdAt, updatedAt);
    }

    /**
     * A copy with that {@code status}.
     *
     * @param status where it stands
     * @return a new delivery, equal to this one but for {@code status}
     * @throws NullPointerException if {@code status} is null
     */
    public Delivery withStatus(DeliveryStatus status) {
        return new Delivery(id, tenant, eventId, endpointId, status, attemptCount, nextAttemptAt, replay, leaseOwner,
                leaseExpiresAt, createdAt, updatedAt);
    }

    /**
     * A copy with that {@code attemptCount}.
     *
     * @param attemptCount attempts made in the current round, 0 or more
     * @return a new delivery, equal to this one but for {@code attemptCount}
     * @throws IllegalArgumentException if {@code attemptCount} is negative
     */
    public Delivery withAttemptCount(int attemptCount) {
        return new Delivery(id, tenant, eventId, endpointId, status, attemptCount, nextAttemptAt, replay, leaseOwner,
                leaseExpiresAt, createdAt, updatedAt);
    }

    /**
     * A copy with that {@code nextAttemptAt}.
     *
     * @param nextAttemptAt when it is due, or {@code null} when it is not pending
     * @return a new delivery, equal to this one but for {@code nextAttemptAt}
     */
    public Delivery withNextAttemptAt(Instant nextAttemptAt) {
        return new Delivery(id, tenant, eventId, endpointId, status, attemptCount, nextAttemptAt, replay, leaseOwner,
                leaseExpiresAt, createdAt, updatedAt);
    }

    /**
     * A copy with that {@code replay}.
     *
     * @param replay whether the current round is a replay
     * @return a new delivery, equal to this one but for {@code replay}
     */
    public Delivery withReplay(boolean replay) {
        return new Delivery(id, tenant, eventId, endpointId, status, attemptCount, nextAttemptAt, replay, leaseOwner,
                leaseExpiresAt, createdAt, updatedAt);
    }

    /**
     * A copy with that {@code leaseOwner}.
     *
     * @param leaseOwner the node holding the lease, or {@code null} for none
     * @return a new delivery, equal to this one but for {@code leaseOwner}
     */
    public Delivery withLeaseOwner(String leaseOwner) {
        return new Delivery(id, tenant, eventId, endpointId, status, attemptCount, nextAttemptAt, replay, leaseOwner,
                leaseExpiresAt, createdAt, updatedAt);
    }

    /**
     * A copy with that {@code leaseExpiresAt}.
     *
     * @param leaseExpiresAt when that lease ends, or {@code null} for no lease
     * @return a new delivery, equal to this one but for {@code leaseExpiresAt}
     */
    public Delivery withLeaseExpiresAt(Instant leaseExpiresAt) {
        return new Delivery(id, tenant, eventId, endpointId, status, attemptCount, nextAttemptAt, replay, leaseOwner,
                leaseExpiresAt, createdAt, updatedAt);
    }

    /**
     * A copy with that {@code createdAt}.
     *
     * @param createdAt when the delivery was created
     * @return a new delivery, equal to this one but for {@code createdAt}
     * @throws NullPointerException if {@code createdAt} is null
     */
    public Delivery withCreatedAt(Instant createdAt) {
        return new Delivery(id, tenant, eventId, endpointId, status, attemptCount, nextAttemptAt, replay, leaseOwner,
                leaseExpiresAt, createdAt, updatedAt);
    }

    /**
     * A copy with that {@code updatedAt}.
     *
     * @param updatedAt when its status, schedule or attempt count last changed
     * @return a new delivery, equal to this one but for {@code updatedAt}
     * @throws NullPointerException if {@code updatedAt} is null
     */
    public Delivery withUpdatedAt(Instant updatedAt) {
        return new Delivery(id, tenant, eventId, endpointId, status, attemptCount, nextAttemptAt, replay, leaseOwner,
                leaseExpiresAt, createdAt, updatedAt);
    }
}
