package com.migomail.webhooks.benchmarks;

import com.migomail.webhooks.core.EventCodec;
import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.delivery.EndpointAddressPolicy;
import com.migomail.webhooks.delivery.EndpointRegistration;
import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.store.TenantId;
import com.migomail.webhooks.store.WebhookStore;
import com.migomail.webhooks.store.jdbc.JdbcWebhookStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Delivery throughput and latency: events published to a {@link WebhookSender} are delivered to a
 * {@link LoopbackReceiver} on 127.0.0.1, side by side with the baseline, a {@link BareHttpLoop} at the
 * same concurrency against the same receiver in the same run.
 *
 * <p>For each store (in-memory, an H2 file in a temporary directory, PostgreSQL started by the harness): a warm-up, a run at full speed
 * (all events published as fast as the publisher threads go; deliveries per second from the first
 * publish to the last receipt) between two full-speed baseline runs, whose mean is the ratio's
 * denominator, then a latency run paced at half the rate the full-speed run reached,
 * with the baseline paced at the same rate for reference. Publish-to-receipt latency is taken per event
 * with {@code System.nanoTime()}: at the call to {@code publish} and when the receiver has read the
 * request whose {@code webhook-id} is that event's id (one JVM, one clock).
 *
 * <p>Options: {@code --events N} (1..100000, default 20000), {@code --concurrency C} (attempts in flight,
 * default 16), {@code --publishers P} (publishing threads, default 2), {@code --warmup W} (default 20000),
 * {@code --stores memory,h2,postgres}, {@code --latency-seconds S} (length of each paced run, default 10),
 * {@code --timeout S} (per run, default 120), {@code --pg-sync on|off} (PostgreSQL
 * {@code synchronous_commit}, default on), {@code --pg-fsync on|off} (PostgreSQL {@code fsync}, default on;
 * off only to compare with the runs made before 2026-12-03, which had it off), {@code --pg-pool N} (default 10), {@code --executor-threads N}
 * (gives the sender an executor of N threads instead of its default of 4), {@code --csv-dir D} (writes each
 * run's per-event publish time and latency to {@code D/<run number>.csv}), {@code --pg-statements on}
 * (loads {@code pg_stat_statements} and reports per-statement times; costs a little). Bounded: every wait has a
 * timeout, and the harness stops by itself.
 */
final class DeliveryHarness {

    /** The one tenant this harness publishes for. */
    private static final TenantId TENANT = TenantId.of("benchmark");

    private final int events;
    private final int concurrency;
    private final int publishers;
    private final int warmup;
    private final int latencySeconds;
    private final int timeoutSeconds;
    private final String pgSync;
    private final String pgFsync;
    private final int pgPool;
    private final int executorThreads;
    private final String csvDirectory;
    private final boolean pgStatements;
    private final List<WebhookEvent> samples = SampleEvents.all();
    private final List<RunResult> results = new ArrayList<>();
    private final List<String> verdicts = new ArrayList<>();
    private LoopbackReceiver receiver;
    private BareHttpLoop bare;
    private Target baseline;
    /** The last full-speed sender run, which the PostgreSQL store-only loop is compared with. */
    private RunResult lastFull;

    private DeliveryHarness(Options options) {
        events = options.intValue("events", 20_000);
        concurrency = options.intValue("concurrency", 16);
        publishers = options.intValue("publishers", 2);
        warmup = options.intValue("warmup", 20_000);
        latencySeconds = options.intValue("latency-seconds", 10);
        timeoutSeconds = options.intValue("timeout", 120);
        pgSync = options.value("pg-sync", "on");
        pgFsync = options.value("pg-fsync", "on");
        pgPool = options.intValue("pg-pool", 10);
        executorThreads = options.intValue("executor-threads", 0);
        csvDirectory = options.value("csv-dir", null);
        pgStatements = options.value("pg-statements", "off").equals("on");
        if (events < 1 || events > 100_000) {
            throw new IllegalArgumentException("--events must be 1..100000: " + events);
        }
    }

    /** Runs the harness; see the class comment for the options. */
    static void main(String[] args) throws Exception {
        Logging.quiet();
        Options options = Options.parse(args, Set.of("events", "concurrency", "publishers", "warmup", "stores",
                "latency-seconds", "timeout", "pg-sync", "pg-fsync", "pg-pool", "executor-threads", "csv-dir", "pg-statements"));
        new DeliveryHarness(options).run(List.of(options.value("stores", "memory,postgres").split(",")));
    }

    private void run(List<String> stores) throws Exception {
        System.out.printf(Locale.ROOT, "delivery harness: %d events, concurrency %d, %d publisher threads, "
                + "warm-up %d, %d cores, max heap %d MB%n", events, concurrency, publishers, warmup,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        System.out.println(RunResult.header());
        try (LoopbackReceiver started = LoopbackReceiver.start(concurrency);
                BareHttpLoop loop = new BareHttpLoop(started.uri(), concurrency, EventCodec.write(samples.get(1)))) {
            receiver = started;
            bare = loop;
            baseline = (log, batch, rate) -> bare.run(log, batch.stream().map(WebhookEvent::id).toList(), rate);
            run("baseline warm-up", baseline, warmup, 0, false);
            run("baseline warm-up", baseline, warmup, 0, false);
            for (String store : stores) {
                switch (store.trim()) {
                    case "memory" -> measureSender("in-memory", WebhookStore.inMemory());
                    case "postgres" -> measurePostgres();
                    case "h2" -> measureH2();
                    default -> throw new IllegalArgumentException("--stores: memory, h2 or postgres, not " + store);
                }
            }
            if (bare.errors() > 0) {
                verdicts.add("baseline requests that failed: " + bare.errors());
            }
        }
        print();
    }

    /** The embedded default: {@link JdbcWebhookStore.Builder#h2File} in a temporary directory, removed after. */
    private void measureH2() throws Exception {
        Path directory = Files.createTempDirectory("migomail-webhooks-h2-");
        try (JdbcWebhookStore store = BenchmarkStores.h2File(directory.resolve("webhooks"))) {
            store.migrate();
            measureSender("H2 file", store);
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private void measurePostgres() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(pgPool, pgSync, pgFsync, pgStatements);
                JdbcWebhookStore store = BenchmarkStores.builder().dataSource(database.dataSource()).build()) {
            store.migrate();
            try (PostgresActivity activity = PostgresActivity.start(database.jdbcUrl())) {
                if (pgStatements) {
                    activity.countStatements();
                }
                measureSender("PostgreSQL (synchronous_commit=" + pgSync + ", fsync=" + pgFsync + ")", store);
                verdicts.add(activity.report(12));
                verdicts.add(activity.statementReport(12));
            }
            // The second baseline: the same store statements with no HTTP and no sender, then the
            // machine's commit and fsync rates; run after the sender so its statements are not counted.
            double loop = StoreLoop.deliveriesPerSecond(store, events, concurrency,
                    new String(EventCodec.write(samples.get(1)), StandardCharsets.UTF_8));
            double sender = lastFull == null ? 0 : lastFull.deliveriesPerSecond();
            verdicts.add(String.format(Locale.ROOT, "store-only loop (the sender's statements through the store, no"
                    + " HTTP, %d threads): %.0f deliveries/s; the sender at full speed is %.2fx of it", concurrency,
                    loop, sender / loop));
            verdicts.add(String.format(Locale.ROOT, "machine: %.0f one-row commits/s on one connection"
                    + " (synchronous_commit=%s, fsync=%s), %.0f fsyncs/s of an 8 KiB write (FileChannel.force)",
                    StoreLoop.commitsPerSecond(database.dataSource(), 3), pgSync, pgFsync, StoreLoop.fsyncsPerSecond(3)));
        }
    }

    /**
     * Warm-up, then the sender at full speed between two full-speed baseline runs (its ratio is against
     * their mean, so drift over the run shows), then sender and baseline paced at half the sender's rate.
     */
    private void measureSender(String name, WebhookStore store) throws Exception {
        WebhookSender.Builder builder = WebhookSender.builder()
                .store(store)
                .addressPolicy(EndpointAddressPolicy.allowLoopbackForTesting())
                .maxConcurrency(concurrency)
                .maxConcurrencyPerEndpoint(concurrency);
        ExecutorService executor = null;
        if (executorThreads > 0) {
            executor = Executors.newFixedThreadPool(executorThreads, daemon("sender-executor-"));
            builder.executor(executor);
            name = name + ", " + executorThreads + " executor threads";
        }
        try (WebhookSender sender = builder.build()) {
            sender.registerEndpoint(TENANT, EndpointRegistration.of(receiver.uri().toString(), "*"));
            sender.start();
            Target publishing = (log, batch, rate) -> Publishing.run(batch.size(), publishers, rate, i -> {
                log.published(i);
                sender.publish(TENANT, batch.get(i));
            });
            run(name + " warm-up", publishing, warmup, 0, false);
            RunResult before = run("baseline: bare sendAsync loop", baseline, events, 0, true);
            RunResult full = run(name + ": full speed", publishing, events, 0, true);
            RunResult after = run("baseline: bare sendAsync loop again", baseline, events, 0, true);
            double halfRate = full.deliveriesPerSecond() / 2;
            int paced = (int) Math.max(1, Math.min(100_000, halfRate * latencySeconds));
            RunResult half = run(String.format(Locale.ROOT, "%s: paced %.0f/s", name, halfRate),
                    publishing, paced, halfRate, true);
            run(String.format(Locale.ROOT, "baseline: paced %.0f/s", halfRate), baseline, paced, halfRate, true);
            judge(name, full, half, before, after);
        } finally {
            if (executor != null) {
                executor.shutdownNow();
            }
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Sends {@code count} new events through the target and waits for them (or the timeout). */
    private RunResult run(String name, Target target, int count, double rate, boolean keep) throws Exception {
        List<WebhookEvent> batch = SampleEvents.fresh(count);
        ReceiptLog log = new ReceiptLog(batch.stream().map(WebhookEvent::id).toList());
        receiver.logTo(log);
        target.send(log, batch, rate);
        boolean all = log.awaitAll(timeoutSeconds);
        receiver.logTo(null);
        RunResult result = log.result(name);
        if (keep) {
            results.add(result);
            if (csvDirectory != null) {
                log.writeCsv(java.nio.file.Path.of(csvDirectory, results.size() + ".csv"));
            }
        }
        System.out.println((all ? "" : "TIMED OUT ") + result.row());
        return result;
    }

    private void judge(String name, RunResult full, RunResult half, RunResult before, RunResult after) {
        lastFull = full;
        double bareRate = (before.deliveriesPerSecond() + after.deliveriesPerSecond()) / 2;
        double ratio = full.deliveriesPerSecond() / bareRate;
        verdicts.add(String.format(Locale.ROOT, "%s: %.0f deliveries/s = %.2fx the bare loop (%.0f/s, mean of %.0f"
                + " before and %.0f after; %.2fx to %.2fx)", name, full.deliveriesPerSecond(), ratio, bareRate,
                before.deliveriesPerSecond(), after.deliveriesPerSecond(),
                full.deliveriesPerSecond() / Math.max(before.deliveriesPerSecond(), after.deliveriesPerSecond()),
                full.deliveriesPerSecond() / Math.min(before.deliveriesPerSecond(), after.deliveriesPerSecond())));
        if (name.startsWith("in-memory")) {
            verdicts.add(String.format(Locale.ROOT, "  target >= 0.8x the bare loop: %s",
                    ratio >= 0.8 ? "MET" : String.format(Locale.ROOT, "MISSED by %.0f%%", (0.8 - ratio) / 0.8 * 100)));
        } else if (name.startsWith("PostgreSQL")) {
            verdicts.add(String.format(Locale.ROOT, "  target >= 3000 deliveries/s: %s; target >= 0.6x the bare"
                    + " loop: %s", full.deliveriesPerSecond() >= 3000 ? "MET" : String.format(Locale.ROOT,
                            "MISSED by %.0f%%", (3000 - full.deliveriesPerSecond()) / 30),
                    ratio >= 0.6 ? "MET" : String.format(Locale.ROOT, "MISSED by %.0f%%", (0.6 - ratio) / 0.6 * 100)));
        }
        verdicts.add(String.format(Locale.ROOT, "  p99 publish-to-receipt at half rate: %.2f ms (p50 %.2f, max %.2f);"
                + " target < 50 ms: %s", half.p99Millis(), half.p50Millis(), half.maxMillis(),
                half.p99Millis() < 50 ? "MET" : "MISSED"));
        if (full.received() < full.published() || half.received() < half.published()) {
            verdicts.add("  NOT EVERY EVENT ARRIVED: the figures above are not valid");
        }
    }

    private void print() {
        System.out.println();
        System.out.println(RunResult.header());
        results.forEach(result -> System.out.println(result.row()));
        System.out.println();
        verdicts.forEach(System.out::println);
    }

    /** Something that delivers a batch of events to the receiver, noting publish times in the log. */
    @FunctionalInterface
    private interface Target {
        void send(ReceiptLog log, List<WebhookEvent> batch, double ratePerSecond) throws Exception;
    }
}
