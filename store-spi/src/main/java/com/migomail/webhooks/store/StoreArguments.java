package com.migomail.webhooks.store;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The argument checks of the {@link WebhookStore} operations that take more than one argument, one
 * method each, named after the operation. Every store of this library calls the operation's check
 * first, before it reads or writes anything, and a store of your own may too: it then rejects
 * exactly what the built-in stores reject, with the same exceptions and messages (which name the
 * argument and the problem). Lookups by tenant and id, and operations of one argument, check each
 * with {@link Objects#requireNonNull(Object, String)} ({@code "tenant cannot be null"},
 * {@code "eventId cannot be null"}).
 *
 * <p>Stateless, so safe to call from any thread. A {@code null} argument is rejected with a
 * {@link NullPointerException} unless the operation's javadoc allows it, as {@link WebhookStore}
 * says.
 */
public final class StoreArguments {

    private StoreArguments() {
    }

    /**
     * Checks the arguments of {@link EventStore#append}: the event, then the deliveries with
     * {@link NewDelivery#requireDistinct}.
     *
     * @param event the event to append
     * @param deliveries its deliveries
     * @return an immutable copy of the deliveries
     * @throws NullPointerException if the event, the list or an element is null
     * @throws IllegalArgumentException if two deliveries share an id or an endpoint
     */
    public static List<NewDelivery> checkAppend(StoredEvent event, List<NewDelivery> deliveries) {
        Objects.requireNonNull(event, "event cannot be null");
        return NewDelivery.requireDistinct(deliveries);
    }

    /**
     * Checks the arguments of {@link WebhookStore#append(StoredEvent, List, AppendLease)}: those of the
     * plain append, then that the lease names only {@link DeliveryStatus#PENDING} deliveries of it.
     *
     * @param event the event to append
     * @param deliveries its deliveries
     * @param lease the leases to take on some of them
     * @return an immutable copy of the deliveries
     * @throws NullPointerException if an argument or an element is null
     * @throws IllegalArgumentException if two deliveries share an id or an endpoint, or the lease
     *     names a delivery that is not a pending delivery of this append
     */
    public static List<NewDelivery> checkAppend(StoredEvent event, List<NewDelivery> deliveries, AppendLease lease) {
        List<NewDelivery> requested = checkAppend(event, deliveries);
        Objects.requireNonNull(lease, "lease cannot be null");
        Set<String> pending = new HashSet<>();
        for (NewDelivery delivery : requested) {
            if (delivery.status() == DeliveryStatus.PENDING) {
                pending.add(delivery.id());
            }
        }
        for (String id : lease.deliveryIds()) {
            if (!pending.contains(id)) {
                throw new IllegalArgumentException("the lease names " + id + ", which is not a pending delivery of this"
                        + " append");
            }
        }
        return requested;
    }

    /**
     * Checks the arguments of {@link DeliveryStore#recordAttempts}.
     *
     * @param owner the node that claimed the deliveries
     * @param results the attempts and outcomes to record
     * @param now the current time
     * @return an immutable copy of the results
     * @throws NullPointerException if an argument or an element is null
     * @throws IllegalArgumentException if two results name the same delivery
     */
    public static List<AttemptResult> checkRecordAttempts(String owner, List<AttemptResult> results, Instant now) {
        Objects.requireNonNull(owner, "owner cannot be null");
        Objects.requireNonNull(results, "results cannot be null");
        Objects.requireNonNull(now, "now cannot be null");
        Set<String> ids = new HashSet<>();
        for (AttemptResult result : results) {
            Objects.requireNonNull(result, "results cannot contain null");
            if (!ids.add(result.attempt().deliveryId())) {
                throw new IllegalArgumentException("two results name delivery " + result.attempt().deliveryId());
            }
        }
        return List.copyOf(results);
    }

    /**
     * Checks the arguments of {@link EndpointStore#rotateSecret}.
     *
     * @param tenant the tenant of the endpoint
     * @param endpointId the endpoint whose secrets rotate
     * @param newSecret the secret to add
     * @param oldExpireAt the latest expiry an existing secret keeps
     * @param now the current time
     * @throws NullPointerException if an argument is null
     */
    public static void checkRotateSecret(TenantId tenant, String endpointId, EndpointSecret newSecret,
            Instant oldExpireAt, Instant now) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        Objects.requireNonNull(endpointId, "endpointId cannot be null");
        Objects.requireNonNull(newSecret, "newSecret cannot be null");
        Objects.requireNonNull(oldExpireAt, "oldExpireAt cannot be null");
        Objects.requireNonNull(now, "now cannot be null");
    }

    /**
     * Checks the arguments of {@link EndpointStore#recordEndpointHealth}.
     *
     * @param tenant the tenant of the endpoint
     * @param endpointId the endpoint whose health is noted
     * @param at when the attempt was made
     * @throws NullPointerException if the tenant, the endpoint id or the time is null
     */
    public static void checkRecordEndpointHealth(TenantId tenant, String endpointId, Instant at) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        Objects.requireNonNull(endpointId, "endpointId cannot be null");
        Objects.requireNonNull(at, "at cannot be null");
    }

    /**
     * Checks the arguments of {@link DeliveryStore#claimDue}.
     *
     * @param now the current time
     * @param limit the most deliveries to claim, 0 or more
     * @param owner the claiming node
     * @param lease how long each lease lasts; positive
     * @param excludedEndpoints endpoints whose deliveries not to claim
     * @return an immutable copy of the excluded endpoints
     * @throws NullPointerException if an argument or an excluded endpoint is null
     * @throws IllegalArgumentException if {@code lease} is not positive or {@code limit} is negative
     */
    public static Set<String> checkClaimDue(Instant now, int limit, String owner, Duration lease,
            Set<String> excludedEndpoints) {
        Objects.requireNonNull(now, "now cannot be null");
        checkLease(owner, lease);
        Set<String> excluded = Set.copyOf(Objects.requireNonNull(excludedEndpoints, "excludedEndpoints cannot be null"));
        if (limit < 0) {
            throw new IllegalArgumentException("limit cannot be negative: " + limit);
        }
        return excluded;
    }

    /**
     * Checks the arguments of {@link DeliveryStore#claim}.
     *
     * @param deliveryId the delivery to claim
     * @param now the current time
     * @param owner the claiming node
     * @param lease how long the lease lasts; positive
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code lease} is not positive
     */
    public static void checkClaim(String deliveryId, Instant now, String owner, Duration lease) {
        Objects.requireNonNull(deliveryId, "deliveryId cannot be null");
        Objects.requireNonNull(now, "now cannot be null");
        checkLease(owner, lease);
    }

    /**
     * Checks the arguments of {@link DeliveryStore#recordAttempt}.
     *
     * @param owner the node that claimed the delivery
     * @param attempt the attempt to log
     * @param outcome the status and next attempt time the delivery takes
     * @param now the current time
     * @throws NullPointerException if an argument is null
     */
    public static void checkRecordAttempt(String owner, DeliveryAttempt attempt, DeliveryOutcome outcome,
            Instant now) {
        Objects.requireNonNull(owner, "owner cannot be null");
        Objects.requireNonNull(attempt, "attempt cannot be null");
        Objects.requireNonNull(outcome, "outcome cannot be null");
        Objects.requireNonNull(now, "now cannot be null");
    }

    /**
     * Checks the arguments of {@link DeliveryStore#resolve}.
     *
     * @param deliveryId the delivery to resolve
     * @param owner the node that claimed the delivery
     * @param outcome the status and next attempt time the delivery takes
     * @param now the current time
     * @throws NullPointerException if an argument is null
     */
    public static void checkResolve(String deliveryId, String owner, DeliveryOutcome outcome, Instant now) {
        Objects.requireNonNull(deliveryId, "deliveryId cannot be null");
        Objects.requireNonNull(owner, "owner cannot be null");
        Objects.requireNonNull(outcome, "outcome cannot be null");
        Objects.requireNonNull(now, "now cannot be null");
    }

    /**
     * Checks the arguments of {@link DeliveryStore#release}.
     *
     * @param deliveryId the delivery whose lease is given back
     * @param owner the node giving it back
     * @throws NullPointerException if an argument is null
     */
    public static void checkRelease(String deliveryId, String owner) {
        Objects.requireNonNull(deliveryId, "deliveryId cannot be null");
        Objects.requireNonNull(owner, "owner cannot be null");
    }

    /**
     * Checks the arguments of {@link DeliveryStore#scheduleReplay}.
     *
     * @param tenant the tenant of the event and the endpoint
     * @param eventId the event to send again
     * @param endpointId the endpoint to send it to
     * @param newDeliveryId the id for a delivery created by the replay
     * @param dueAt when the replay is due
     * @throws NullPointerException if an argument is null
     */
    public static void checkScheduleReplay(TenantId tenant, String eventId, String endpointId, String newDeliveryId,
            Instant dueAt) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        Objects.requireNonNull(eventId, "eventId cannot be null");
        Objects.requireNonNull(endpointId, "endpointId cannot be null");
        Objects.requireNonNull(newDeliveryId, "newDeliveryId cannot be null");
        Objects.requireNonNull(dueAt, "dueAt cannot be null");
    }

    /**
     * Checks the arguments of {@link RetentionStore#purgeEventsBefore}.
     *
     * @param cutoff exclusive upper bound on the timestamp of the events to delete
     * @param batchSize the most events to delete in one call, at least 1
     * @throws NullPointerException if the cutoff is null
     * @throws IllegalArgumentException if {@code batchSize} is less than 1
     */
    public static void checkPurgeEventsBefore(Instant cutoff, int batchSize) {
        Objects.requireNonNull(cutoff, "cutoff cannot be null");
        checkBatchSize(batchSize);
    }

    /**
     * Checks the arguments of {@link EndpointStore#deleteEndpoint}.
     *
     * @param tenant the tenant of the endpoint
     * @param endpointId the endpoint to delete
     * @param now the current time
     * @throws NullPointerException if an argument is null
     */
    public static void checkDeleteEndpoint(TenantId tenant, String endpointId, Instant now) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        Objects.requireNonNull(endpointId, "endpointId cannot be null");
        Objects.requireNonNull(now, "now cannot be null");
    }

    /**
     * Checks the arguments of {@link EndpointStore#subscribedEndpoints}.
     *
     * @param tenant the tenant of the event
     * @param eventType the event's wire type name
     * @throws NullPointerException if an argument is null
     */
    public static void checkSubscribedEndpoints(TenantId tenant, String eventType) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        Objects.requireNonNull(eventType, "eventType cannot be null");
    }

    /**
     * Checks the arguments of {@link ErasureStore#deleteTenantBatch}.
     *
     * @param tenant the tenant to delete
     * @param batchSize the most endpoints or events to delete in one call, at least 1
     * @throws NullPointerException if the tenant is null
     * @throws IllegalArgumentException if {@code batchSize} is less than 1
     */
    public static void checkDeleteTenantBatch(TenantId tenant, int batchSize) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        checkBatchSize(batchSize);
    }

    /**
     * Checks the arguments of {@link ErasureStore#eraseSubscriberBatch}.
     *
     * @param tenant the tenant whose events to erase
     * @param subscriberKey the keyed hash of the subscriber's address
     * @param batchSize the most events to delete in one call, at least 1
     * @throws NullPointerException if the tenant or the key is null
     * @throws IllegalArgumentException if {@code batchSize} is less than 1
     */
    public static void checkEraseSubscriberBatch(TenantId tenant, String subscriberKey, int batchSize) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        Objects.requireNonNull(subscriberKey, "subscriberKey cannot be null");
        checkBatchSize(batchSize);
    }

    /**
     * Checks the arguments of {@link ErasureStore#eventsWithoutSubscriberKey}.
     *
     * @param tenant the tenant whose events to read
     * @param types the wire types to read
     * @param limit the most events to return, at least 1
     * @return an immutable copy of the types
     * @throws NullPointerException if the tenant, the types or a type is null
     * @throws IllegalArgumentException if {@code limit} is less than 1
     */
    public static Set<String> checkEventsWithoutSubscriberKey(TenantId tenant, Set<String> types, int limit) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        Set<String> copy = Set.copyOf(Objects.requireNonNull(types, "types cannot be null"));
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        return copy;
    }

    /**
     * Checks the arguments of {@link ErasureStore#setSubscriberKeys}.
     *
     * @param tenant the tenant of the events
     * @param keysByEventId the key for each event id
     * @return an immutable copy of the keys
     * @throws NullPointerException if the tenant, the map, an id or a key is null
     */
    public static java.util.Map<String, String> checkSetSubscriberKeys(TenantId tenant,
            java.util.Map<String, String> keysByEventId) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        return java.util.Map.copyOf(Objects.requireNonNull(keysByEventId, "keysByEventId cannot be null"));
    }

    private static void checkBatchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1: " + batchSize);
        }
    }

    private static void checkLease(String owner, Duration lease) {
        Objects.requireNonNull(owner, "owner cannot be null");
        Objects.requireNonNull(lease, "lease cannot be null");
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease must be positive: " + lease);
        }
    }
}
