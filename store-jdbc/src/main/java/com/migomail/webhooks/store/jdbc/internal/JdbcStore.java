package com.migomail.webhooks.store.jdbc.internal;

import com.migomail.webhooks.store.AppendResult;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.DeliveryOutcome;
import com.migomail.webhooks.store.DeliveryQuery;
import com.migomail.webhooks.store.Endpoint;
import com.migomail.webhooks.store.EndpointSecret;
import com.migomail.webhooks.store.EventQuery;
import com.migomail.webhooks.store.NewDelivery;
import com.migomail.webhooks.store.Page;
import com.migomail.webhooks.store.StoreArguments;
import com.migomail.webhooks.store.StoreException;
import com.migomail.webhooks.store.StoredEvent;
import com.migomail.webhooks.store.jdbc.Dialect;
import com.migomail.webhooks.store.jdbc.JdbcWebhookStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
    private final Object initLock = new Object();
    private volatile Ready ready;
    private volatile Dialect detectedDialect;

    /** The repositories for the detected dialect, available once the schema is migrated. */
    private record Ready(Dialect dialect, EventRepository events, DeliveryRepository deliveries,
            EndpointRepository endpoints) {
    }

    /**
     * A store over a data source. Does not connect.
     *
     * @param dataSource where connections are borrowed from, per operation
     * @param dialect the dialect, or {@code null} to detect it
     * @param tablePrefix the prefix of every table name, validated by the caller: it goes into SQL as is
     * @param owned what {@link #close()} closes, or {@code null}
     * @throws NullPointerException if dataSource or tablePrefix is null
     */
    public JdbcStore(DataSource dataSource, Dialect dialect, String tablePrefix, AutoCloseable owned) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource cannot be null");
        this.database = new Database(dataSource);
        this.tables = new Tables(Objects.requireNonNull(tablePrefix, "tablePrefix cannot be null"));
        this.owned = owned;
        this.detectedDialect = dialect;
    }

    private Ready ready() {
        Ready current = ready;
        if (current != null) {
            return current;
        }
        synchronized (initLock) {
            if (ready == null) {
                Dialect dialect = dialect();
                database.autoCommit("durability check", c -> DurabilityCheck.check(c, dialect));
                new Migrator(tables, dialect).migrate(database);
                ready = new Ready(dialect, new EventRepository(tables, dialect),
                        new DeliveryRepository(tables, dialect), new EndpointRepository(tables, dialect));
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
    public AppendResult append(StoredEvent event, List<NewDelivery> deliveries) {
        List<NewDelivery> requested = StoreArguments.checkAppend(event, deliveries);
        Ready r = ready();
        return database.transaction("append of event " + event.id(), c -> r.events().append(c, event, requested));
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
            return r.events().append(connection, event, requested);
        } catch (SQLException e) {
            throw Database.failure("outbox append of event " + event.id(), e);
        }
    }

    @Override
    public Optional<StoredEvent> event(String eventId) {
        Objects.requireNonNull(eventId, "eventId cannot be null");
        Ready r = ready();
        return database.autoCommit("read of event " + eventId, c -> r.events().find(c, eventId));
    }

    @Override
    public Page<StoredEvent> events(EventQuery query) {
        Objects.requireNonNull(query, "query cannot be null");
        Ready r = ready();
        return database.autoCommit("event listing", c -> r.events().events(c, query));
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
        return database.transaction("update of endpoint " + endpoint.id(), c -> r.endpoints().update(c, endpoint));
    }

    @Override
    public Optional<Endpoint> endpoint(String endpointId) {
        Objects.requireNonNull(endpointId, "endpointId cannot be null");
        Ready r = ready();
        return database.autoCommit("read of endpoint " + endpointId, c -> r.endpoints().find(c, endpointId));
    }

    @Override
    public List<Endpoint> endpoints() {
        Ready r = ready();
        return database.autoCommit("endpoint listing", c -> r.endpoints().all(c));
    }

    @Override
    public Endpoint rotateSecret(String endpointId, EndpointSecret newSecret, Instant oldExpireAt, Instant now) {
        StoreArguments.checkRotateSecret(endpointId, newSecret, oldExpireAt, now);
        Ready r = ready();
        return database.transaction("secret rotation of endpoint " + endpointId,
                c -> r.endpoints().rotateSecret(c, endpointId, newSecret, oldExpireAt, now));
    }

    @Override
    public Endpoint recordEndpointHealth(String endpointId, boolean succeeded, Instant at) {
        StoreArguments.checkRecordEndpointHealth(endpointId, at);
        Ready r = ready();
        return database.autoCommit("health of endpoint " + endpointId,
                c -> r.endpoints().recordHealth(c, endpointId, succeeded, at));
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
    public Optional<Delivery> delivery(String deliveryId) {
        Objects.requireNonNull(deliveryId, "deliveryId cannot be null");
        Ready r = ready();
        return database.autoCommit("read of delivery " + deliveryId, c -> r.deliveries().find(c, deliveryId));
    }

    @Override
    public Page<Delivery> deliveries(DeliveryQuery query) {
        Objects.requireNonNull(query, "query cannot be null");
        Ready r = ready();
        return database.autoCommit("delivery listing", c -> r.deliveries().deliveries(c, query));
    }

    @Override
    public List<DeliveryAttempt> attempts(String deliveryId) {
        Objects.requireNonNull(deliveryId, "deliveryId cannot be null");
        Ready r = ready();
        return database.autoCommit("attempts of delivery " + deliveryId, c -> r.deliveries().attempts(c, deliveryId));
    }

    @Override
    public int countAttempts(String deliveryId) {
        Objects.requireNonNull(deliveryId, "deliveryId cannot be null");
        Ready r = ready();
        return database.autoCommit("count of attempts of delivery " + deliveryId,
                c -> r.deliveries().countAttempts(c, deliveryId));
    }

    @Override
    public Delivery scheduleReplay(String eventId, String endpointId, String newDeliveryId, Instant dueAt) {
        StoreArguments.checkScheduleReplay(eventId, endpointId, newDeliveryId, dueAt);
        Ready r = ready();
        return database.transaction("replay of event " + eventId,
                c -> r.deliveries().scheduleReplay(c, eventId, endpointId, newDeliveryId, dueAt));
    }

    @Override
    public int purgeEventsBefore(Instant cutoff, int batchSize) {
        StoreArguments.checkPurgeEventsBefore(cutoff, batchSize);
        Ready r = ready();
        return database.transaction("purge", c -> r.events().purge(c, cutoff, batchSize));
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
                + dataSource.getClass().getName() + "]";
    }
}
