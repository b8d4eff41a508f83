package com.migomail.webhooks.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where PostgreSQL's sessions spend their time during a run: samples {@code pg_stat_activity} every
 * 20 ms on its own connection (outside the store's pool) and counts, per statement, how often it was
 * active and on what it waited (CPU, a lock, the WAL flush of a commit...). Diagnostics for
 * BENCHMARKS.md, not part of any figure. One daemon thread; thread-safe.
 */
final class PostgresActivity implements AutoCloseable {

    private static final String SAMPLE = "SELECT COALESCE(wait_event_type || '/' || wait_event, 'CPU'),"
            + " regexp_replace(left(query, 90), '\\s+', ' ', 'g') FROM pg_stat_activity"
            + " WHERE state = 'active' AND pid <> pg_backend_pid() AND backend_type = 'client backend'";

    private static final String STATEMENTS = "SELECT calls, total_exec_time, mean_exec_time, rows,"
            + " regexp_replace(left(query, 100), '\\s+', ' ', 'g') FROM pg_stat_statements"
            + " WHERE query NOT LIKE '%pg_stat%' ORDER BY total_exec_time DESC LIMIT ";

    private final Connection connection;
    private boolean statements;
    private final Map<String, Integer> counts = new HashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private int samples;
    private long commitsBefore;
    private long walSyncsBefore;
    private int samplesBefore;

    private PostgresActivity(Connection connection) {
        this.connection = connection;
        this.thread = new Thread(this::run, "pg-activity");
        thread.setDaemon(true);
    }

    /** Starts sampling the database at that JDBC URL. */
    static PostgresActivity start(String jdbcUrl) throws SQLException {
        PostgresActivity activity = new PostgresActivity(DriverManager.getConnection(jdbcUrl, "postgres", ""));
        activity.thread.start();
        return activity;
    }

    /**
     * Also reports per-statement execution times from {@code pg_stat_statements} (the server must have
     * loaded it: {@link EmbeddedDatabase#start(int, String, boolean)}), counted from now.
     */
    void countStatements() throws SQLException {
        try (Connection own = DriverManager.getConnection(connection.getMetaData().getURL(), "postgres", "");
                Statement statement = own.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            statement.execute("SELECT pg_stat_statements_reset()");
            commitsBefore = commits(statement);
            walSyncsBefore = walSyncs(statement);
        }
        synchronized (this) {
            samplesBefore = samples;
        }
        statements = true;
    }

    /** The statements that took the most execution time, or an empty string when not counted. */
    String statementReport(int top) {
        if (!statements) {
            return "";
        }
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "  PostgreSQL statements by total execution time (pg_stat_statements):%n"
                + "  %9s %10s %8s %9s  %s%n", "calls", "total ms", "mean ms", "rows", "statement"));
        try (Connection own = DriverManager.getConnection(connection.getMetaData().getURL(), "postgres", "");
                Statement statement = own.createStatement();
                ResultSet rows = statement.executeQuery(STATEMENTS + top)) {
            while (rows.next()) {
                text.append(String.format(Locale.ROOT, "  %9d %10.0f %8.3f %9d  %s%n", rows.getLong(1),
                        rows.getDouble(2), rows.getDouble(3), rows.getLong(4), rows.getString(5)));
            }
            perAttempt(statement, text);
            tables(statement, text);
        } catch (SQLException e) {
            text.append("  (not available: ").append(e.getMessage()).append(")\n");
        }
        return text.toString();
    }

    private void run() {
        try (Statement statement = connection.createStatement()) {
            while (running.get()) {
                sample(statement);
                Thread.sleep(20);
            }
        } catch (SQLException e) {
            System.out.println("  (pg_stat_activity sampling stopped: " + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sample(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery(SAMPLE)) {
            synchronized (this) {
                samples++;
                while (rows.next()) {
                    counts.merge(String.format(Locale.ROOT, "%-28s %s", rows.getString(1), rows.getString(2)), 1,
                            Integer::sum);
                }
            }
        }
    }

    /** The most frequent (wait, statement) pairs, as average active sessions over the sampled time. */
    synchronized String report(int top) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "  PostgreSQL sessions by wait and statement (average active sessions, %d samples):%n", samples));
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(top)
                .forEach(entry -> text.append(String.format(Locale.ROOT, "  %5.2f  %s%n",
                        entry.getValue() / (double) Math.max(1, samples), entry.getKey())));
        return text.toString();
    }

    /**
     * Statements, transactions and WAL syncs per recorded attempt (one per delivery when every attempt
     * succeeds) since {@link #countStatements}. The transactions leave out this sampler's own one-query
     * ones but count every other read in auto-commit (which writes no WAL); a WAL sync
     * ({@code pg_stat_wal.wal_sync}) is one flush to disk, which may carry several commits.
     */
    private void perAttempt(Statement statement, StringBuilder text) throws SQLException {
        long calls;
        try (ResultSet rows = statement.executeQuery("SELECT COALESCE(SUM(calls), 0) FROM pg_stat_statements"
                + " WHERE query NOT LIKE '%pg_stat%'")) {
            rows.next();
            calls = rows.getLong(1);
        }
        long attempts;
        try (ResultSet rows = statement.executeQuery("SELECT COALESCE(SUM(n_tup_ins), 0) FROM pg_stat_user_tables"
                // The partitioned layout's rows are counted in its day partitions (<prefix>attempts_pYYYYMMDD).
                + " WHERE relname LIKE '%attempts' OR relname ~ 'attempts_p[0-9]{8}$'")) {
            rows.next();
            attempts = rows.getLong(1);
        }
        int sampled;
        synchronized (this) {
            sampled = samples - samplesBefore;
        }
        // This report's own queries so far are one transaction each, like the samples.
        long commits = commits(statement) - commitsBefore - sampled - 3;
        long walSyncs = walSyncs(statement) - walSyncsBefore;
        double per = Math.max(1, attempts);
        text.append(String.format(Locale.ROOT, "  per attempt (%d attempts): %.2f statements, %.2f transactions"
                + " (read-only ones included), %.3f WAL syncs (%d statements, %d transactions, %d WAL syncs)%n", attempts, calls / per,
                commits / per, walSyncs / per, calls, commits, walSyncs));
    }

    private static long commits(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT xact_commit FROM pg_stat_database"
                + " WHERE datname = current_database()")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static long walSyncs(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT wal_sync FROM pg_stat_wal")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void tables(Statement statement, StringBuilder text) throws SQLException {
        // Size with indexes and TOAST, for the bytes a delivery keeps on disk (docs/capacity.md).
        text.append(String.format(Locale.ROOT, "  tables: %-18s %9s %9s %9s %9s %9s %12s %10s%n", "name", "inserts",
                "updates", "HOT upd.", "live", "dead", "idx scans", "size MiB"));
        try (ResultSet rows = statement.executeQuery("SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd,"
                + " n_live_tup, n_dead_tup, idx_scan, pg_total_relation_size(relid) FROM pg_stat_user_tables"
                + " ORDER BY n_tup_upd DESC")) {
            while (rows.next()) {
                text.append(String.format(Locale.ROOT, "          %-18s %9d %9d %9d %9d %9d %12d %10.1f%n",
                        rows.getString(1), rows.getLong(2), rows.getLong(3), rows.getLong(4), rows.getLong(5),
                        rows.getLong(6), rows.getLong(7), rows.getLong(8) / 1048576.0));
            }
        }
    }

    @Override
    public void close() throws SQLException, InterruptedException {
        running.set(false);
        thread.join(2000);
        connection.close();
    }
}
