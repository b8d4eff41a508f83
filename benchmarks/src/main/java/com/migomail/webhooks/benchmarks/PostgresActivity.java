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

    private final Connection connection;
    private final Map<String, Integer> counts = new HashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private int samples;

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

    @Override
    public void close() throws SQLException, InterruptedException {
        running.set(false);
        thread.join(2000);
        connection.close();
    }
}
