package com.migomail.webhooks.store.internal;

import com.migomail.webhooks.store.AppendLease;
import com.migomail.webhooks.store.AppendResult;
import com.migomail.webhooks.store.AttemptResult;
import com.migomail.webhooks.store.AttemptCount;
import com.migomail.webhooks.store.AttemptCountQuery;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.DeliveryOutcome;
import com.migomail.webhooks.store.DeliveryQuery;
import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.Endpoint;
import com.migomail.webhooks.store.EndpointSecret;
import com.migomail.webhooks.store.EndpointVersionConflictException;
import com.migomail.webhooks.store.ErasureCounts;
import com.migomail.webhooks.store.EventQuery;
import com.migomail.webhooks.store.KeysetCursor;
import com.migomail.webhooks.store.NewDelivery;
import com.migomail.webhooks.store.NotFoundException;
import com.migomail.webhooks.store.Page;
import com.migomail.webhooks.store.SortOrder;
import com.migomail.webhooks.store.StoreArguments;
import com.migomail.webhooks.store.StoreException;
import com.migomail.webhooks.store.StoredEvent;
import com.migomail.webhooks.store.TenantId;
import com.migomail.webhooks.store.WebhookStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The in-memory {@link WebhookStore}: everything lives in this JVM's heap and is lost on restart, so
 * it suits tests, demos and single processes that accept losing the log.
 *
 * <p>Thread-safe: one read-write lock guards all state, so every operation is atomic and sees a
 * consistent store. Lookups by id are hash lookups; claiming walks an index of claimable deliveries
 * ordered by due time (see {@link DueIndex}), never every delivery stored; range queries walk a sorted
 * index of the tenant's events or deliveries from the cursor on; a fan-out reads only the tenant's
 * endpoints, and an erasure only the tenant's events under that subscriber key.
 */
public final class InMemoryWebhookStore implements WebhookStore {

    /** The order of {@link #latestAttempt}: by start time, ties by delivery id, then number. */
    private static final Comparator<DeliveryAttempt> LATEST_STARTED = Comparator.comparing(DeliveryAttempt::startedAt)
            .thenComparing(DeliveryAttempt::deliveryId).thenComparingInt(DeliveryAttempt::number);

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    private final Map<String, EventEntry> events = new HashMap<>();
    private final TreeSet<Key> eventOrder = new TreeSet<>();
    private final Map<TenantId, TreeSet<Key>> eventOrderByTenant = new HashMap<>();
    private final Map<TenantId, Map<String, Set<String>>> eventsBySubscriber = new HashMap<>();
    private final Map<TenantId, TreeSet<Key>> eventsWithoutKey = new HashMap<>();
    private final Map<String, Delivery> deliveries = new HashMap<>();
    private final Map<TenantId, TreeSet<Key>> deliveryOrderByTenant = new HashMap<>();
    private final Map<String, TreeSet<Key>> deliveryOrderByEndpoint = new HashMap<>();
    private final Map<String, List<DeliveryAttempt>> attempts = new HashMap<>();
    private final Map<String, Endpoint> endpoints = new HashMap<>();
    private final Map<TenantId, Set<String>> endpointsByTenant = new HashMap<>();
    private final DueIndex due = new DueIndex();
    private final byte[] subscriberIndexKey = randomKey();
    private final TreeSet<Key> leases = new TreeSet<>();

    /** A new, empty store. */
    public InMemoryWebhookStore() {
    }

    // ---- events ----------------------------------------------------------------------------

    @Override
    public AppendResult append(StoredEvent event, List<NewDelivery> newDeliveries) {
        List<NewDelivery> requested = StoreArguments.checkAppend(event, newDeliveries);
        return write(() -> appendHeld(event, requested, null));
    }

    @Override
    public AppendResult append(StoredEvent event, List<NewDelivery> newDeliveries, AppendLease lease) {
        List<NewDelivery> requested = StoreArguments.checkAppend(event, newDeliveries, lease);
        return write(() -> appendHeld(event, requested, lease));
    }

    /** Appends under the write lock, leasing what {@code lease} names (if not null) as it inserts. */
    private AppendResult appendHeld(StoredEvent event, List<NewDelivery> requested, AppendLease lease) {
        EventEntry stored = events.get(event.id());
        if (stored != null) {
            if (!stored.event.tenant().equals(event.tenant())) {
                // Says nothing of the other tenant's event: its id is simply not available.
                throw new StoreException("event id is taken: " + event.id());
            }
            return new AppendResult(false, stored.event, deliveriesOf(stored));
        }
        for (NewDelivery requestedDelivery : requested) {
            if (deliveries.containsKey(requestedDelivery.id())) {
                throw new StoreException("delivery id is already stored: " + requestedDelivery.id());
            }
            storedEndpoint(event.tenant(), requestedDelivery.endpointId());
        }
        EventEntry entry = new EventEntry(event);
        events.put(event.id(), entry);
        Key key = new Key(event.timestamp(), event.id());
        eventOrder.add(key);
        eventOrderByTenant.computeIfAbsent(event.tenant(), t -> new TreeSet<>()).add(key);
        indexSubscriber(event);
        for (NewDelivery requestedDelivery : requested) {
            Delivery delivery = requestedDelivery.toDelivery(event);
            if (lease != null && lease.deliveryIds().contains(delivery.id())) {
                delivery = delivery.withLeaseOwner(lease.owner())
                        .withLeaseExpiresAt(event.storedAt().plus(lease.duration()));
            }
            insert(entry, delivery);
        }
        return new AppendResult(true, event, deliveriesOf(entry));
    }

    @Override
    public Optional<StoredEvent> event(TenantId tenant, String eventId) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        Objects.requireNonNull(eventId, "eventId cannot be null");
        return read(() -> Optional.ofNullable(events.get(eventId)).map(entry -> entry.event)
                .filter(event -> event.tenant().equals(tenant)));
    }

    @Override
    public Page<StoredEvent> events(TenantId tenant, EventQuery query) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        Objects.requireNonNull(query, "query cannot be null");
        Key after = query.cursor() == null ? null : Key.of(KeysetCursor.decodeEvents(query.cursor()));
        return read(() -> {
            NavigableSet<Key> range = eventOrderByTenant.getOrDefault(tenant, new TreeSet<>()).subSet(Key.lowest(query.from()), true, Key.lowest(query.to()), false);
            if (query.order() == SortOrder.NEWEST_FIRST) {
                range = range.descendingSet();
            }
            if (after != null) {
                range = range.tailSet(after, false);
            }
            return page(range, query.limit(), key -> events.get(key.id()), entry -> matches(entry, query),
                    entry -> entry.event, KeysetCursor::encodeAfter);
        });
    }

    // ---- endpoints -------------------------------------------------------------------------

    @Override
    public Endpoint createEndpoint(Endpoint endpoint) {
        Objects.requireNonNull(endpoint, "endpoint cannot be null");
        return write(() -> {
            if (endpoints.containsKey(endpoint.id())) {
                throw new IllegalArgumentException("endpoint already exists: " + endpoint.id());
            }
            endpoints.put(endpoint.id(), endpoint);
            endpointsByTenant.computeIfAbsent(endpoint.tenant(), t -> new HashSet<>()).add(endpoint.id());
            return endpoint;
        });
    }

    @Override
    public Endpoint updateEndpoint(Endpoint endpoint) {
        Objects.requireNonNull(endpoint, "endpoint cannot be null");
        return write(() -> {
            Endpoint stored = storedEndpoint(endpoint.tenant(), endpoint.id());
            if (stored.version() != endpoint.version()) {
                throw new EndpointVersionConflictException(endpoint.id(), endpoint.version(), stored.version());
            }
            return putEndpoint(endpoint.withSecrets(stored.secrets()).withFailingSince(stored.failingSince())
                    .withCreatedAt(stored.createdAt()).withVersion(stored.version() + 1));
        });
    }

    @Override
    public Optional<Endpoint> endpoint(TenantId tenant, String endpointId) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        Objects.requireNonNull(endpointId, "endpointId cannot be null");
        return read(() -> Optional.ofNullable(endpoints.get(endpointId)).filter(e -> e.tenant().equals(tenant)));
    }

    @Override
    public List<Endpoint> endpoints(TenantId tenant) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        return read(() -> endpointsOf(tenant).toList());
    }

    @Override
    public long countDisabledEndpoints() {
        return read(() -> endpoints.values().stream().filter(endpoint -> !endpoint.enabled()).count());
    }

    @Override
    public List<Endpoint> subscribedEndpoints(TenantId tenant, String eventType) {
        StoreArguments.checkSubscribedEndpoints(tenant, eventType);
        return read(() -> endpointsOf(tenant).filter(endpoint -> endpoint.subscribesTo(eventType)).toList());
    }

    @Override
    public Endpoint rotateSecret(TenantId tenant, String endpointId, EndpointSecret newSecret, Instant oldExpireAt,
            Instant now) {
        StoreArguments.checkRotateSecret(tenant, endpointId, newSecret, oldExpireAt, now);
        return write(() -> {
            Endpoint stored = storedEndpoint(tenant, endpointId);
            List<EndpointSecret> secrets = EndpointSecret.rotate(stored.secrets(), newSecret, oldExpireAt, now);
            return putEndpoint(stored.withSecrets(secrets).withUpdatedAt(now).withVersion(stored.version() + 1));
        });
    }

    @Override
    public Endpoint recordEndpointHealth(TenantId tenant, String endpointId, boolean succeeded, Instant at) {
        StoreArguments.checkRecordEndpointHealth(tenant, endpointId, at);
        return write(() -> {
            Endpoint stored = storedEndpoint(tenant, endpointId);
            Instant failingSince = succeeded ? null : Objects.requireNonNullElse(stored.failingSince(), at);
            if (Objects.equals(failingSince, stored.failingSince())) {
                return stored;
            }
            return putEndpoint(stored.withFailingSince(failingSince).withVersion(stored.version() + 1));
        });
    }

    @Override
    public boolean deleteEndpoint(TenantId tenant, String endpointId, Instant now) {
        StoreArguments.checkDeleteEndpoint(tenant, endpointId, now);
        return write(() -> {
            Endpoint stored = endpoints.get(endpointId);
            if (stored == null || !stored.tenant().equals(tenant)) {
                return false;
            }
            removeEndpoint(stored, now);
            return true;
        });
    }

    // ---- deliveries ------------------------------------------------------------------------

    @Override
    public List<Delivery> claimDue(Instant now, int limit, String owner, Duration lease, Set<String> excludedEndpoints) {
        Set<String> excluded = StoreArguments.checkClaimDue(now, limit, owner, lease, excludedEndpoints);
        return write(() -> {
            returnExpiredLeases(now);
            List<Delivery> claimed = new ArrayList<>();
            Key candidate = null;
            while (claimed.size() < limit && (candidate = due.nextDue(candidate, now, excluded)) != null) {
                Delivery delivery = deliveries.get(candidate.id());
                if (isClaimable(delivery, now)) {
                    claimed.add(leaseTo(delivery, owner, now.plus(lease)));
                } else {
                    // Swept back by a caller whose clock was ahead: still leased by our clock.
                    replace(delivery, delivery);
                }
            }
            return List.copyOf(claimed);
        });
    }

    @Override
    public long countDue(Instant now) {
        Objects.requireNonNull(now, "now cannot be null");
        // A pending delivery is in the due index or, while leased, in the lease index: never in both.
        return read(() -> due.countDue(now) + leases.stream()
                .filter(key -> !deliveries.get(key.id()).nextAttemptAt().isAfter(now)).count());
    }

    @Override
    public Optional<Delivery> claim(String deliveryId, Instant now, String owner, Duration lease) {
        StoreArguments.checkClaim(deliveryId, now, owner, lease);
        return write(() -> {
            Delivery delivery = deliveries.get(deliveryId);
            if (delivery == null || !isClaimable(delivery, now)) {
                return Optional.empty();
            }
            return Optional.of(leaseTo(delivery, owner, now.plus(lease)));
        });
    }

    @Override
    public boolean recordAttempt(String owner, DeliveryAttempt attempt, DeliveryOutcome outcome, Instant now) {
        StoreArguments.checkRecordAttempt(owner, attempt, outcome, now);
        return write(() -> recordAttemptHeld(owner, attempt, outcome, now));
    }

    private boolean recordAttemptHeld(String owner, DeliveryAttempt attempt, DeliveryOutcome outcome, Instant now) {
        Delivery delivery = deliveries.get(attempt.deliveryId());
        if (delivery == null || !holdsLease(delivery, owner, now)) {
            return false;
        }
        attempts.computeIfAbsent(delivery.id(), id -> new ArrayList<>()).add(attempt);
        replace(delivery, withOutcome(delivery, outcome, delivery.attemptCount() + 1, now));
        return true;
    }

    @Override
    public Set<String> recordAttempts(String owner, List<AttemptResult> results, Instant now) {
        List<AttemptResult> checked = StoreArguments.checkRecordAttempts(owner, results, now);
        return write(() -> {
            Set<String> recorded = new HashSet<>();
            for (AttemptResult result : checked) {
                if (recordAttemptHeld(owner, result.attempt(), result.outcome(), now)) {
                    recorded.add(result.attempt().deliveryId());
                }
            }
            return recorded;
        });
    }

    @Override
    public boolean resolve(String deliveryId, String owner, DeliveryOutcome outcome, Instant now) {
        StoreArguments.checkResolve(deliveryId, owner, outcome, now);
        return write(() -> {
            Delivery delivery = deliveries.get(deliveryId);
            if (delivery == null || !holdsLease(delivery, owner, now)) {
                return false;
            }
            replace(delivery, withOutcome(delivery, outcome, delivery.attemptCount(), now));
            return true;
        });
    }

    @Override
    public boolean release(String deliveryId, String owner) {
        StoreArguments.checkRelease(deliveryId, owner);
        return write(() -> {
            Delivery delivery = deliveries.get(deliveryId);
            if (delivery == null || !owner.equals(delivery.leaseOwner())) {
                return false;
            }
            replace(delivery, delivery.withLeaseOwner(null).withLeaseExpiresAt(null));
            return true;
        });
    }

    @Override
    public Optional<Delivery> delivery(TenantId tenant, String deliveryId) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        Objects.requireNonNull(deliveryId, "deliveryId cannot be null");
        return read(() -> Optional.ofNullable(deliveries.get(deliveryId)).filter(d -> d.tenant().equals(tenant)));
    }

    @Override
    public Page<Delivery> deliveries(TenantId tenant, DeliveryQuery query) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        Objects.requireNonNull(query, "query cannot be null");
        Key after = query.cursor() == null ? null : Key.of(KeysetCursor.decodeDeliveries(query.cursor()));
        return read(() -> {
            NavigableSet<Key> keys = deliveryKeys(tenant, query);
            if (after != null) {
                keys = keys.tailSet(after, false);
            }
            return page(keys, query.limit(), key -> deliveries.get(key.id()),
                    delivery -> delivery.tenant().equals(tenant) && matches(delivery, query),
                    delivery -> delivery, KeysetCursor::encodeAfter);
        });
    }

    @Override
    public List<DeliveryAttempt> attempts(TenantId tenant, String deliveryId) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        Objects.requireNonNull(deliveryId, "deliveryId cannot be null");
        return read(() -> isTenants(tenant, deliveryId)
                ? List.copyOf(attempts.getOrDefault(deliveryId, List.of()))
                : List.of());
    }

    @Override
    public int countAttempts(TenantId tenant, String deliveryId) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        Objects.requireNonNull(deliveryId, "deliveryId cannot be null");
        return read(() -> isTenants(tenant, deliveryId) ? attempts.getOrDefault(deliveryId, List.of()).size() : 0);
    }

    @Override
    public List<AttemptCount> attemptCounts(TenantId tenant, AttemptCountQuery query) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        Objects.requireNonNull(query, "query cannot be null");
        return read(() -> {
            // Keyed by bucket start, then endpoint id: the order the result is listed in.
            TreeMap<Instant, TreeMap<String, long[]>> counts = new TreeMap<>();
            for (Delivery delivery : deliveriesTo(tenant, query.endpointId())) {
                List<DeliveryAttempt> logged = attempts.getOrDefault(delivery.id(), List.of());
                for (int i = 0; i < logged.size(); i++) {
                    DeliveryAttempt attempt = logged.get(i);
                    if (attempt.startedAt().isBefore(query.from()) || !attempt.startedAt().isBefore(query.to())) {
                        continue;
                    }
                    boolean last = i == logged.size() - 1 && delivery.status().isTerminal();
                    int outcome = attempt.succeeded() ? 0 : last ? 2 : 1;
                    counts.computeIfAbsent(query.bucketOf(attempt.startedAt()), b -> new TreeMap<>())
                            .computeIfAbsent(delivery.endpointId(), e -> new long[3])[outcome]++;
                }
            }
            List<AttemptCount> rows = new ArrayList<>();
            counts.forEach((bucket, byEndpoint) -> byEndpoint.forEach((endpointId, c) ->
                    rows.add(new AttemptCount(bucket, endpointId, c[0], c[1], c[2]))));
            return List.copyOf(rows);
        });
    }

    @Override
    public Optional<DeliveryAttempt> latestAttempt(TenantId tenant, String endpointId) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        Objects.requireNonNull(endpointId, "endpointId cannot be null");
        return read(() -> {
            return deliveriesTo(tenant, endpointId).stream()
                    .flatMap(delivery -> attempts.getOrDefault(delivery.id(), List.of()).stream())
                    .max(LATEST_STARTED);
        });
    }

    /** The tenant's deliveries, or only those to one endpoint (none if it is another tenant's). */
    private List<Delivery> deliveriesTo(TenantId tenant, String endpointId) {
        TreeSet<Key> keys = endpointId == null
                ? deliveryOrderByTenant.getOrDefault(tenant, new TreeSet<>())
                : deliveryOrderByEndpoint.getOrDefault(endpointId, new TreeSet<>());
        return keys.stream().map(key -> deliveries.get(key.id()))
                .filter(delivery -> delivery.tenant().equals(tenant)).toList();
    }

    @Override
    public Delivery scheduleReplay(TenantId tenant, String eventId, String endpointId, String newDeliveryId,
            Instant dueAt) {
        StoreArguments.checkScheduleReplay(tenant, eventId, endpointId, newDeliveryId, dueAt);
        return write(() -> {
            EventEntry entry = events.get(eventId);
            if (entry == null || !entry.event.tenant().equals(tenant)) {
                throw new NotFoundException("event", eventId);
            }
            storedEndpoint(tenant, endpointId);
            Optional<Delivery> existing = deliveriesOf(entry).stream()
                    .filter(delivery -> delivery.endpointId().equals(endpointId))
                    .findFirst();
            if (existing.isPresent()) {
                return rearm(existing.get(), dueAt);
            }
            if (deliveries.containsKey(newDeliveryId)) {
                throw new StoreException("delivery id is already stored: " + newDeliveryId);
            }
            Delivery created = new Delivery(newDeliveryId, tenant, eventId, endpointId, DeliveryStatus.PENDING, 0, dueAt,
                    true, null, null, dueAt, dueAt);
            insert(entry, created);
            return created;
        });
    }

    // ---- retention -------------------------------------------------------------------------

    @Override
    public int purgeEventsBefore(Instant cutoff, int batchSize) {
        StoreArguments.checkPurgeEventsBefore(cutoff, batchSize);
        return write(() -> {
            List<EventEntry> purgeable = new ArrayList<>();
            Iterator<Key> older = eventOrder.headSet(Key.lowest(cutoff), false).iterator();
            while (purgeable.size() < batchSize && older.hasNext()) {
                EventEntry entry = events.get(older.next().id());
                if (deliveriesOf(entry).stream().noneMatch(delivery -> delivery.status() == DeliveryStatus.PENDING)) {
                    purgeable.add(entry);
                }
            }
            purgeable.forEach(this::remove);
            return purgeable.size();
        });
    }

    // ---- erasure ---------------------------------------------------------------------------

    @Override
    public ErasureCounts deleteTenantBatch(TenantId tenant, int batchSize) {
        StoreArguments.checkDeleteTenantBatch(tenant, batchSize);
        return write(() -> {
            List<Endpoint> ofTenant = endpointsOf(tenant).limit(batchSize).toList();
            if (!ofTenant.isEmpty()) {
                // Their pending deliveries go with the events below (a claim meanwhile finds no endpoint
                // and cancels), so they are not cancelled one by one here.
                ofTenant.forEach(endpoint -> removeEndpoint(endpoint, null));
                return new ErasureCounts(0, 0, 0, ofTenant.size());
            }
            List<EventEntry> batch = eventOrderByTenant.getOrDefault(tenant, new TreeSet<>()).stream()
                    .limit(batchSize).map(key -> events.get(key.id())).toList();
            return removeAll(batch);
        });
    }

    @Override
    public ErasureCounts eraseSubscriberBatch(TenantId tenant, String subscriberKey, int batchSize) {
        StoreArguments.checkEraseSubscriberBatch(tenant, subscriberKey, batchSize);
        return write(() -> {
            Set<String> ids = eventsBySubscriber.getOrDefault(tenant, Map.of()).getOrDefault(subscriberKey, Set.of());
            List<EventEntry> batch = ids.stream().limit(batchSize).map(events::get).toList();
            return removeAll(batch);
        });
    }

    @Override
    public List<StoredEvent> eventsWithoutSubscriberKey(TenantId tenant, Set<String> types, int limit) {
        Set<String> wanted = StoreArguments.checkEventsWithoutSubscriberKey(tenant, types, limit);
        return read(() -> eventsWithoutKey.getOrDefault(tenant, new TreeSet<>()).stream()
                .map(key -> events.get(key.id()).event)
                .filter(event -> wanted.contains(event.type()))
                .limit(limit)
                .toList());
    }

    @Override
    public int setSubscriberKeys(TenantId tenant, Map<String, String> keysByEventId) {
        Map<String, String> keys = StoreArguments.checkSetSubscriberKeys(tenant, keysByEventId);
        return write(() -> {
            int set = 0;
            for (Map.Entry<String, String> key : keys.entrySet()) {
                EventEntry entry = events.get(key.getKey());
                if (entry == null || !entry.event.tenant().equals(tenant) || entry.event.subscriberKey() != null) {
                    continue;
                }
                unindexSubscriber(entry.event);
                StoredEvent event = entry.event;
                entry.event = new StoredEvent(event.id(), event.tenant(), event.type(), event.timestamp(),
                        event.storedAt(), event.body(), key.getValue(), event.traceContext());
                indexSubscriber(entry.event);
                set++;
            }
            return set;
        });
    }

    @Override
    public byte[] subscriberIndexKey() {
        return subscriberIndexKey.clone();
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return key;
    }

    private ErasureCounts removeAll(List<EventEntry> batch) {
        long deliveryCount = 0;
        long attemptCount = 0;
        for (EventEntry entry : batch) {
            deliveryCount += entry.deliveryIds.size();
            for (String deliveryId : entry.deliveryIds) {
                attemptCount += attempts.getOrDefault(deliveryId, List.of()).size();
            }
            remove(entry);
        }
        return new ErasureCounts(batch.size(), deliveryCount, attemptCount, 0);
    }

    @Override
    public String toString() {
        return read(() -> "InMemoryWebhookStore[events=" + events.size() + ", deliveries=" + deliveries.size()
                + ", endpoints=" + endpoints.size() + "]");
    }

    // ---- helpers: locking ------------------------------------------------------------------

    private <T> T read(Supplier<T> action) {
        lock.readLock().lock();
        try {
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private <T> T write(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            return action.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    // ---- helpers: events and deliveries ----------------------------------------------------

    private List<Delivery> deliveriesOf(EventEntry entry) {
        return entry.deliveryIds.stream().map(deliveries::get).toList();
    }

    private void insert(EventEntry entry, Delivery delivery) {
        entry.deliveryIds.add(delivery.id());
        deliveries.put(delivery.id(), delivery);
        Key created = new Key(delivery.createdAt(), delivery.id());
        deliveryOrderByTenant.computeIfAbsent(delivery.tenant(), t -> new TreeSet<>()).add(created);
        deliveryOrderByEndpoint.computeIfAbsent(delivery.endpointId(), id -> new TreeSet<>()).add(created);
        index(delivery);
    }

    private void remove(EventEntry entry) {
        for (Delivery delivery : deliveriesOf(entry)) {
            unindex(delivery);
            deliveries.remove(delivery.id());
            attempts.remove(delivery.id());
            Key created = new Key(delivery.createdAt(), delivery.id());
            removeFrom(deliveryOrderByTenant, delivery.tenant(), created);
            TreeSet<Key> ofEndpoint = deliveryOrderByEndpoint.get(delivery.endpointId());
            ofEndpoint.remove(created);
            if (ofEndpoint.isEmpty()) {
                deliveryOrderByEndpoint.remove(delivery.endpointId());
            }
        }
        Key key = new Key(entry.event.timestamp(), entry.event.id());
        eventOrder.remove(key);
        removeFrom(eventOrderByTenant, entry.event.tenant(), key);
        unindexSubscriber(entry.event);
        events.remove(entry.event.id());
    }

    private void indexSubscriber(StoredEvent event) {
        if (event.subscriberKey() != null) {
            eventsBySubscriber.computeIfAbsent(event.tenant(), t -> new HashMap<>())
                    .computeIfAbsent(event.subscriberKey(), k -> new HashSet<>()).add(event.id());
        } else {
            eventsWithoutKey.computeIfAbsent(event.tenant(), t -> new TreeSet<>())
                    .add(new Key(event.timestamp(), event.id()));
        }
    }

    private void unindexSubscriber(StoredEvent event) {
        if (event.subscriberKey() != null) {
            Map<String, Set<String>> ofTenant = eventsBySubscriber.get(event.tenant());
            removeFrom(ofTenant, event.subscriberKey(), event.id());
            if (ofTenant.isEmpty()) {
                eventsBySubscriber.remove(event.tenant());
            }
        } else {
            removeFrom(eventsWithoutKey, event.tenant(), new Key(event.timestamp(), event.id()));
        }
    }

    /** Removes a value from a map of sets, dropping a set that becomes empty. */
    private static <K, V> void removeFrom(Map<K, ? extends Set<V>> sets, K key, V value) {
        Set<V> set = sets.get(key);
        if (set != null && set.remove(value) && set.isEmpty()) {
            sets.remove(key);
        }
    }

    private boolean isTenants(TenantId tenant, String deliveryId) {
        Delivery delivery = deliveries.get(deliveryId);
        return delivery != null && delivery.tenant().equals(tenant);
    }

    private boolean matches(EventEntry entry, EventQuery query) {
        if (!query.types().isEmpty() && !query.types().contains(entry.event.type())) {
            return false;
        }
        if (query.endpointId() == null && query.deliveryStatuses().isEmpty()) {
            return true;
        }
        return deliveriesOf(entry).stream().anyMatch(delivery ->
                (query.endpointId() == null || query.endpointId().equals(delivery.endpointId()))
                        && (query.deliveryStatuses().isEmpty() || query.deliveryStatuses().contains(delivery.status())));
    }

    private NavigableSet<Key> deliveryKeys(TenantId tenant, DeliveryQuery query) {
        if (query.eventId() != null) {
            EventEntry entry = events.get(query.eventId());
            TreeSet<Key> keys = new TreeSet<>();
            if (entry != null && entry.event.tenant().equals(tenant)) {
                deliveriesOf(entry).forEach(delivery -> keys.add(new Key(delivery.createdAt(), delivery.id())));
            }
            return keys;
        }
        if (query.endpointId() != null) {
            return deliveryOrderByEndpoint.getOrDefault(query.endpointId(), new TreeSet<>());
        }
        return deliveryOrderByTenant.getOrDefault(tenant, new TreeSet<>());
    }

    private static boolean matches(Delivery delivery, DeliveryQuery query) {
        return (query.eventId() == null || query.eventId().equals(delivery.eventId()))
                && (query.endpointId() == null || query.endpointId().equals(delivery.endpointId()))
                && (query.statuses().isEmpty() || query.statuses().contains(delivery.status()));
    }

    /** Walks keys in order, keeping matches, until one more than a page is found. */
    private static <E, T> Page<T> page(Iterable<Key> keys, int limit, Function<Key, E> lookup,
            Predicate<E> filter, Function<E, T> item, Function<T, String> cursorAfter) {
        List<T> items = new ArrayList<>();
        for (Key key : keys) {
            E entry = lookup.apply(key);
            if (!filter.test(entry)) {
                continue;
            }
            if (items.size() == limit) {
                return new Page<>(items, cursorAfter.apply(items.get(limit - 1)));
            }
            items.add(item.apply(entry));
        }
        return new Page<>(items, null);
    }

    // ---- helpers: leases and outcomes ------------------------------------------------------

    private static boolean isClaimable(Delivery delivery, Instant now) {
        return delivery.status() == DeliveryStatus.PENDING
                && !delivery.nextAttemptAt().isAfter(now)
                && (delivery.leaseExpiresAt() == null || !delivery.leaseExpiresAt().isAfter(now));
    }

    private static boolean holdsLease(Delivery delivery, String owner, Instant now) {
        return owner.equals(delivery.leaseOwner()) && now.isBefore(delivery.leaseExpiresAt());
    }

    private Delivery leaseTo(Delivery delivery, String owner, Instant expiresAt) {
        Delivery leased = delivery.withLeaseOwner(owner).withLeaseExpiresAt(expiresAt);
        replace(delivery, leased);
        return leased;
    }

    private Delivery rearm(Delivery delivery, Instant dueAt) {
        if (delivery.status() == DeliveryStatus.PENDING) {
            return delivery;
        }
        Delivery rearmed = delivery.withStatus(DeliveryStatus.PENDING).withAttemptCount(0).withNextAttemptAt(dueAt)
                .withReplay(true).withLeaseOwner(null).withLeaseExpiresAt(null).withUpdatedAt(dueAt);
        replace(delivery, rearmed);
        return rearmed;
    }

    private static Delivery withOutcome(Delivery delivery, DeliveryOutcome outcome, int attemptCount, Instant now) {
        return delivery.withStatus(outcome.status()).withAttemptCount(attemptCount)
                .withNextAttemptAt(outcome.nextAttemptAt()).withLeaseOwner(null).withLeaseExpiresAt(null)
                .withUpdatedAt(now);
    }

    /** Stores a new version of a delivery and moves it between the due and lease indexes. */
    private void replace(Delivery old, Delivery updated) {
        unindex(old);
        deliveries.put(updated.id(), updated);
        index(updated);
    }

    private void index(Delivery delivery) {
        if (delivery.status() != DeliveryStatus.PENDING) {
            return;
        }
        if (delivery.leaseExpiresAt() != null) {
            leases.add(new Key(delivery.leaseExpiresAt(), delivery.id()));
        } else {
            due.add(delivery.endpointId(), new Key(delivery.nextAttemptAt(), delivery.id()));
        }
    }

    private void unindex(Delivery delivery) {
        if (delivery.nextAttemptAt() != null) {
            due.remove(delivery.endpointId(), new Key(delivery.nextAttemptAt(), delivery.id()));
        }
        if (delivery.leaseExpiresAt() != null) {
            leases.remove(new Key(delivery.leaseExpiresAt(), delivery.id()));
        }
    }

    /** Moves deliveries whose lease has ended by {@code now} back into the due index. */
    private void returnExpiredLeases(Instant now) {
        while (!leases.isEmpty() && !leases.first().at().isAfter(now)) {
            Delivery delivery = deliveries.get(leases.pollFirst().id());
            due.add(delivery.endpointId(), new Key(delivery.nextAttemptAt(), delivery.id()));
        }
    }

    // ---- helpers: endpoints ----------------------------------------------------------------

    private Endpoint storedEndpoint(TenantId tenant, String endpointId) {
        Endpoint stored = endpoints.get(endpointId);
        if (stored == null || !stored.tenant().equals(tenant)) {
            throw new NotFoundException("endpoint", endpointId);
        }
        return stored;
    }

    private java.util.stream.Stream<Endpoint> endpointsOf(TenantId tenant) {
        return endpointsByTenant.getOrDefault(tenant, Set.of()).stream()
                .map(endpoints::get)
                .sorted(Comparator.comparing(Endpoint::createdAt).thenComparing(Endpoint::id));
    }

    /** Removes an endpoint and, given a time, cancels its pending deliveries at it; its log stays. */
    private void removeEndpoint(Endpoint endpoint, Instant cancelAt) {
        endpoints.remove(endpoint.id());
        removeFrom(endpointsByTenant, endpoint.tenant(), endpoint.id());
        if (cancelAt == null) {
            return;
        }
        for (Key key : deliveryOrderByEndpoint.getOrDefault(endpoint.id(), new TreeSet<>())) {
            Delivery delivery = deliveries.get(key.id());
            if (delivery.status() == DeliveryStatus.PENDING) {
                replace(delivery, delivery.withStatus(DeliveryStatus.CANCELLED).withNextAttemptAt(null)
                        .withLeaseOwner(null).withLeaseExpiresAt(null).withUpdatedAt(cancelAt));
            }
        }
    }

    private Endpoint putEndpoint(Endpoint endpoint) {
        endpoints.put(endpoint.id(), endpoint);
        return endpoint;
    }

    /** An event and the ids of its deliveries, in the order they were created. */
    private static final class EventEntry {
        private StoredEvent event;
        private final List<String> deliveryIds = new ArrayList<>();

        private EventEntry(StoredEvent event) {
            this.event = event;
        }
    }
}
