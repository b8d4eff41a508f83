package com.migomail.webhooks.store;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Deliveries, their leases and their attempt log. A lease gives one owner (a sender node) the right
 * to attempt a delivery and record its outcome until the lease expires; stores guarantee that no
 * two owners hold an unexpired lease on one delivery at once, across threads and processes.
 *
 * <p>A lease taken at {@code now} for {@code lease} expires at {@code now + lease}: its owner
 * holds it at times before that instant, and from that instant on the delivery can be claimed
 * again. Taking or giving back a lease does not change {@link Delivery#updatedAt()}.
 *
 * <p>Claiming and recording serve every tenant (the delivery engine's work is not per tenant); every
 * lookup, listing and replay is scoped to one tenant, and treats another tenant's delivery, event or
 * endpoint exactly as an unknown id.
 */
public interface DeliveryStore {

    /**
     * Claims up to {@code limit} deliveries that are {@link DeliveryStatus#PENDING}, due
     * ({@code nextAttemptAt <= now}) and not under an unexpired lease, earliest due first, leasing
     * each to {@code owner} until {@code now + lease}.
     *
     * @param now the current time: deliveries due at or before it are claimed, and leases run from it
     * @param limit the most deliveries to claim, 0 or more
     * @param owner the claiming node, recorded as {@link Delivery#leaseOwner()}
     * @param lease how long each lease lasts; positive
     * @param excludedEndpoints endpoints whose deliveries not to claim (those at their concurrency limit)
     * @return the claimed deliveries as stored afterwards, earliest due first; empty when
     *     {@code limit} is 0
     * @throws IllegalArgumentException if {@code limit} is negative or {@code lease} is not positive
     */
    List<Delivery> claimDue(Instant now, int limit, String owner, Duration lease, Set<String> excludedEndpoints);

    /**
     * How many deliveries are {@link DeliveryStatus#PENDING} and due ({@code nextAttemptAt <= now}),
     * of every tenant, leased or not: the backlog a metrics gauge shows. Those under a lease (being
     * attempted) are counted too, so that the count is read from the index the claims use without
     * looking at each delivery's lease. Stores count where the deliveries are stored, through an index
     * of pending deliveries by due time (never a scan of every delivery stored); the cost still grows
     * with the count, so callers read it now and then (the sender's metrics at most once an
     * interval), not per attempt.
     *
     * @param now the current time: deliveries due at or before it are counted
     * @return the count, 0 or more
     * @throws NullPointerException if {@code now} is null
     */
    long countDue(Instant now);

    /**
     * Claims one delivery if it is pending, due and not under an unexpired lease (the fast path for a
     * just-published delivery).
     *
     * @param deliveryId the delivery to claim ({@code dlv_…})
     * @param now the current time: the delivery must be due at or before it, and the lease runs from it
     * @param owner the claiming node, recorded as {@link Delivery#leaseOwner()}
     * @param lease how long the lease lasts; positive
     * @return the delivery as stored afterwards, or empty if it is unknown or cannot be claimed now
     * @throws IllegalArgumentException if {@code lease} is not positive
     */
    Optional<Delivery> claim(String deliveryId, Instant now, String owner, Duration lease);

    /**
     * Records an attempt and the delivery's outcome, in one step, if {@code owner} still holds an
     * unexpired lease on it at {@code now}. The lease is released and {@code attemptCount}
     * incremented. Nothing is written otherwise.
     *
     * <p>The delivery is the attempt's {@link DeliveryAttempt#deliveryId()}; it takes the outcome's
     * status and {@code nextAttemptAt}, and {@code updatedAt} {@code now}. The attempt is stored as
     * given (its {@code number} comes from the caller).
     *
     * @param owner the node that claimed the delivery
     * @param attempt the attempt to log; its {@code deliveryId} names the delivery
     * @param outcome the status and next attempt time the delivery takes
     * @param now the current time: the lease must be unexpired at it, and it becomes {@code updatedAt}
     * @return whether it was recorded ({@code false} also for an unknown delivery)
     */
    boolean recordAttempt(String owner, DeliveryAttempt attempt, DeliveryOutcome outcome, Instant now);

    /**
     * Records several attempts and their deliveries' outcomes as {@link #recordAttempt} does, each
     * under its own lease check: a result whose lease {@code owner} no longer holds at {@code now}
     * writes nothing, and the others are recorded all the same. Meant for a batch of attempts that
     * completed together, which the built-in database stores write in one transaction.
     *
     * <p>The default records them one by one with {@link #recordAttempt}.
     *
     * @param owner the node that claimed the deliveries
     * @param results the attempts to log with their outcomes, at most one per delivery; may be empty
     * @param now the current time: each lease must be unexpired at it, and it becomes {@code updatedAt}
     * @return the ids of the deliveries whose attempt was recorded
     * @throws IllegalArgumentException if two results name the same delivery (nothing is written)
     * @throws StoreException if the storage fails; then none of them is recorded by a store that
     *     writes them in one transaction, and which were by one that does not is unknown
     */
    default Set<String> recordAttempts(String owner, List<AttemptResult> results, Instant now) {
        List<AttemptResult> checked = StoreArguments.checkRecordAttempts(owner, results, now);
        Set<String> recorded = new HashSet<>();
        for (AttemptResult result : checked) {
            if (recordAttempt(owner, result.attempt(), result.outcome(), now)) {
                recorded.add(result.attempt().deliveryId());
            }
        }
        return recorded;
    }

    /**
     * Sets the outcome without an attempt (skipped, cancelled, or due later after a
     * {@code Retry-After}), under the same lease rule as {@link #recordAttempt}. The lease is released;
     * {@code attemptCount} stays as it was.
     *
     * @param deliveryId the delivery ({@code dlv_…})
     * @param owner the node that claimed the delivery
     * @param outcome the status and next attempt time the delivery takes
     * @param now the current time: the lease must be unexpired at it, and it becomes {@code updatedAt}
     * @return whether it was recorded ({@code false} also for an unknown delivery)
     */
    boolean resolve(String deliveryId, String owner, DeliveryOutcome outcome, Instant now);

    /**
     * Gives a lease back without an outcome, leaving the delivery due as it was (for a graceful
     * shutdown).
     *
     * @param deliveryId the delivery ({@code dlv_…})
     * @param owner the node giving the lease back
     * @return whether {@code owner} held it (was the last to claim it, whether or not the lease has
     *     expired since)
     */
    boolean release(String deliveryId, String owner);

    /**
     * The tenant's delivery with that id, if stored.
     *
     * @param tenant the tenant whose delivery to read
     * @param deliveryId the delivery id ({@code dlv_…})
     * @return the delivery as stored, or empty if the tenant has none with that id
     */
    Optional<Delivery> delivery(TenantId tenant, String deliveryId);

    /**
     * One page of the tenant's deliveries, filtered by event, endpoint and status, oldest created
     * first (ties by id). The last page has no next cursor. A filter naming another tenant's event or
     * endpoint finds nothing.
     *
     * @param tenant the tenant whose deliveries to list
     * @param query the filters, the page size and the cursor of the page to read
     * @return the page, at most {@code query.limit()} deliveries, all of the tenant
     * @throws IllegalArgumentException if the query's cursor is not one this store issued for
     *     deliveries
     */
    Page<Delivery> deliveries(TenantId tenant, DeliveryQuery query);

    /**
     * The attempts of one of the tenant's deliveries, in the order they were recorded; empty for an
     * unknown delivery or another tenant's.
     *
     * @param tenant the tenant of the delivery
     * @param deliveryId the delivery id ({@code dlv_…})
     * @return every attempt recorded for it, over its whole life (replays included)
     */
    List<DeliveryAttempt> attempts(TenantId tenant, String deliveryId);

    /**
     * How many attempts of one of the tenant's deliveries are recorded, over its whole life:
     * {@code attempts(tenant, deliveryId).size()} without reading them (the sender numbers a replayed
     * attempt with it). The default reads the attempts; stores should count them where they are stored.
     *
     * @param tenant the tenant of the delivery
     * @param deliveryId the delivery id ({@code dlv_…})
     * @return the count, 0 for an unknown delivery or another tenant's
     */
    default int countAttempts(TenantId tenant, String deliveryId) {
        return attempts(tenant, deliveryId).size();
    }

    /**
     * Counts the tenant's delivery attempts that started in {@code [query.from(), query.to())}, per
     * bucket of the query and endpoint, by how each ended ({@link AttemptCount}): succeeded (a 2xx
     * answer); failed (unsuccessful, and the last attempt recorded for a delivery that is no longer
     * {@link DeliveryStatus#PENDING}, so no further attempt is made or planned); retried (any other
     * unsuccessful attempt: another was recorded after it, or its delivery is still pending). A
     * replay that attempts a failed delivery again so turns its last failure into a retried one.
     *
     * <p>An attempt counts for the endpoint its delivery goes to, deleted endpoints included (their
     * log stays). Another tenant's attempts are never counted, and a query naming another tenant's
     * endpoint counts nothing, as for an unknown one. Stores count where the attempts are stored,
     * without reading them one by one.
     *
     * @param tenant the tenant whose attempts to count
     * @param query the range, the bucket width and the optional endpoint
     * @return one count per (bucket, endpoint) pair with at least one attempt, ordered by bucket
     *     start, then endpoint id; empty when there is none
     */
    List<AttemptCount> attemptCounts(TenantId tenant, AttemptCountQuery query);

    /**
     * The attempt to one of the tenant's endpoints that started last, over every delivery to it (of
     * several that started at the same instant: the one of the greatest delivery id, then number).
     *
     * @param tenant the tenant of the endpoint
     * @param endpointId the endpoint id ({@code ep_…})
     * @return the attempt, or empty if none is recorded, the endpoint is unknown, or another tenant's
     */
    Optional<DeliveryAttempt> latestAttempt(TenantId tenant, String endpointId);

    /**
     * The time now on the clock of the server that several sender nodes share, for a store that
     * they share (the database server's clock): each sender compares its own clock with it, because
     * leases are judged at each caller's time ({@code now} of {@link #claimDue}), and two nodes whose
     * clocks disagree by more than the lease margin (the lease minus the attempt timeout) can send
     * one attempt twice. Empty, the default, for a store that one process uses alone (in-memory, H2),
     * where there is no other clock to disagree with.
     *
     * @return the shared server's time, read as close to the call as the store can, or empty
     */
    default Optional<Instant> sharedClockTime() {
        return Optional.empty();
    }

    /**
     * Asks the store to call {@code wakeUp} soon after work that any node may claim becomes due
     * because of a write committed elsewhere: another node's publish without a lease, a
     * transactional-outbox append committed by the host, a replay, a released lease. A sender
     * subscribes on start and polls (with {@link #claimDue}) when woken, so that such work is
     * picked up in milliseconds instead of at the next poll interval.
     *
     * <p>A hint, not a guarantee: a store may call it when there is nothing to claim, and may miss
     * a signal (a lost connection, say; it then calls {@code wakeUp} once it listens again), so the
     * caller keeps polling as its safety net. {@code wakeUp} is called on a thread of the store's,
     * must return quickly and should not throw (what it throws is logged and ignored).
     *
     * <p>The default, for stores that send no signal (the in-memory store, H2, PostgreSQL unless
     * its builder enables {@code dueWorkNotifications}), returns {@link DueWorkSubscription#NONE}
     * and never calls {@code wakeUp}.
     *
     * @param wakeUp what to call when due work may be waiting
     * @return the subscription; close it to stop the calls
     * @throws IllegalStateException if the store was configured to signal but cannot (a
     *     configuration the database does not support)
     */
    default DueWorkSubscription onDueWork(Runnable wakeUp) {
        Objects.requireNonNull(wakeUp, "wakeUp cannot be null");
        return DueWorkSubscription.NONE;
    }

    /**
     * Schedules a replay of one of the tenant's events to one of its endpoints, due at {@code dueAt}: the existing delivery of
     * that event to that endpoint is re-armed ({@link DeliveryStatus#PENDING}, {@code attemptCount}
     * 0, {@code replay} true) unless it is already pending; if there is none, one is created with
     * {@code newDeliveryId}.
     *
     * <p>A pending delivery is returned unchanged. A re-armed one keeps its id, {@code createdAt} and
     * attempts, loses any lease, and has {@code updatedAt} {@code dueAt}; a created one has
     * {@code replay} true and {@code createdAt} and {@code updatedAt} {@code dueAt} (the method has
     * no separate "now"). Either is claimable from {@code dueAt} on.
     *
     * @param tenant the tenant of the event and the endpoint
     * @param eventId the event to send again
     * @param endpointId the endpoint to send it to
     * @param newDeliveryId the id ({@code dlv_…}) of the delivery to create if the event has none to
     *     that endpoint; unused otherwise
     * @param dueAt when the replay is due; also the delivery's new {@code updatedAt}
     * @return the delivery as stored afterwards
     * @throws NotFoundException if the tenant has no such event or endpoint (kind {@code event} or
     *     {@code endpoint})
     * @throws StoreException if a delivery must be created and {@code newDeliveryId} is taken
     */
    Delivery scheduleReplay(TenantId tenant, String eventId, String endpointId, String newDeliveryId, Instant dueAt);
}
