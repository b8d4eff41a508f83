package com.migomail.webhooks.store.jdbc.internal;

import com.migomail.webhooks.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Unique event and delivery ids in the layout partitioned by event day, where PostgreSQL can
 * enforce a unique key only per day. A write that creates ids first takes a transaction-scoped
 * advisory lock on each of them (one statement, in a fixed order, so two writers never wait on each
 * other in a cycle), then looks them up: a second writer of an id waits for the first one's commit
 * and then finds the id stored, as a unique index would have made it wait and fail. That needs
 * each statement to see what committed before it began (READ COMMITTED): the store's own appends
 * run so, and an outbox append in a REPEATABLE READ transaction is refused.
 */
final class IdLocks {

    private IdLocks() {
    }

    /** An append in a REPEATABLE READ transaction, refused before it wrote: nothing to roll back but its reads. */
    static final class RepeatableReadException extends StoreException {
        private static final long serialVersionUID = 1L;

        RepeatableReadException(String message) {
            super(message);
        }
    }

    /** Locks the ids (of events and deliveries, kept apart) until the transaction ends. */
    static void lock(Connection connection, Tables tables, String eventId, List<String> deliveryIds) throws SQLException {
        List<String> keys = new ArrayList<>();
        if (eventId != null) {
            keys.add(tables.prefix() + "events:" + eventId);
        }
        deliveryIds.forEach(id -> keys.add(tables.prefix() + "deliveries:" + id));
        String isolation = new Sql("SELECT count(pg_advisory_xact_lock(k.h)), current_setting('transaction_isolation')"
                + " FROM (SELECT DISTINCT hashtextextended(x, 0) AS h FROM unnest(?) AS x ORDER BY 1) k",
                new Sql.TypedArray("text", keys.toArray())).query(connection, rows -> rows.getString(2)).get(0);
        if (isolation.equals("repeatable read")) {
            // Its snapshot was taken before the lock was granted: the lookup could not see the
            // writer it waited for, and an id would be stored twice. (SERIALIZABLE aborts instead.)
            throw new RepeatableReadException("an append to tables partitioned by event day needs READ COMMITTED or SERIALIZABLE"
                    + " isolation, not REPEATABLE READ: event and delivery ids are kept unique by a lock taken in the"
                    + " transaction, which a REPEATABLE READ snapshot taken before it cannot see past");
        }
    }

    /** Fails, before anything is written, if any of the delivery ids is stored (locked first). */
    static void refuseStoredDeliveryIds(Connection connection, Tables tables, List<String> deliveryIds)
            throws SQLException {
        if (deliveryIds.isEmpty()) {
            return;
        }
        List<String> taken = new Sql("SELECT id FROM " + tables.deliveries() + " WHERE id = ANY(?)",
                new Sql.TypedArray("varchar", deliveryIds.toArray())).query(connection, rows -> rows.getString(1));
        if (!taken.isEmpty()) {
            // As a unique index would refuse it, without saying whose the id is.
            throw new StoreException("delivery id is taken: " + taken.get(0));
        }
    }
}
