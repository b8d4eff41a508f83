package com.migomail.webhooks.store.jdbc.internal;

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
import com.migomail.webhooks.store.DueWorkSubscription;
import com.migomail.webhooks.store.Endpoint;
import com.migomail.webhooks.store.EndpointSecret;
import com.migomail.webhooks.store.ErasureCounts;
import com.migomail.webhooks.store.EventQuery;
import com.migomail.webhooks.store.NewDelivery;
import com.migomail.webhooks.store.Page;
import com.migomail.webhooks.store.StoreArguments;
import com.migomail.webhooks.store.StoreException;
import com.migomail.webhooks.store.StoredEvent;
import com.migomail.webhooks.store.TenantId;
import com.migomail.webhooks.store.jdbc.Dialect;
import com.migomail.webhooks.store.jdbc.JdbcWebhookStore;
import com.migomail.webhooks.store.jdbc.SecretDecryptionException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The {@link JdbcWebhookStore}: validates arguments, makes sure the schema is ready (once, on first
 * use), and runs each operation as one short transaction through the repositories: operations of a
 * single statement run in auto-commit (one round trip), the others in an explicit transaction.
 */
public final class JdbcStore implements JdbcWebhookStore {

    private final DataSource dataSource;
    private final Database database;
    private final Tables tables;
    private final AutoCloseable owned;
    private final TenantId existingRowsTenant;
    private final Keyring keyring;
    /** Set when the builder enabled LISTEN/NOTIFY; PostgreSQL only. */
    private final DueWorkNotifications notifications;
    /** Set when the tables are partitioned by event day; PostgreSQL only. */
    private final PartitionDays partitions;
    private final Object initLock = new Object();
    private volatile Ready ready;
    private volatile Dialect detectedDialect;
    private volatile byte[] subscriberIndexKey;

    /** The repositories for the detected dialect, available once the schema is migrated. */
    /**
     * The endpoint writes of every H2 store in this JVM take turns. Under H2 2.3 two concurrent
     * UPDATEs of one endpoint row could both apply, the later to the row as it was before the
     * earlier: two conditional updates from one version both succeeded and a rotation was undone,
     * in about 50 of 3,000 runs of three threads writing one endpoint, and in none of 3,000 with the
     * writes taking turns. An H2 file belongs to one process, and endpoint writes are rare and
     * short; PostgreSQL re-checks a waiting UPDATE's condition itself, so it needs no such lock.
     */
    private static final Object H2_ENDPOINT_WRITES = new Object();

    private record Ready(Dialect dialect, EventRepository events, DeliveryRepository deliveries,
            EndpointRepository endpoints, ErasureRepository erasure, SecretsAtRest secrets) {
    }

    /**
     * A store over a data source. Does not connect.
     *
     * @param dataSource where connections are borrowed from, per operation
     * @param dialect the dialect, or {@code null} to detect it
     * @param tablePrefix the prefix of every table name, validated by the caller: it goes into SQL as is
     * @param owned what {@link #close()} closes, or {@code null}
     * @param existingRowsTenant the tenant that rows stored before schema version 2 get when the
     *     store migrates them, or {@code null} if the host named none
     * @param keyring the keys that encrypt endpoint secrets, or {@code null} to keep them in plain text
     * @param listenSource where the LISTEN connection of due-work notifications comes from, or
     *     {@code null} to send and hear none
     * @param partitionedByEventDay whether events, deliveries and attempts are partitioned by event
     *     day (PostgreSQL only)
     * @throws NullPointerException if dataSource or tablePrefix is null
     */
    public JdbcStore(DataSource dataSource, Dialect dialect, String tablePrefix, AutoCloseable owned,
            TenantId existingRowsTenant, Keyring keyring, DataSource listenSource, boolean partitionedByEventDay) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource cannot be null");
        this.database = new Database(dataSource);
        this.tables = new Tables(Objects.requireNonNull(tablePrefix, "tablePrefix cannot be null"), partitionedByEventDay);
        this.owned = owned;
        this.detectedDialect = dialect;
        this.existingRowsTenant = existingRowsTenant;
        this.keyring = keyring;
        this.notifications = listenSource == null ? null : new DueWorkNotifications(listenSource, tablePrefix);
        this.partitions = partitionedByEventDay ? new PartitionDays(tables) : null;
    }

    private Ready ready() {
        Ready current = ready;
        if (current != null) {
            return current;
        }
        synchronized (initLock) {
            if (ready == null) {
                Dialect dialect = dialect();
                if (notifications != null && dialect != Dialect.POSTGRESQL) {
                    throw new IllegalStateException("dueWorkNotifications needs PostgreSQL (LISTEN/NOTIFY); the"
                            + " database is " + dialect);
                }
                if (partitions != null && dialect != Dialect.POSTGRESQL) {
                    throw new IllegalStateException("partitionedByEventDay needs PostgreSQL (declarative"
                            + " partitioning); the database is " + dialect);
                }
                database.autoCommit("durability check", c -> DurabilityCheck.check(c, dialect));
                new Migrator(tables, dialect, existingRowsTenant).migrate(database);
                if (partitions != null) {
                    partitions.load(database);
                    long today = PartitionDays.dayOf(Times.clampedNanos(Instant.now()));
                    partitions.ensureDays(database, today - 1, today + PartitionDays.DAYS_AHEAD);
                }
                SecretsAtRest secrets = new SecretsAtRest(tables, dialect, keyring);
                secrets.start(database);
                ready = new Ready(dialect, new EventRepository(tables, dialect, notifications),
                        new DeliveryRepository(tables, dialect, notifications), new EndpointRepository(tables, dialect, secrets),
                        new ErasureRepository(tables, dialect), secrets);
            }
            return ready;
        }
    }

    @Override
    public Dialect dialect() {
        Dialect dialect = detectedDialect;
        if (dialect == null) {
            dialect = database.transaction("dialect detection", JdbcStore::detect);
            detectedDialect = dialect;
        }
        return dialect;
    }

    private static Dialect detect(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        String normalized = product == null ? "" : product.toLowerCase(Locale.ROOT);
        if (normalized.contains("postgresql")) {
            return Dialect.POSTGRESQL;
        }
        if (normalized.equals("h2")) {
            return Dialect.H2;
        }
        throw new StoreException("unsupported database \"" + product + "\": use PostgreSQL or H2");
    }

    @Override
    public String tablePrefix() {
        return tables.prefix();
    }

    @Override
    public void migrate() {
        ready();
    }

    @Override
    public int reencryptSecrets() {
        Ready r = ready();
        r.secrets().replaceDataKey(database);
        SecretsAtRest.Pass pass = r.secrets().encryptRows(database);
        if (pass.failure() != null) {
            SecretDecryptionException e = pass.failure();
            // The cause says why; this says what the call did and did not do.
            throw new SecretDecryptionException(e.tenant(), e.endpointId(), "they stay as they were, and the old"
                    + " data key is kept until the endpoint is deleted; " + pass.changed() + " other endpoints were"
                    + " re-encrypted", e);
        }
        return pass.changed();
    }

    @Override
    public AppendResult append(StoredEvent event, List<NewDelivery> deliveries) {
        List<NewDelivery> requested = StoreArguments.checkAppend(event, deliveries);
        return append(ready(), event, requested, null);
    }

    @Override
    public AppendResult append(StoredEvent event, List<NewDelivery> deliveries, AppendLease lease) {
        List<NewDelivery> requested = StoreArguments.checkAppend(event, deliveries, lease);
        return append(ready(), event, requested, lease);
    }

    /**
     * One statement where it can be (PostgreSQL, the plain case), else the reading transaction. With
     * partitions, the event's day is made sure of first; an insert that still finds no partition
     * (another node dropped the day since this one looked) retries once after creating it.
     */
    private AppendResult append(Ready r, StoredEvent event, List<NewDelivery> requested, AppendLease lease) {
        if (partitions == null) {
            return appendOnce(r, event, requested, lease);
        }
        partitions.ensureFor(database, event.timestamp());
        try {
            return remembered(appendOnce(r, event, requested, lease));
        } catch (StoreException e) {
            if (!(e.getCause() instanceof SQLException sql && PartitionDays.NO_PARTITION.equals(sql.getSQLState()))) {
                throw e;
            }
            partitions.forget(PartitionDays.dayOf(Times.nanos(event.timestamp(), "timestamp")));
            partitions.ensureFor(database, event.timestamp());
            return remembered(appendOnce(r, event, requested, lease));
        }
    }

    /** Notes the event time of the deliveries an append stored, for their outcomes' statements. */
    private AppendResult remembered(AppendResult result) {
        if (result.created()) {
            partitions.rememberEventTs(result.deliveries().stream().map(Delivery::id).toList(),
                    result.event().timestamp());
        }
        return result;
    }

    private AppendResult appendOnce(Ready r, StoredEvent event, List<NewDelivery> requested, AppendLease lease) {
        String operation = "append of event " + event.id();
        Optional<AppendResult> appended = r.dialect() == Dialect.POSTGRESQL
                ? database.autoCommit(operation, c -> r.events().appendInOneStatement(c, event, requested, lease))
                : Optional.empty();
        if (partitions != null) {
            try {
                return database.transaction(operation, c -> r.events().append(c, event, requested, lease));
            } catch (IdLocks.RepeatableReadException e) {
                // The pool hands out REPEATABLE READ connections: again at READ COMMITTED. Only
                // then, since asking a connection its isolation costs a round trip.
                return database.readCommittedTransaction(operation, c -> r.events().append(c, event, requested, lease));
            }
        }
        return appended.orElseGet(() -> database.transaction(operation,
                c -> r.events().append(c, event, requested, lease)));
    }

    @Override
    public AppendResult append(Connection connection, StoredEvent event, List<NewDelivery> deliveries) {
        Objects.requireNonNull(connection, "connection cannot be null");
        List<NewDelivery> requested = StoreArguments.checkAppend(event, deliveries);
        Ready r = ready();
        try {
            if (connection.getAutoCommit()) {
                throw new IllegalArgumentException("connection is in auto-commit mode:"
                        + " the outbox append must run inside the caller's transaction");
            }
            if (partitions != null) {
                // On a connection of the store's own, committed at once: not in the caller's transaction.
                partitions.ensureFor(database, event.timestamp());
            }
            return r.events().append(connection, event, requested);
        } catch (SQLException e) {
            if (partitions != null && PartitionDays.NO_PARTITION.equals(e.getSQLState())) {
                // Another node dropped the day since this one looked: the caller's retry creates it.
                partitions.forget(PartitionDays.dayOf(Times.nanos(event.timestamp(), "timestamp")));
            }
            throw Database.failure("outbox append of event " + event.id(), e);
        }
    }

    @Override
    public Optional<StoredEvent> event(TenantId tenant, String eventId) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        Objects.requireNonNull(eventId, "eventId cannot be null");
        Ready r = ready();
        return database.autoCommit("read of event " + eventId, c -> r.events().find(c, tenant, eventId));
    }

    @Override
    public Page<StoredEvent> events(TenantId tenant, EventQuery query) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        Objects.requireNonNull(query, "query cannot be null");
        Ready r = ready();
        return database.autoCommit("event listing", c -> r.events().events(c, tenant, query));
    }

    @Override
    public Endpoint createEndpoint(Endpoint endpoint) {
        Objects.requireNonNull(endpoint, "endpoint cannot be null");
        Ready r = ready();
        return database.transaction("creation of endpoint " + endpoint.id(), c -> r.endpoints().create(c, endpoint));
    }

    @Override
    public Endpoint updateEndpoint(Endpoint endpoint) {
        Objects.requireNonNull(endpoint, "endpoint cannot be null");
        Ready r = ready();
        return endpointWrite(r, () -> database.transaction("update of endpoint " + endpoint.id(),
                c -> r.endpoints().update(c, endpoint)));
    }

    @Override
    public Optional<Endpoint> endpoint(TenantId tenant, String endpointId) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        Objects.requireNonNull(endpointId, "endpointId cannot be null");
        Ready r = ready();
        return database.autoCommit("read of endpoint " + endpointId, c -> r.endpoints().find(c, tenant, endpointId));
    }

    @Override
    public List<Endpoint> endpoints(TenantId tenant) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        Ready r = ready();
        return database.autoCommit("endpoint listing", c -> r.endpoints().all(c, tenant));
    }

    @Override
    public long countDisabledEndpoints() {
        Ready r = ready();
        return database.autoCommit("count of disabled endpoints", c -> r.endpoints().countDisabled(c));
    }

    @Override
    public List<Endpoint> subscribedEndpoints(TenantId tenant, String eventType) {
        StoreArguments.checkSubscribedEndpoints(tenant, eventType);
        Ready r = ready();
        return database.autoCommit("fan-out to endpoints for " + eventType,
                c -> r.endpoints().subscribed(c, tenant, eventType));
    }

    @Override
    public Endpoint rotateSecret(TenantId tenant, String endpointId, EndpointSecret newSecret, Instant oldExpireAt,
            Instant now) {
        StoreArguments.checkRotateSecret(tenant, endpointId, newSecret, oldExpireAt, now);
        Ready r = ready();
        return endpointWrite(r, () -> database.transaction("secret rotation of endpoint " + endpointId,
                c -> r.endpoints().rotateSecret(c, tenant, endpointId, newSecret, oldExpireAt, now)));
    }

    @Override
    public Endpoint recordEndpointHealth(TenantId tenant, String endpointId, boolean succeeded, Instant at) {
        StoreArguments.checkRecordEndpointHealth(tenant, endpointId, at);
        Ready r = ready();
        return endpointWrite(r, () -> database.autoCommit("health of endpoint " + endpointId,
                c -> r.endpoints().recordHealth(c, tenant, endpointId, succeeded, at)));
    }

    @Override
    public boolean deleteEndpoint(TenantId tenant, String endpointId, Instant now) {
        StoreArguments.checkDeleteEndpoint(tenant, endpointId, now);
        Ready r = ready();
        return endpointWrite(r, () -> database.transaction("deletion of endpoint " + endpointId, c -> {
            if (!r.endpoints().delete(c, tenant, endpointId)) {
                return false;
            }
            r.deliveries().cancelPendingTo(c, tenant, endpointId, now);
            return true;
        }));
    }

    /** Runs a write of an endpoint row, on H2 in turn with every other (see {@link #H2_ENDPOINT_WRITES}). */
    private static <T> T endpointWrite(Ready r, Supplier<T> write) {
        if (r.dialect() != Dialect.H2) {
            return write.get();
        }
        synchronized (H2_ENDPOINT_WRITES) {
            return write.get();
        }
    }

    @Override
    public List<Delivery> claimDue(Instant now, int limit, String owner, Duration lease, Set<String> excludedEndpoints) {
        Set<String> excluded = StoreArguments.checkClaimDue(now, limit, owner, lease, excludedEndpoints);
        if (limit == 0) {
            return List.of();
        }
        Ready r = ready();
        if (r.dialect() == Dialect.POSTGRESQL) {
            return database.autoCommit("claim of due deliveries",
                    c -> r.deliveries().claimDueSkippingLocked(c, now, limit, owner, lease, excluded));
        }
        return database.autoCommit("claim of due deliveries",
                c -> r.deliveries().claimDueRowByRow(c, now, limit, owner, lease, excluded));
    }

    @Override
    public long countDue(Instant now) {
        Objects.requireNonNull(now, "now cannot be null");
        Ready r = ready();
        return database.autoCommit("count of due deliveries", c -> r.deliveries().countDue(c, now));
    }

    @Override
    public Optional<Instant> sharedClockTime() {
        if (ready().dialect() != Dialect.POSTGRESQL) {
            return Optional.empty();
        }
        // clock_timestamp(), not now(): now() is the transaction's start, and this reads the clock itself.
        return Optional.of(database.autoCommit("read of the database clock", c -> new Sql(
                "SELECT clock_timestamp()").query(c, rows -> rows.getTimestamp(1).toInstant()).get(0)));
    }

    @Override
    public Optional<Delivery> claim(String deliveryId, Instant now, String owner, Duration lease) {
        StoreArguments.checkClaim(deliveryId, now, owner, lease);
        Ready r = ready();
        return database.autoCommit("claim of delivery " + deliveryId,
                c -> r.deliveries().claim(c, deliveryId, now, owner, lease));
    }

    @Override
    public boolean recordAttempt(String owner, DeliveryAttempt attempt, DeliveryOutcome outcome, Instant now) {
        StoreArguments.checkRecordAttempt(owner, attempt, outcome, now);
        Ready r = ready();
        String operation = "record of an attempt of delivery " + attempt.deliveryId();
        if (r.dialect() == Dialect.POSTGRESQL) {
            return database.autoCommit(operation, c -> r.deliveries().recordAttemptInOneStatement(c, owner, attempt,
                    outcome, now));
        }
        return database.transaction(operation, c -> r.deliveries().recordAttempt(c, owner, attempt, outcome, now));
    }

    @Override
    public Set<String> recordAttempts(String owner, List<AttemptResult> results, Instant now) {
        List<AttemptResult> checked = StoreArguments.checkRecordAttempts(owner, results, now);
        if (checked.isEmpty()) {
            return Set.of();
        }
        Ready r = ready();
        String operation = "record of " + checked.size() + " attempts";
        if (r.dialect() == Dialect.POSTGRESQL) {
            long[] eventTs = partitions == null ? null
                    : partitions.eventTsOf(checked.stream().map(result -> result.attempt().deliveryId()).toList());
            if (partitions != null) {
                checked.stream().filter(result -> result.outcome().status() != DeliveryStatus.PENDING)
                        .forEach(result -> partitions.forgetEventTs(result.attempt().deliveryId()));
            }
            return database.autoCommit(operation, c -> {
                Set<String> recorded = r.deliveries().recordAttemptsInOneStatement(c, owner, checked, eventTs, now);
                if (recorded.size() == checked.size()) {
                    return recorded;
                }
                // A row another transaction held was skipped, not waited on; one by one, this waits
                // like a single record does. A row whose lease was lost fails again, harmlessly.
                Set<String> all = new HashSet<>(recorded);
                for (AttemptResult result : checked) {
                    String id = result.attempt().deliveryId();
                    if (!recorded.contains(id) && r.deliveries().recordAttemptInOneStatement(c, owner,
                            result.attempt(), result.outcome(), now)) {
                        all.add(id);
                    }
                }
                return all;
            });
        }
        return database.transaction(operation, c -> {
            Set<String> recorded = new HashSet<>();
            for (AttemptResult result : checked) {
                if (r.deliveries().recordAttempt(c, owner, result.attempt(), result.outcome(), now)) {
                    recorded.add(result.attempt().deliveryId());
                }
            }
            return recorded;
        });
    }

    @Override
    public boolean resolve(String deliveryId, String owner, DeliveryOutcome outcome, Instant now) {
        StoreArguments.checkResolve(deliveryId, owner, outcome, now);
        Ready r = ready();
        return database.autoCommit("resolution of delivery " + deliveryId,
                c -> r.deliveries().resolve(c, deliveryId, owner, outcome, now));
    }

    @Override
    public boolean release(String deliveryId, String owner) {
        StoreArguments.checkRelease(deliveryId, owner);
        Ready r = ready();
        return database.autoCommit("release of delivery " + deliveryId,
                c -> r.deliveries().release(c, deliveryId, owner));
    }

    @Override
    public DueWorkSubscription onDueWork(Runnable wakeUp) {
        Objects.requireNonNull(wakeUp, "wakeUp cannot be null");
        if (notifications == null) {
            return DueWorkSubscription.NONE;
        }
        ready(); // fails on H2 before a thread is started
        return notifications.subscribe(wakeUp);
    }

    @Override
    public Optional<Delivery> delivery(TenantId tenant, String deliveryId) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        Objects.requireNonNull(deliveryId, "deliveryId cannot be null");
        Ready r = ready();
        return database.autoCommit("read of delivery " + deliveryId, c -> r.deliveries().find(c, tenant, deliveryId));
    }

    @Override
    public Page<Delivery> deliveries(TenantId tenant, DeliveryQuery query) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        Objects.requireNonNull(query, "query cannot be null");
        Ready r = ready();
        return database.autoCommit("delivery listing", c -> r.deliveries().deliveries(c, tenant, query));
    }

    @Override
    public List<DeliveryAttempt> attempts(TenantId tenant, String deliveryId) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        Objects.requireNonNull(deliveryId, "deliveryId cannot be null");
        Ready r = ready();
        return database.autoCommit("attempts of delivery " + deliveryId,
                c -> r.deliveries().attempts(c, tenant, deliveryId));
    }

    @Override
    public int countAttempts(TenantId tenant, String deliveryId) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        Objects.requireNonNull(deliveryId, "deliveryId cannot be null");
        Ready r = ready();
        return database.autoCommit("count of attempts of delivery " + deliveryId,
                c -> r.deliveries().countAttempts(c, tenant, deliveryId));
    }

    @Override
    public List<AttemptCount> attemptCounts(TenantId tenant, AttemptCountQuery query) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        Objects.requireNonNull(query, "query cannot be null");
        Ready r = ready();
        return database.autoCommit("attempt counts", c -> r.deliveries().attemptCounts(c, tenant, query));
    }

    @Override
    public Optional<DeliveryAttempt> latestAttempt(TenantId tenant, String endpointId) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        Objects.requireNonNull(endpointId, "endpointId cannot be null");
        Ready r = ready();
        return database.autoCommit("latest attempt to endpoint " + endpointId,
                c -> r.deliveries().latestAttempt(c, tenant, endpointId));
    }

    @Override
    public Delivery scheduleReplay(TenantId tenant, String eventId, String endpointId, String newDeliveryId,
            Instant dueAt) {
        StoreArguments.checkScheduleReplay(tenant, eventId, endpointId, newDeliveryId, dueAt);
        Ready r = ready();
        return database.transaction("replay of event " + eventId,
                c -> r.deliveries().scheduleReplay(c, tenant, eventId, endpointId, newDeliveryId, dueAt));
    }

    @Override
    public void createEventDayPartitions(Instant from, Instant to) {
        Objects.requireNonNull(from, "from cannot be null");
        Objects.requireNonNull(to, "to cannot be null");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to is before from: " + from + " .. " + to);
        }
        if (partitions == null) {
            throw new IllegalStateException("the store is not partitioned by event day (partitionedByEventDay())");
        }
        ready();
        long fromDay = PartitionDays.dayOf(Times.nanos(from, "from"));
        long toDay = PartitionDays.dayOf(Times.nanos(to, "to"));
        partitions.ensureDays(database, fromDay, toDay);
    }

    @Override
    public int purgeEventsBefore(Instant cutoff, int batchSize) {
        StoreArguments.checkPurgeEventsBefore(cutoff, batchSize);
        Ready r = ready();
        if (partitions != null) {
            long today = PartitionDays.dayOf(Times.clampedNanos(Instant.now()));
            partitions.ensureDays(database, today, today + PartitionDays.DAYS_AHEAD);
            return (int) Math.min(Integer.MAX_VALUE, partitions.dropDaysBefore(database, cutoff));
        }
        return database.transaction("purge", c -> r.events().purge(c, cutoff, batchSize));
    }

    @Override
    public ErasureCounts deleteTenantBatch(TenantId tenant, int batchSize) {
        StoreArguments.checkDeleteTenantBatch(tenant, batchSize);
        Ready r = ready();
        r.endpoints().forget(tenant);
        return database.transaction("deletion of tenant " + tenant, c -> r.erasure().deleteTenantBatch(c, tenant,
                batchSize));
    }

    @Override
    public ErasureCounts eraseSubscriberBatch(TenantId tenant, String subscriberKey, int batchSize) {
        StoreArguments.checkEraseSubscriberBatch(tenant, subscriberKey, batchSize);
        Ready r = ready();
        // The key is not named in the message: it identifies a person.
        return database.transaction("subscriber erasure in tenant " + tenant,
                c -> r.erasure().eraseSubscriberBatch(c, tenant, subscriberKey, batchSize));
    }

    @Override
    public List<StoredEvent> eventsWithoutSubscriberKey(TenantId tenant, Set<String> types, int limit) {
        Set<String> wanted = StoreArguments.checkEventsWithoutSubscriberKey(tenant, types, limit);
        Ready r = ready();
        return database.autoCommit("reading unindexed events of tenant " + tenant,
                c -> r.erasure().eventsWithoutSubscriberKey(c, tenant, wanted, limit));
    }

    @Override
    public int setSubscriberKeys(TenantId tenant, Map<String, String> keysByEventId) {
        Map<String, String> keys = StoreArguments.checkSetSubscriberKeys(tenant, keysByEventId);
        Ready r = ready();
        return database.transaction("indexing subscribers of tenant " + tenant,
                c -> r.erasure().setSubscriberKeys(c, tenant, keys));
    }

    @Override
    public byte[] subscriberIndexKey() {
        byte[] key = subscriberIndexKey;
        if (key == null) {
            Ready r = ready();
            // A transaction: the key is sealed under the data key read with a share lock.
            key = database.transaction("reading the subscriber index key",
                    c -> r.secrets().subscriberIndexKey(c));
            subscriberIndexKey = key;
        }
        return key.clone();
    }

    @Override
    public void close() {
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                throw new StoreException("closing the store's data source failed", e);
            }
        }
    }

    @Override
    public String toString() {
        return "JdbcWebhookStore[prefix=" + tables.prefix() + ", dialect=" + detectedDialect + ", dataSource="
                + dataSource.getClass().getName() + ", secrets=" + (keyring == null ? "plain text" : "encrypted")
                + (notifications == null ? "" : ", dueWorkNotifications=" + notifications.channel()) + "]";
    }
}
