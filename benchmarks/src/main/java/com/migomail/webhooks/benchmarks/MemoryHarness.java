package com.migomail.webhooks.benchmarks;

import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.delivery.EndpointAddressPolicy;
import com.migomail.webhooks.delivery.EndpointRegistration;
import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.store.TenantId;
import com.migomail.webhooks.store.jdbc.JdbcWebhookStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Memory under a backlog: publishes 1,000,000 events (by default) to one endpoint that never answers
 * (a {@link SilentServer} on 127.0.0.1), with the PostgreSQL store, so every delivery stays due while the
 * dispatcher keeps claiming and timing out. It samples the live heap after a full collection after a
 * warm-up (the baseline; the warm-up's events stay due too), after every block of 100,000 events, after
 * publishing and after a settling period, and times each block: the first block's publish rate is the
 * baseline for the last.
 *
 * <p>Options: {@code --events N} (default 1000000), {@code --warmup N} (default 20000), {@code --block N}
 * (default 100000), {@code --publishers P} (default 2), {@code --settle-seconds S} (default 20),
 * {@code --limit-mb M} (the heap target, default 256), {@code --max-minutes M} (publishing stops after
 * this, default 15), {@code --pg-sync on|off} (default on), {@code --pg-pool N} (default 10). Give the
 * JVM {@code -Xmx} as BENCHMARKS.md says.
 */
final class MemoryHarness {

    /** The one tenant this harness publishes for. */
    private static final TenantId TENANT = TenantId.of("benchmark");

    private final int events;
    private final int warmup;
    private final int block;
    private final int publishers;
    private final int settleSeconds;
    private final long limitBytes;
    private final long deadlineNanos;
    private final String pgSync;
    private final int pgPool;
    private final List<WebhookEvent> samples = SampleEvents.all();
    private final ExecutorService sampler = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "heap-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong maxSampled = new AtomicLong();

    private MemoryHarness(Options options) {
        events = options.intValue("events", 1_000_000);
        warmup = options.intValue("warmup", 20_000);
        block = options.intValue("block", 100_000);
        publishers = options.intValue("publishers", 2);
        settleSeconds = options.intValue("settle-seconds", 20);
        limitBytes = options.intValue("limit-mb", 256) * 1024L * 1024L;
        deadlineNanos = System.nanoTime() + TimeUnit.MINUTES.toNanos(options.intValue("max-minutes", 15));
        pgSync = options.value("pg-sync", "on");
        pgPool = options.intValue("pg-pool", 10);
        if (events < block || block < 1) {
            throw new IllegalArgumentException("--events must be at least --block, and --block at least 1");
        }
    }

    /** Runs the harness; see the class comment for the options. */
    static void main(String[] args) throws Exception {
        Logging.quiet();
        Options options = Options.parse(args, Set.of("events", "warmup", "block", "publishers", "settle-seconds", "limit-mb",
                "max-minutes", "pg-sync", "pg-pool"));
        new MemoryHarness(options).run();
    }

    private void run() throws Exception {
        System.out.printf(Locale.ROOT, "memory harness: %d events to a silent endpoint, PostgreSQL "
                + "(synchronous_commit=%s), %d publisher threads, %d cores, -Xmx %d MB, limit %d MB%n",
                events, pgSync, publishers, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, limitBytes >> 20);
        try (SilentServer silent = SilentServer.start(4096);
                EmbeddedDatabase database = EmbeddedDatabase.start(pgPool, pgSync);
                JdbcWebhookStore store = BenchmarkStores.builder().dataSource(database.dataSource()).build();
                HeapWatch watch = new HeapWatch()) {
            store.migrate();
            try (WebhookSender sender = WebhookSender.builder()
                    .store(store)
                    .addressPolicy(EndpointAddressPolicy.allowLoopbackForTesting())
                    .shutdownTimeout(Duration.ofSeconds(1))
                    .build()) {
                sender.registerEndpoint(TENANT, EndpointRegistration.of(silent.uri().toString(), "*"));
                sender.start();
                Publishing.run(warmup, publishers, 0, i -> sender.publish(TENANT, event(i)));
                long baseline = sample("after the warm-up (" + warmup + " events)", 0);
                long[] blockNanos = publish(sender);
                sample("after publishing", events);
                Thread.sleep(TimeUnit.SECONDS.toMillis(settleSeconds));
                long settled = sample("after " + settleSeconds + " s of the dispatcher working the backlog", events);
                report(baseline, settled, watch, blockNanos);
                System.out.println("connections the silent endpoint accepted (attempts that timed out): "
                        + silent.accepted());
            }
            System.out.println("deliveries by status: " + countByStatus(database.dataSource(), store.tablePrefix()));
        } finally {
            sampler.shutdownNow();
        }
    }

    /** Publishes every event; returns the nanoTime at which each block was complete (index 0: the start). */
    private long[] publish(WebhookSender sender) throws InterruptedException {
        long[] blockEnds = new long[events / block + 1];
        AtomicInteger done = new AtomicInteger();
        blockEnds[0] = System.nanoTime();
        Publishing.run(events, publishers, 0, i -> {
            if (System.nanoTime() > deadlineNanos) {
                return;
            }
            sender.publish(TENANT, event(i));
            int count = done.incrementAndGet();
            if (count % block == 0) {
                blockEnds[count / block] = System.nanoTime();
                sampler.execute(() -> sample("after " + count + " events", count));
            }
        });
        if (done.get() < events) {
            System.out.println("STOPPED AT THE TIME LIMIT after " + done.get() + " events");
        }
        return blockEnds;
    }

    private WebhookEvent event(int index) {
        return WebhookEvent.of(samples.get(index % samples.size()).data());
    }

    private long sample(String when, int published) {
        long live = HeapWatch.liveHeapAfterFullGc();
        maxSampled.accumulateAndGet(live, Math::max);
        System.out.printf(Locale.ROOT, "  heap after full GC %-58s %6.1f MB%n", when + ":", live / 1048576.0);
        return live;
    }

    private void report(long baseline, long settled, HeapWatch watch, long[] blockEnds) throws InterruptedException {
        sampler.shutdown();
        sampler.awaitTermination(30, TimeUnit.SECONDS);
        System.out.println();
        for (int b = 1; b < blockEnds.length && blockEnds[b] != 0; b++) {
            System.out.printf(Locale.ROOT, "  block %2d: %,9.0f events published/s%n", b, rate(blockEnds, b));
        }
        int last = lastBlock(blockEnds);
        double first = rate(blockEnds, 1);
        double ratio = last >= 1 ? rate(blockEnds, last) / first : Double.NaN;
        long max = maxSampled.get();
        System.out.println();
        System.out.printf(Locale.ROOT, "live heap: baseline %.1f MB, max sampled %.1f MB (%.2fx the baseline), "
                + "after settling %.1f MB; largest heap after any GC %.1f MB%n", baseline / 1048576.0,
                max / 1048576.0, (double) max / baseline, settled / 1048576.0, watch.maxAfterAnyGc() / 1048576.0);
        System.out.printf(Locale.ROOT, "  target live heap < %d MB: %s%n", limitBytes >> 20,
                max < limitBytes ? "MET" : "MISSED");
        System.out.printf(Locale.ROOT, "publish rate: first block %.0f/s, last block (%d) %.0f/s = %.2fx the first%n",
                first, last, last >= 1 ? rate(blockEnds, last) : Double.NaN, ratio);
        System.out.printf(Locale.ROOT, "  target: does not slow down (last >= 0.8x first): %s%n",
                ratio >= 0.8 ? "MET" : "MISSED");
    }

    private static int lastBlock(long[] blockEnds) {
        int last = 0;
        for (int b = 1; b < blockEnds.length; b++) {
            if (blockEnds[b] != 0) {
                last = b;
            }
        }
        return last;
    }

    private double rate(long[] blockEnds, int b) {
        return block / ((blockEnds[b] - blockEnds[b - 1]) / 1e9);
    }

    private static String countByStatus(DataSource dataSource, String prefix) {
        StringBuilder counts = new StringBuilder();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT status, COUNT(*) FROM " + prefix + "deliveries GROUP BY status ORDER BY status")) {
            while (rows.next()) {
                counts.append(rows.getString(1)).append('=').append(rows.getLong(2)).append(' ');
            }
        } catch (java.sql.SQLException e) {
            return "not counted (" + e.getMessage() + ")";
        }
        return counts.toString().trim();
    }
}
