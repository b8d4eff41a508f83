package com.migomail.webhooks.benchmarks;

import com.migomail.webhooks.store.AppendLease;
import com.migomail.webhooks.store.AttemptResult;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.DeliveryOutcome;
import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.Endpoint;
import com.migomail.webhooks.store.EndpointSecret;
import com.migomail.webhooks.store.NewDelivery;
import com.migomail.webhooks.store.StoredEvent;
import com.migomail.webhooks.store.TenantId;
import com.migomail.webhooks.store.WebhookStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * The database's own limit for the sender's statements, with no HTTP and no sender: threads that do
 * what a publish and its attempt cost the store (read the subscribed endpoints, append the event with
 * its delivery leased, record the outcome in the next batch of the shared writer, as the sender's
 * recorder does), through the same {@code JdbcWebhookStore}; and the machine's commit and
 * {@code fsync} rates, which bound any design that commits per publish.
 */
final class StoreLoop {
    private static final TenantId TENANT = TenantId.of("store-loop");
    private static final String NODE = "store-loop";
    private static final int MAX_BATCH = 100;

    private final WebhookStore store;
    private final Queue<AttemptResult> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();

    private StoreLoop(WebhookStore store) {
        this.store = store;
    }

    /**
     * Publishes and records {@code count} deliveries from {@code threads} threads.
     *
     * @return deliveries per second
     */
    static double deliveriesPerSecond(WebhookStore store, int count, int threads, String body) throws Exception {
        Instant now = Instant.now();
        String endpointId = "ep_store_loop_" + System.nanoTime();
        store.createEndpoint(new Endpoint(endpointId, TENANT, "http://127.0.0.1:9/loop", List.of("*"), "", Map.of(),
                true, List.of(new EndpointSecret("whsec_c3RvcmUtbG9vcC1zZWNyZXQtMzItYnl0ZXMhISE=", now, null)), null,
                null, now, now));
        StoreLoop loop = new StoreLoop(store);
        AtomicInteger next = new AtomicInteger();
        String prefix = Long.toString(System.nanoTime(), 36);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        loop.deliver(prefix + "_" + i, body);
                    }
                    return null;
                }));
            }
            for (Future<?> thread : running) {
                thread.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private void deliver(String suffix, String body) {
        Instant now = Instant.now();
        List<Endpoint> endpoints = store.subscribedEndpoints(TENANT, "email.opened");
        List<NewDelivery> deliveries = endpoints.stream()
                .map(endpoint -> new NewDelivery("dlv_" + suffix, endpoint.id(), DeliveryStatus.PENDING)).toList();
        store.append(new StoredEvent("evt_" + suffix, TENANT, "email.opened", now, now, body), deliveries,
                new AppendLease(NODE, Duration.ofMinutes(5), Set.of("dlv_" + suffix)));
        queue.add(new AttemptResult(new DeliveryAttempt("dlv_" + suffix, 1, now, Duration.ofMillis(1), 200, null, null,
                ""), DeliveryOutcome.delivered()));
        while (!queue.isEmpty() && writing.compareAndSet(false, true)) {
            try {
                List<AttemptResult> batch = new ArrayList<>();
                AttemptResult result;
                while (batch.size() < MAX_BATCH && (result = queue.poll()) != null) {
                    batch.add(result);
                }
                store.recordAttempts(NODE, batch, Instant.now());
            } finally {
                writing.set(false);
            }
        }
    }

    /** One-row INSERTs in auto-commit on one connection, for {@code seconds}: the commits per second. */
    static double commitsPerSecond(DataSource dataSource, double seconds) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            statement.execute("CREATE TABLE IF NOT EXISTS store_loop_commit_probe (n INTEGER)");
            long end = System.nanoTime() + (long) (seconds * 1e9);
            long start = System.nanoTime();
            int commits = 0;
            while (System.nanoTime() < end) {
                statement.executeUpdate("INSERT INTO store_loop_commit_probe VALUES (1)");
                commits++;
            }
            statement.execute("DROP TABLE store_loop_commit_probe");
            return commits / ((System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * 8 KiB overwrites of one file each followed by {@link FileChannel#force}, for {@code seconds}, in
     * the temporary directory (where the embedded database keeps its files): the fsyncs per second,
     * what {@code pg_test_fsync} measures (the embedded binaries do not ship it).
     */
    static double fsyncsPerSecond(double seconds) throws IOException {
        Path file = Files.createTempFile("store-loop-fsync-", ".bin");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer block = ByteBuffer.allocate(8192);
            long end = System.nanoTime() + (long) (seconds * 1e9);
            long start = System.nanoTime();
            int syncs = 0;
            while (System.nanoTime() < end) {
                block.rewind();
                channel.write(block, 0);
                channel.force(false);
                syncs++;
            }
            return syncs / ((System.nanoTime() - start) / 1e9);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
