package com.migomail.webhooks.store.jdbc;

/**
 * The databases the JDBC store supports. Normally detected from the connection's
 * {@link java.sql.DatabaseMetaData#getDatabaseProductName()}; set it explicitly to skip detection.
 */
public enum Dialect {
    /**
     * PostgreSQL 12 or newer: any number of sender nodes share one database; claims use
     * {@code FOR UPDATE SKIP LOCKED}, migrations an advisory lock.
     */
    POSTGRESQL,
    /**
     * H2 2.x, in particular an embedded file database: one sender node (one JVM). Claims are
     * conditional per-row updates, which are race-free but do not skip locked rows.
     */
    H2
}
