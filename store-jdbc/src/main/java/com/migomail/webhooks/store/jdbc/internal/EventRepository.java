package com.migomail.webhooks.store.jdbc.internal;

import com.migomail.webhooks.store.AppendResult;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.EventQuery;
import com.migomail.webhooks.store.KeysetCursor;
import com.migomail.webhooks.store.NewDelivery;
import com.migomail.webhooks.store.Page;
import com.migomail.webhooks.store.SortOrder;
import com.migomail.webhooks.store.StoreException;
import com.migomail.webhooks.store.StoredEvent;
import com.migomail.webhooks.store.jdbc.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Events: append (with deliveries), lookup, range listing and purge. */
final class EventRepository {

    private final Tables tables;
    private final Dialect dialect;

    EventRepository(Tables tables, Dialect dialect) {
        this.tables = tables;
        this.dialect = dialect;
    }

    /** Appends on the given connection, inside whatever transaction it is in. */
    AppendResult append(Connection connection, StoredEvent event, List<NewDelivery> deliveries) throws SQLException {
        Sql insert = new Sql("INSERT INTO " + tables.events() + " (" + Rows.EVENT_COLUMNS + ") VALUES (?, ?, ?, ?, ?)",
                event.id(), event.type(), Times.nanos(event.timestamp(), "timestamp"),
                Times.nanos(event.storedAt(), "storedAt"), event.body());
        if (!insert.insertUnlessExists(connection, dialect)) {
            StoredEvent stored = find(connection, event.id()).orElseThrow(() -> new StoreException(
                    "event " + event.id() + " is being appended concurrently and not yet committed; retry"));
            return new AppendResult(false, stored, deliveriesOf(connection, event.id()));
        }
        List<Delivery> created = deliveries.stream().map(delivery -> delivery.toDelivery(event)).toList();
        insertDeliveries(connection, created);
        return new AppendResult(true, event, created);
    }

    private void insertDeliveries(Connection connection, List<Delivery> deliveries) throws SQLException {
        if (deliveries.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + tables.deliveries()
                + " (" + Rows.DELIVERY_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Delivery delivery : deliveries) {
                insert.setString(1, delivery.id());
                insert.setString(2, delivery.eventId());
                insert.setString(3, delivery.endpointId());
                insert.setString(4, delivery.status().name());
                insert.setInt(5, 0);
                Times.set(insert, 6, delivery.nextAttemptAt(), "nextAttemptAt");
                insert.setBoolean(7, false);
                insert.setNull(8, java.sql.Types.VARCHAR);
                insert.setNull(9, java.sql.Types.BIGINT);
                Times.set(insert, 10, delivery.createdAt(), "createdAt");
                Times.set(insert, 11, delivery.updatedAt(), "updatedAt");
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    Optional<StoredEvent> find(Connection connection, String eventId) throws SQLException {
        return new Sql("SELECT " + Rows.EVENT_COLUMNS + " FROM " + tables.events() + " WHERE id = ?", eventId)
                .query(connection, Rows::event).stream().findFirst();
    }

    private List<Delivery> deliveriesOf(Connection connection, String eventId) throws SQLException {
        return new Sql("SELECT " + Rows.DELIVERY_COLUMNS + " FROM " + tables.deliveries()
                + " WHERE event_id = ? ORDER BY seq", eventId).query(connection, Rows::delivery);
    }

    Page<StoredEvent> events(Connection connection, EventQuery query) throws SQLException {
        boolean oldestFirst = query.order() == SortOrder.OLDEST_FIRST;
        Sql sql = new Sql("SELECT " + prefixed("e.", Rows.EVENT_COLUMNS) + " FROM " + tables.events()
                + " e WHERE e.ts >= ? AND e.ts < ?", Times.clampedNanos(query.from()), Times.clampedNanos(query.to()));
        if (!query.types().isEmpty()) {
            sql.add(" AND e.event_type = ANY(?)", query.types());
        }
        filterByDeliveries(sql, query);
        if (query.cursor() != null) {
            KeysetCursor after = KeysetCursor.decodeEvents(query.cursor());
            long time = Times.nanos(after.at(), "cursor time");
            String direction = oldestFirst ? ">" : "<";
            sql.add(" AND (e.ts " + direction + " ? OR (e.ts = ? AND e.id " + direction + " ?))",
                    time, time, after.id());
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
        String noPending = " AND NOT EXISTS (SELECT 1 FROM " + tables.deliveries()
                + " d WHERE d.event_id = e.id AND d.status = 'PENDING')";
        String lock = dialect == Dialect.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : " FOR UPDATE";
        List<String> ids = new Sql("SELECT e.id FROM " + tables.events() + " e WHERE e.ts < ?" + noPending
                + " ORDER BY e.ts, e.id LIMIT ?" + lock, Times.clampedNanos(cutoff), batchSize)
                .query(connection, rows -> rows.getString(1));
        if (ids.isEmpty()) {
            return 0;
        }
        return new Sql("DELETE FROM " + tables.events() + " e WHERE e.id = ANY(?)" + noPending, ids).update(connection);
    }

    private static String prefixed(String alias, String columns) {
        return alias + columns.replace(", ", ", " + alias);
    }
}
