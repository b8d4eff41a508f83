package com.migomail.webhooks.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Deliveries, their leases and their attempt log. A lease gives one owner (a sender node) the right
 * to attempt a delivery and record its outcome until the lease expires; stores guarantee that no
 * two owners hold an unexpired lease on one delivery at once, across threads and processes.
 */
public interface DeliveryStore {

    /**
     * Claims up to {@code limit} deliveries that are {@link DeliveryStatus#PENDING}, due
     * ({@code nextAttemptAt <= now}) and not under an unexpired lease, earliest due first, leasing
     * each to {@code owner} until {@code now + lease}.
     *
     * @param excludedEndpoints endpoints whose deliveries not to claim (those at their concurrency limit)
     */
    List<Delivery> claimDue(Instant now, int limit, String owner, Duration lease, Set<String> excludedEndpoints);

    /**
     * Claims one delivery if it is pending, due and not under an unexpired lease (the fast path for a
     * just-published delivery).
     */
    Optional<Delivery> claim(String deliveryId, Instant now, String owner, Duration lease);

    /**
     * Records an attempt and the delivery's outcome, in one step, if {@code owner} still holds an
     * unexpired lease on it at {@code now}. The lease is released and {@code attemptCount}
     * incremented. Nothing is written otherwise.
     *
     * @return whether it was recorded
     */
    boolean recordAttempt(String owner, DeliveryAttempt attempt, DeliveryOutcome outcome, Instant now);

    /**
     * Sets the outcome without an attempt (skipped, cancelled, or due later after a
     * {@code Retry-After}), under the same lease rule as {@link #recordAttempt}. The lease is released.
     *
     * @return whether it was recorded
     */
    boolean resolve(String deliveryId, String owner, DeliveryOutcome outcome, Instant now);

    /**
     * Gives a lease back without an outcome, leaving the delivery due as it was (for a graceful
     * shutdown).
     *
     * @return whether {@code owner} held it
     */
    boolean release(String deliveryId, String owner);

    /** The delivery with that id, if stored. */
    Optional<Delivery> delivery(String deliveryId);

    /** One page of deliveries, filtered by event, endpoint and status. */
    Page<Delivery> deliveries(DeliveryQuery query);

    /** The attempts of a delivery, in order. */
    List<DeliveryAttempt> attempts(String deliveryId);

    /**
     * Schedules a replay of an event to an endpoint, due at {@code dueAt}: the existing delivery of
     * that event to that endpoint is re-armed ({@link DeliveryStatus#PENDING}, {@code attemptCount}
     * 0, {@code replay} true) unless it is already pending; if there is none, one is created with
     * {@code newDeliveryId}.
     *
     * @return the delivery as stored afterwards
     * @throws NotFoundException if the event or endpoint does not exist
     */
    Delivery scheduleReplay(String eventId, String endpointId, String newDeliveryId, Instant dueAt);
}
