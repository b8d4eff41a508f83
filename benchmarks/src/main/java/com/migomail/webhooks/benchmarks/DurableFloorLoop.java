package com.migomail.webhooks.benchmarks;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * The floor under any durable sender on this machine: the {@link BareHttpLoop}'s requests plus the
 * least that "{@code publish} returned, so the event survives a crash, and its outcome is kept" can
 * write. Per event, one {@code INSERT} of its id and body, committed on the publishing thread before
 * the request is sent; per response, its id in the next batched {@code UPDATE} of one writer thread
 * (the first response while no write runs writes at once, those arriving meanwhile go in the next
 * batch of up to 100, as the sender's recorder does). No endpoint read, no lease, no signing, no
 * attempt log, no retry: fewer statements per delivery than the sender or db-scheduler run, so no
 * design that commits each publish can go faster here. Not thread-safe itself; one run at a time.
 */
final class DurableFloorLoop implements AutoCloseable {
    private static final int MAX_BATCH = 100;

    private final DataSource dataSource;
    private final String bodyText;
    /** The requests, exactly as the bare loop sends them. */
    private final BareHttpLoop requests;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "durable-floor-writer");
        thread.setDaemon(true);
        return thread;
    });
    private final Queue<String> outcomes = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicInteger errors = new AtomicInteger();
    private final AtomicInteger written = new AtomicInteger();

    private DurableFloorLoop(DataSource dataSource, URI uri, int concurrency, byte[] body) {
        this.dataSource = dataSource;
        this.bodyText = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        this.requests = new BareHttpLoop(uri, concurrency, body);
    }

    /** Creates its table (id primary key, the body, a delivered flag) and returns a loop on it. */
    static DurableFloorLoop create(DataSource dataSource, URI uri, int concurrency, byte[] body) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS durable_floor (id text PRIMARY KEY, body text NOT NULL,"
                    + " delivered boolean NOT NULL DEFAULT false)");
        }
        return new DurableFloorLoop(dataSource, uri, concurrency, body);
    }

    /** Publishes one event per id from {@code publishers} threads, as fast as allowed or paced. */
    void run(ReceiptLog log, List<String> ids, int publishers, double ratePerSecond) throws InterruptedException {
        Publishing.run(ids.size(), publishers, ratePerSecond, i -> publish(log, ids.get(i), i));
    }

    private void publish(ReceiptLog log, String id, int index) {
        log.published(index);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO durable_floor (id, body) VALUES (?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, bodyText);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("durable floor insert failed", e);
        }
        requests.post(id).thenAccept(answered -> {
            if (!answered) {
                return;
            }
            outcomes.add(id);
            if (writing.compareAndSet(false, true)) {
                writer.execute(this::writeOutcomes);
            }
        });
    }

    /** Writes batches until none is waiting; a response arriving as it stops starts the next write. */
    private void writeOutcomes() {
        do {
            List<String> batch = new ArrayList<>();
            for (String id = outcomes.poll(); id != null; id = batch.size() < MAX_BATCH ? outcomes.poll() : null) {
                batch.add(id);
            }
            if (!batch.isEmpty()) {
                write(batch);
            }
            writing.set(false);
        } while (!outcomes.isEmpty() && writing.compareAndSet(false, true));
    }

    private void write(List<String> batch) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE durable_floor SET delivered = true WHERE id = ANY (?)")) {
            update.setArray(1, connection.createArrayOf("text", batch.toArray()));
            written.addAndGet(update.executeUpdate());
        } catch (SQLException e) {
            errors.addAndGet(batch.size());
        }
    }

    /** The outcome rows the writer has updated so far. */
    int outcomesWritten() {
        return written.get();
    }

    /** Requests that failed or were not answered 200, and outcomes that could not be written. */
    int errors() {
        return requests.errors() + errors.get();
    }

    @Override
    public void close() {
        writer.shutdown();
        requests.close();
    }
}
