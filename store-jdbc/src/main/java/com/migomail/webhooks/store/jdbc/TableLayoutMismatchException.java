package com.migomail.webhooks.store.jdbc;

import com.migomail.webhooks.store.StoreException;

/**
 * The store's tables exist in the other layout than the store was built for: a store built with
 * {@link JdbcWebhookStore.Builder#partitionedByEventDay()} found single tables, or one built without
 * it found tables partitioned by event day. The store refuses to use them, and changes nothing; a
 * layout is chosen when the tables are created (see the README on moving to the partitioned layout).
 */
public final class TableLayoutMismatchException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final boolean foundPartitioned;

    /**
     * Creates the exception for the table that was found in the other layout.
     *
     * @param table the name of the table whose layout was read
     * @param foundPartitioned whether that table is partitioned by event day
     */
    public TableLayoutMismatchException(String table, boolean foundPartitioned) {
        super("table " + table + (foundPartitioned
                ? " is partitioned by event day: build the store with partitionedByEventDay()"
                : " is a single table, not partitioned by event day: build the store without partitionedByEventDay(),"
                        + " or give the partitioned store a new table prefix"));
        this.foundPartitioned = foundPartitioned;
    }

    /**
     * Whether the tables found are partitioned by event day.
     *
     * @return {@code true} if the database holds the partitioned layout and the store expected single tables
     */
    public boolean foundPartitioned() {
        return foundPartitioned;
    }
}
