package com.migomail.webhooks.store.jdbc.internal;

import com.migomail.webhooks.store.ErasureCounts;
import com.migomail.webhooks.store.TenantId;
import com.migomail.webhooks.store.jdbc.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import com.migomail.webhooks.store.StoredEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tenant deletion and subscriber erasure, one bounded batch per call, each in the caller's short
 * transaction.
 *
 * <p>A batch first locks the rows it will delete; on PostgreSQL it skips rows another transaction
 * holds, so two nodes erasing at once take disjoint batches instead of waiting for each other, and
 * the counts are what this call deleted. The deliveries of the batch's events are locked too (not
 * skipped): an attempt being recorded meanwhile then either committed before the count, or waits and
 * finds its delivery gone, so the attempt count is exact.
 */
final class ErasureRepository {

    private final Tables tables;
    private final String lockBatch;

    ErasureRepository(Tables tables, Dialect dialect) {
        this.tables = tables;
        // H2 cannot skip locked rows: there a second eraser waits for the first one's batch.
        this.lockBatch = dialect == Dialect.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : " FOR UPDATE";
    }

    /**
     * Up to batchSize of the tenant's endpoints, oldest first; once it has none, up to batchSize of
     * its events, oldest first. Pending deliveries to the deleted endpoints go with their events in
     * later batches (an engine that claims one meanwhile finds no endpoint and cancels it).
     */
    ErasureCounts deleteTenantBatch(Connection connection, TenantId tenant, int batchSize) throws SQLException {
        List<String> endpoints = new Sql("SELECT id FROM " + tables.endpoints() + " WHERE tenant_id = ?"
                + " ORDER BY created_at, id LIMIT ?" + lockBatch, tenant.value(), batchSize)
                .query(connection, rows -> rows.getString(1));
        if (!endpoints.isEmpty()) {
            int deleted = new Sql("DELETE FROM " + tables.endpoints() + " WHERE id = ANY(?)", endpoints)
                    .update(connection);
            return new ErasureCounts(0, 0, 0, deleted);
        }
        List<String> events = new Sql("SELECT id FROM " + tables.events() + " WHERE tenant_id = ?"
                + " ORDER BY ts, id LIMIT ?" + lockBatch, tenant.value(), batchSize)
                .query(connection, rows -> rows.getString(1));
        return deleteEvents(connection, events);
    }

    /** Up to batchSize of the tenant's events under that subscriber key, found by its partial index. */
    ErasureCounts eraseSubscriberBatch(Connection connection, TenantId tenant, String subscriberKey, int batchSize)
            throws SQLException {
        List<String> events = new Sql("SELECT id FROM " + tables.events() + " WHERE tenant_id = ?"
                + " AND subscriber_key = ? LIMIT ?" + lockBatch, tenant.value(), subscriberKey, batchSize)
                .query(connection, rows -> rows.getString(1));
        return deleteEvents(connection, events);
    }

    /** Up to limit of the tenant's events of those types without a subscriber key, oldest first. */
    List<StoredEvent> eventsWithoutSubscriberKey(Connection connection, TenantId tenant, Set<String> types, int limit)
            throws SQLException {
        if (types.isEmpty()) {
            return List.of();
        }
        return new Sql("SELECT " + Rows.EVENT_COLUMNS + " FROM " + tables.events() + " WHERE tenant_id = ?"
                + " AND subscriber_key IS NULL AND event_type = ANY(?) ORDER BY ts, id LIMIT ?", tenant.value(),
                List.copyOf(types), limit).query(connection, Rows::event);
    }

    /** Sets the keys of the tenant's events that have none, one statement per event, in the caller's transaction. */
    int setSubscriberKeys(Connection connection, TenantId tenant, Map<String, String> keysByEventId)
            throws SQLException {
        int set = 0;
        for (Map.Entry<String, String> key : keysByEventId.entrySet()) {
            set += new Sql("UPDATE " + tables.events() + " SET subscriber_key = ? WHERE id = ? AND tenant_id = ?"
                    + " AND subscriber_key IS NULL", key.getValue(), key.getKey(), tenant.value()).update(connection);
        }
        return set;
    }

    /** Deletes locked events; their deliveries and attempts go by cascade, counted first. */
    private ErasureCounts deleteEvents(Connection connection, List<String> eventIds) throws SQLException {
        if (eventIds.isEmpty()) {
            return ErasureCounts.NONE;
        }
        List<String> deliveries = new Sql("SELECT id FROM " + tables.deliveries() + " WHERE event_id = ANY(?)"
                + " FOR UPDATE", eventIds).query(connection, rows -> rows.getString(1));
        long attempts = deliveries.isEmpty() ? 0 : new Sql("SELECT COUNT(*) FROM " + tables.attempts()
                + " WHERE delivery_id = ANY(?)", deliveries).query(connection, rows -> rows.getLong(1)).get(0);
        if (tables.partitioned()) {
            // No foreign keys between partitioned tables, so no cascade: the children go first.
            if (!deliveries.isEmpty()) {
                new Sql("DELETE FROM " + tables.attempts() + " WHERE delivery_id = ANY(?)", deliveries).update(connection);
            }
            new Sql("DELETE FROM " + tables.deliveries() + " WHERE event_id = ANY(?)", eventIds).update(connection);
        }
        int events = new Sql("DELETE FROM " + tables.events() + " WHERE id = ANY(?)", eventIds).update(connection);
        return new ErasureCounts(events, deliveries.size(), attempts, 0);
    }
}
