package com.migomail.webhooks.store.jdbc.internal;

import com.migomail.webhooks.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Borrows a connection per operation and runs the operation as one short transaction. */
final class Database {

    private final DataSource dataSource;

    Database(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Runs work in one transaction: committed if it returns, rolled back if it throws. Domain
     * exceptions (not found, bad argument) pass through unchanged; SQL failures become
     * {@link StoreException}s naming the operation.
     */
    <T> T transaction(String operation, SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return inTransaction(connection, work);
        } catch (SQLException e) {
            throw failure(operation, e);
        }
    }

    /**
     * As {@link #transaction(String, SqlWork)}, at READ COMMITTED whatever the pool's default is
     * (restored afterwards): for work whose later statements must see what other transactions
     * committed while an earlier one waited for a lock (see {@link IdLocks}).
     */
    <T> T readCommittedTransaction(String operation, SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            int isolation = connection.getTransactionIsolation();
            if (isolation != Connection.TRANSACTION_READ_COMMITTED) {
                connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
            try {
                return inTransaction(connection, work);
            } finally {
                if (isolation != Connection.TRANSACTION_READ_COMMITTED) {
                    connection.setTransactionIsolation(isolation);
                }
            }
        } catch (SQLException e) {
            throw failure(operation, e);
        }
    }

    /**
     * Runs work with auto-commit on, so that each statement is its own transaction: for operations
     * of one statement, which then cost one round trip instead of two.
     */
    <T> T autoCommit(String operation, SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            if (!autoCommit) {
                connection.setAutoCommit(true);
            }
            try {
                return work.apply(connection);
            } finally {
                if (!autoCommit) {
                    // Hand the connection back as the pool gave it (not every pool resets it).
                    connection.setAutoCommit(false);
                }
            }
        } catch (SQLException e) {
            throw failure(operation, e);
        }
    }

    private static <T> T inTransaction(Connection connection, SqlWork<T> work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        if (autoCommit) {
            connection.setAutoCommit(false);
        }
        try {
            T result = work.apply(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            rollbackQuietly(connection, e);
            throw e;
        } finally {
            if (autoCommit) {
                connection.setAutoCommit(true);
            }
        }
    }

    private static void rollbackQuietly(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    static StoreException failure(String operation, SQLException e) {
        return new StoreException(operation + " failed: " + e.getMessage() + " (SQLState " + e.getSQLState() + ")", e);
    }
}
