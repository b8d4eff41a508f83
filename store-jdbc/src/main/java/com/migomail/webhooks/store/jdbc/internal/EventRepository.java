package com.migomail.webhooks.store.jdbc.internal;

import com.migomail.webhooks.store.AppendLease;
import com.migomail.webhooks.store.AppendResult;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.EventQuery;
import com.migomail.webhooks.store.KeysetCursor;
import com.migomail.webhooks.store.NewDelivery;
import com.migomail.webhooks.store.NotFoundException;
import com.migomail.webhooks.store.Page;
import com.migomail.webhooks.store.SortOrder;
import com.migomail.webhooks.store.StoreException;
import com.migomail.webhooks.store.StoredEvent;
import com.migomail.webhooks.store.TenantId;
import com.migomail.webhooks.store.jdbc.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Events: append (with deliveries), lookup, range listing and purge. */
final class EventRepository {

    /** SQLSTATE class 22, data exception: a value the statement could not take (e.g. a NUL in text). */
    private static final String DATA_EXCEPTION = "22";

    private final Tables tables;
    private final Dialect dialect;
    private final DueWorkNotifications notifications;
    private final String appendSql;
    private final String appendAndNotifySql;

    /** @param notifications where to signal deliveries left for any node to claim, or {@code null} */
    EventRepository(Tables tables, Dialect dialect, DueWorkNotifications notifications) {
        this.tables = tables;
        this.dialect = dialect;
        this.notifications = notifications;
        this.appendSql = appendInOneStatementSql(tables, false);
        this.appendAndNotifySql = appendInOneStatementSql(tables, true);
    }

    /**
     * The one statement of a plain PostgreSQL append (see {@link #appendInOneStatement}), kept whole
     * (see {@link Sql}): the endpoints' tenant check, the event, its deliveries from {@code unnest},
     * and with {@code notify} the wake-up of other nodes, which binds one parameter more.
     */
    private static String appendInOneStatementSql(Tables tables, boolean notify) {
        return "WITH valid AS (SELECT count(*) AS n FROM " + tables.endpoints() + " WHERE tenant_id = ? AND id = ANY(?)),"
                + " inserted AS (INSERT INTO " + tables.events() + " (" + Rows.EVENT_COLUMNS + ")"
                + " SELECT ?, ?, ?, ?, ?, ?, ?, ? FROM valid WHERE valid.n = ?"
                + " ON CONFLICT (id) DO NOTHING RETURNING id),"
                + " rows AS (INSERT INTO " + tables.deliveries() + " (" + Rows.DELIVERY_COLUMNS + ")"
                + " SELECT t.id, ?, ?, t.endpoint_id, t.status, 0, t.next_attempt_at, FALSE, t.lease_owner,"
                + " t.lease_expires_at, t.created_at, t.updated_at"
                + " FROM unnest(?, ?, ?, ?, ?, ?, ?, ?) AS t(id, endpoint_id, status, next_attempt_at,"
                + " lease_owner, lease_expires_at, created_at, updated_at)"
                + " WHERE EXISTS (SELECT 1 FROM inserted) RETURNING id)"
                + " SELECT (SELECT count(*) FROM inserted) + (SELECT count(*) FROM rows)"
                + (notify ? ", (SELECT pg_notify(?, '') FROM inserted)" : "");
    }

    /**
     * Appends on the given connection, inside whatever transaction it is in. Reads before it writes:
     * an event id that is stored already, or a delivery to an endpoint that is not the event's
     * tenant's, fails or returns before anything is written, so that a caller's own transaction
     * (the outbox) holds nothing of a refused append.
     *
     * <p>The endpoints are read, not locked: locking them would make every endpoint row a hot spot
     * of all publishing nodes. An endpoint deleted while the append commits leaves a pending
     * delivery to no endpoint, which the engine cancels when it claims it.
     */
    AppendResult append(Connection connection, StoredEvent event, List<NewDelivery> deliveries) throws SQLException {
        return append(connection, event, deliveries, null);
    }

    /**
     * Appends as {@link #append(Connection, StoredEvent, List)} does, inserting the deliveries that
     * {@code lease} names (if not null) already leased: the publishing node's claim costs nothing.
     */
    AppendResult append(Connection connection, StoredEvent event, List<NewDelivery> deliveries, AppendLease lease)
            throws SQLException {
        List<String> deliveryIds = deliveries.stream().map(NewDelivery::id).toList();
        if (tables.partitioned()) {
            IdLocks.lock(connection, tables, event.id(), deliveryIds);
        }
        Lookup lookup = lookUp(connection, event, deliveries);
        if (lookup.storedTenant() != null) {
            return existing(connection, event, lookup.storedTenant());
        }
        if (!lookup.takenDeliveryIds().isEmpty()) {
            // As a unique index would refuse it, without saying whose the id is.
            throw new StoreException("delivery id is taken: " + lookup.takenDeliveryIds().iterator().next());
        }
        for (NewDelivery delivery : deliveries) {
            if (!lookup.tenantEndpoints().contains(delivery.endpointId())) {
                throw new NotFoundException("endpoint", delivery.endpointId());
            }
        }
        Sql insert = new Sql("INSERT INTO " + tables.events() + " (" + Rows.EVENT_COLUMNS + ")"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", event.id(), event.tenant().value(), event.type(),
                Times.nanos(event.timestamp(), "timestamp"), Times.nanos(event.storedAt(), "storedAt"), event.body(),
                Sql.nullable(event.subscriberKey(), Sql.Null.VARCHAR),
                Sql.nullable(EndpointCodec.traceContext(event.traceContext()), Sql.Null.VARCHAR));
        if (tables.partitioned()) {
            insert.update(connection); // the id locks make the lookup's answer final (IdLocks)
        } else if (!insert.insertUnlessExists(connection, dialect)) {
            // Appended concurrently since the lookup, and committed (PostgreSQL waits for it).
            List<String> tenant = new Sql("SELECT tenant_id FROM " + tables.events() + " WHERE id = ?", event.id())
                    .query(connection, rows -> rows.getString(1));
            if (tenant.isEmpty()) {
                throw new StoreException("event " + event.id()
                        + " is being appended concurrently and not yet committed; retry");
            }
            return existing(connection, event, tenant.get(0));
        }
        List<Delivery> created = deliveries.stream().map(delivery -> leased(delivery.toDelivery(event), event, lease))
                .toList();
        insertDeliveries(connection, created, event.timestamp());
        if (notifications != null && created.stream().anyMatch(
                delivery -> delivery.status() == DeliveryStatus.PENDING && delivery.leaseOwner() == null)) {
            notifications.notifyIn(connection); // at the commit, this one's or the outbox caller's
        }
        return new AppendResult(true, event, created);
    }

    /**
     * The usual append on PostgreSQL in one statement, for a connection in auto-commit mode: the
     * tenant check of the endpoints, the event and its deliveries in one round trip that is also the
     * commit, instead of a lookup, two inserts and a commit. Writes nothing and returns empty when
     * the append is not the plain case (an endpoint that is not the tenant's, or an event id stored
     * already or being appended concurrently): the caller then runs {@link #append} in a
     * transaction, which reads first and answers each case as it always has. So does a value the
     * statement cannot bind or store (a time outside the storable range, a NUL character): the
     * reading transaction answers a stored id or a refused endpoint before it writes any of them.
     */
    Optional<AppendResult> appendInOneStatement(Connection connection, StoredEvent event, List<NewDelivery> deliveries,
            AppendLease lease) throws SQLException {
        if (dialect != Dialect.POSTGRESQL || tables.partitioned()) {
            return Optional.empty(); // partitioned: the id lock must come before the lookup's snapshot
        }
        try {
            return appendInOneStatementUnchecked(connection, event, deliveries, lease);
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // a time the store cannot hold: nothing was sent
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith(DATA_EXCEPTION)) {
                return Optional.empty(); // the one statement failed whole, in auto-commit: nothing written
            }
            throw e;
        }
    }

    private Optional<AppendResult> appendInOneStatementUnchecked(Connection connection, StoredEvent event,
            List<NewDelivery> deliveries, AppendLease lease) throws SQLException {
        List<Delivery> created = deliveries.stream().map(delivery -> leased(delivery.toDelivery(event), event, lease))
                .toList();
        int size = created.size();
        Object[] ids = new Object[size];
        Object[] endpoints = new Object[size];
        Object[] statuses = new Object[size];
        Object[] nextAttempts = new Object[size];
        Object[] owners = new Object[size];
        Object[] expiries = new Object[size];
        Object[] createdAts = new Object[size];
        Object[] updatedAts = new Object[size];
        for (int i = 0; i < size; i++) {
            Delivery delivery = created.get(i);
            ids[i] = delivery.id();
            endpoints[i] = delivery.endpointId();
            statuses[i] = delivery.status().name();
            nextAttempts[i] = delivery.nextAttemptAt() == null ? null : Times.nanos(delivery.nextAttemptAt(), "nextAttemptAt");
            owners[i] = delivery.leaseOwner();
            expiries[i] = delivery.leaseExpiresAt() == null ? null : Times.clampedNanos(delivery.leaseExpiresAt());
            createdAts[i] = Times.nanos(delivery.createdAt(), "createdAt");
            updatedAts[i] = Times.nanos(delivery.updatedAt(), "updatedAt");
        }
        Set<String> distinctEndpoints = new HashSet<>();
        deliveries.forEach(delivery -> distinctEndpoints.add(delivery.endpointId()));
        boolean notify = notifications != null && created.stream().anyMatch(
                delivery -> delivery.status() == DeliveryStatus.PENDING && delivery.leaseOwner() == null);
        Sql sql = new Sql(notify ? appendAndNotifySql : appendSql, event.tenant().value(), List.copyOf(distinctEndpoints),
                event.id(), event.tenant().value(), event.type(), Times.nanos(event.timestamp(), "timestamp"),
                Times.nanos(event.storedAt(), "storedAt"), event.body(),
                Sql.nullable(event.subscriberKey(), Sql.Null.VARCHAR),
                Sql.nullable(EndpointCodec.traceContext(event.traceContext()), Sql.Null.VARCHAR),
                (long) distinctEndpoints.size(), event.tenant().value(), event.id(),
                new Sql.TypedArray("varchar", ids), new Sql.TypedArray("varchar", endpoints),
                new Sql.TypedArray("varchar", statuses), new Sql.TypedArray("int8", nextAttempts),
                new Sql.TypedArray("varchar", owners), new Sql.TypedArray("int8", expiries),
                new Sql.TypedArray("int8", createdAts), new Sql.TypedArray("int8", updatedAts));
        if (notify) {
            // In the statement, so sent at its commit and only if the event was inserted.
            sql.add("", notifications.channel());
        }
        List<Long> counts = sql.query(connection, rows -> rows.getLong(1));
        if (counts.get(0) != 1 + size) {
            return Optional.empty(); // nothing was written: the event insert is the condition of the rest
        }
        return Optional.of(new AppendResult(true, event, created));
    }

    private static Delivery leased(Delivery delivery, StoredEvent event, AppendLease lease) {
        if (lease == null || !lease.deliveryIds().contains(delivery.id())) {
            return delivery;
        }
        return delivery.withLeaseOwner(lease.owner())
                .withLeaseExpiresAt(Times.instant(Times.plus(event.storedAt(), lease.duration())));
    }

    /**
     * Whose the event id is, if stored, which of the deliveries' endpoints are the event tenant's,
     * and (partitioned) which of the delivery ids are stored already.
     */
    private record Lookup(String storedTenant, Set<String> tenantEndpoints, Set<String> takenDeliveryIds) {
    }

    /** One statement, so that a publish costs one round trip more than its writes, not two. */
    private Lookup lookUp(Connection connection, StoredEvent event, List<NewDelivery> deliveries) throws SQLException {
        Sql sql = new Sql("SELECT 'event' AS row_kind, tenant_id AS row_id FROM " + tables.events() + " WHERE id = ?",
                event.id());
        if (!deliveries.isEmpty()) {
            sql.add(" UNION ALL SELECT 'endpoint', id FROM " + tables.endpoints() + " WHERE tenant_id = ? AND id = ANY(?)",
                    event.tenant().value(), deliveries.stream().map(NewDelivery::endpointId).toList());
        }
        if (tables.partitioned() && !deliveries.isEmpty()) {
            // No unique index holds delivery ids across days: the lookup finds stored ones (IdLocks).
            sql.add(" UNION ALL SELECT 'delivery', id FROM " + tables.deliveries() + " WHERE id = ANY(?)",
                    deliveries.stream().map(NewDelivery::id).toList());
        }
        String storedTenant = null;
        Set<String> endpoints = new HashSet<>();
        Set<String> taken = new HashSet<>();
        for (String[] row : sql.query(connection, rows -> new String[] {rows.getString(1), rows.getString(2)})) {
            switch (row[0]) {
                case "event" -> storedTenant = row[1];
                case "endpoint" -> endpoints.add(row[1]);
                default -> taken.add(row[1]);
            }
        }
        return new Lookup(storedTenant, endpoints, taken);
    }

    /** A stored event id: the stored event and deliveries, unless the id is another tenant's. */
    private AppendResult existing(Connection connection, StoredEvent event, String storedTenant) throws SQLException {
        if (!storedTenant.equals(event.tenant().value())) {
            // Says nothing of the other tenant's event: its id is simply not available.
            throw new StoreException("event id is taken: " + event.id());
        }
        StoredEvent stored = find(connection, event.tenant(), event.id()).orElseThrow(() -> new StoreException(
                "event " + event.id() + " was deleted while it was appended again; retry"));
        // The tenant compared again: the event is the tenant's, so are its deliveries; this keeps it so.
        return new AppendResult(false, stored, deliveriesOf(connection, event.id()).stream()
                .filter(delivery -> delivery.tenant().equals(event.tenant())).toList());
    }

    private void insertDeliveries(Connection connection, List<Delivery> deliveries, Instant eventTimestamp)
            throws SQLException {
        if (deliveries.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + tables.deliveries()
                + " (" + Rows.DELIVERY_COLUMNS + tables.eventTsColumn() + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
                + (tables.partitioned() ? ", ?)" : ")"))) {
            for (Delivery delivery : deliveries) {
                insert.setString(1, delivery.id());
                insert.setString(2, delivery.tenant().value());
                insert.setString(3, delivery.eventId());
                insert.setString(4, delivery.endpointId());
                insert.setString(5, delivery.status().name());
                insert.setInt(6, 0);
                Times.set(insert, 7, delivery.nextAttemptAt(), "nextAttemptAt");
                insert.setBoolean(8, false);
                if (delivery.leaseOwner() == null) {
                    insert.setNull(9, java.sql.Types.VARCHAR);
                    insert.setNull(10, java.sql.Types.BIGINT);
                } else {
                    insert.setString(9, delivery.leaseOwner());
                    insert.setLong(10, Times.clampedNanos(delivery.leaseExpiresAt()));
                }
                Times.set(insert, 11, delivery.createdAt(), "createdAt");
                Times.set(insert, 12, delivery.updatedAt(), "updatedAt");
                if (tables.partitioned()) {
                    Times.set(insert, 13, eventTimestamp, "timestamp");
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * By primary key alone, the tenant compared here: with {@code tenant_id} in the WHERE clause,
     * PostgreSQL may cache a generic plan, made while the table was nearly empty, that walks a
     * {@code (tenant_id, …)} index over every event of the tenant (measured: 126 ms per read at
     * 100,000 events, 2.97 ms mean over a benchmark run, instead of 0.05 ms).
     */
    Optional<StoredEvent> find(Connection connection, TenantId tenant, String eventId) throws SQLException {
        return new Sql("SELECT " + Rows.EVENT_COLUMNS + " FROM " + tables.events() + " WHERE id = ?", eventId)
                .query(connection, Rows::event).stream().filter(event -> event.tenant().equals(tenant)).findFirst();
    }

    private List<Delivery> deliveriesOf(Connection connection, String eventId) throws SQLException {
        return new Sql("SELECT " + Rows.DELIVERY_COLUMNS + " FROM " + tables.deliveries()
                + " WHERE event_id = ? ORDER BY seq", eventId).query(connection, Rows::delivery);
    }

    /** Read through the (tenant_id, ts, id) index, in its order. */
    Page<StoredEvent> events(Connection connection, TenantId tenant, EventQuery query) throws SQLException {
        boolean oldestFirst = query.order() == SortOrder.OLDEST_FIRST;
        Sql sql = new Sql("SELECT " + Rows.prefixed("e.", Rows.EVENT_COLUMNS) + " FROM " + tables.events()
                + " e WHERE e.tenant_id = ? AND e.ts >= ? AND e.ts < ?", tenant.value(),
                Times.clampedNanos(query.from()), Times.clampedNanos(query.to()));
        if (!query.types().isEmpty()) {
            sql.add(" AND e.event_type = ANY(?)", query.types());
        }
        filterByDeliveries(sql, query);
        if (query.cursor() != null) {
            KeysetCursor after = KeysetCursor.decodeEvents(query.cursor());
            long time = Times.nanos(after.at(), "cursor time");
            String direction = oldestFirst ? ">" : "<";
            // The first bound is implied by the second; it lets the index scan start at the cursor.
            sql.add(" AND e.ts " + direction + "= ? AND (e.ts " + direction + " ? OR (e.ts = ? AND e.id " + direction
                    + " ?))", time, time, time, after.id());
        }
        String order = oldestFirst ? " ASC" : " DESC";
        sql.add(" ORDER BY e.ts" + order + ", e.id" + order + " LIMIT ?", query.limit() + 1);
        return page(sql.query(connection, Rows::event), query.limit());
    }

    private void filterByDeliveries(Sql sql, EventQuery query) {
        if (query.endpointId() == null && query.deliveryStatuses().isEmpty()) {
            return;
        }
        sql.add(" AND EXISTS (SELECT 1 FROM " + tables.deliveries() + " d WHERE d.event_id = e.id");
        if (query.endpointId() != null) {
            sql.add(" AND d.endpoint_id = ?", query.endpointId());
        }
        if (!query.deliveryStatuses().isEmpty()) {
            sql.add(" AND d.status = ANY(?)", query.deliveryStatuses().stream().map(Enum::name).toList());
        }
        sql.add(")");
    }

    private static Page<StoredEvent> page(List<StoredEvent> rows, int limit) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        StoredEvent last = rows.get(limit - 1);
        return new Page<>(rows.subList(0, limit), KeysetCursor.encodeAfter(last));
    }

    /**
     * Deletes up to batchSize old events without pending deliveries (deliveries and attempts go by
     * cascade). The candidates are locked first (skipping rows other transactions hold, on
     * PostgreSQL), then deleted with the pending check repeated in a fresh statement, so a replay
     * that re-armed one meanwhile keeps it.
     */
    int purge(Connection connection, Instant cutoff, int batchSize) throws SQLException {
        // The candidate's own deliveries, counted with the status in a FILTER and not in the WHERE:
        // with the status there, PostgreSQL may read the pending-only indexes, which hold the whole
        // backlog, once per batch (a NOT EXISTS hashed every pending delivery and spilled to disk:
        // 495 events/s instead of 25,000) or once per candidate. This way only the event index fits.
        String noPending = " AND (SELECT count(*) FILTER (WHERE d.status = 'PENDING') FROM " + tables.deliveries()
                + " d WHERE d.event_id = e.id) = 0";
        String lock = dialect == Dialect.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : " FOR UPDATE";
        List<String> ids = new Sql("SELECT e.id FROM " + tables.events() + " e WHERE e.ts < ?" + noPending
                + " ORDER BY e.ts, e.id LIMIT ?" + lock, Times.clampedNanos(cutoff), batchSize)
                .query(connection, rows -> rows.getString(1));
        if (ids.isEmpty()) {
            return 0;
        }
        return new Sql("DELETE FROM " + tables.events() + " e WHERE e.id = ANY(?)" + noPending, ids).update(connection);
    }
}
