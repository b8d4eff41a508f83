package com.migomail.webhooks.benchmarks;

import com.migomail.webhooks.core.EventCodec;
import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.signing.WebhookSecret;
import com.migomail.webhooks.delivery.EndpointAddressPolicy;
import com.migomail.webhooks.delivery.EndpointRegistration;
import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.store.TenantId;
import com.migomail.webhooks.store.WebhookStore;
import com.migomail.webhooks.store.jdbc.JdbcWebhookStore;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
 * (loads {@code pg_stat_statements} and reports per-statement times; costs a little), {@code --peer-settings}
 * (the {@link DbSchedulerPeer} configurations tried on PostgreSQL after the sender, comma-separated
 * {@code <fetch|lock-and-fetch>:<threads>[:immediate]}, default
 * {@code fetch:16:immediate,lock-and-fetch:16:immediate,lock-and-fetch:32:immediate}; {@code none} skips the peer),
 * {@code --pg-layout single|partitioned} (the PostgreSQL tables: single, the default, or partitioned by
 * event day with the 30 days before today created, as a 30-day retention keeps them).
 * Bounded: every wait has a timeout, and the harness stops by itself.
 *
 * <p>On PostgreSQL, after the sender: the {@link DurableFloorLoop} (the bare loop's requests plus one
 * committed insert per publish and batched outcome updates, the least any durable sender writes) at
 * full speed, then the {@link StoreLoop} (the sender's statements with no HTTP) and the machine's
 * commit and {@code fsync} rates.
 *
 * <p>The peer runs on the same database, receiver and publisher threads, with the same bodies and
 * signatures: each setting gets a warm-up and a full-speed run; the best then gets a run paced at half
 * its maximum, and a new sender on the same store gets a run paced at that same rate.
 *
 * <p>After the verdicts, each kept run's CPU per 1,000 deliveries: this JVM's (with its share in the
 * kernel) and PostgreSQL's ({@link CpuMeter}), so that sender, peer and baseline can be compared on
 * what they cost, not only on how fast they went.
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
    private final boolean pgPartitioned;
    private final List<DbSchedulerPeer.Setting> peerSettings;
    private final List<WebhookEvent> samples = SampleEvents.all();
    private final List<RunResult> results = new ArrayList<>();
    private final List<String> verdicts = new ArrayList<>();
    /** CPU per delivery of each kept run, printed after the verdicts. */
    private final List<String> cpu = new ArrayList<>();
    private LoopbackReceiver receiver;
    private BareHttpLoop bare;
    private Target baseline;
    /** The last full-speed sender run, which the PostgreSQL store-only loop is compared with. */
    private RunResult lastFull;
    /** The mean of the bare loop's runs around {@link #lastFull}. */
    private double lastBareRate;
    /** The full-speed run of the {@link DurableFloorLoop}, which the peer target is compared with. */
    private RunResult durableFloor;

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
        String layout = options.value("pg-layout", "single");
        if (!layout.equals("single") && !layout.equals("partitioned")) {
            throw new IllegalArgumentException("--pg-layout is single or partitioned, not " + layout);
        }
        pgPartitioned = layout.equals("partitioned");
        String peer = options.value("peer-settings", "fetch:16:immediate,lock-and-fetch:16:immediate,"
                + "lock-and-fetch:32:immediate");
        peerSettings = peer.equals("none") ? List.of()
                : Stream.of(peer.split(",")).map(DbSchedulerPeer.Setting::parse).toList();
        if (events < 1 || events > 100_000) {
            throw new IllegalArgumentException("--events must be 1..100000: " + events);
        }
    }

    /** Runs the harness; see the class comment for the options. */
    static void main(String[] args) throws Exception {
        Logging.quiet();
        Options options = Options.parse(args, Set.of("events", "concurrency", "publishers", "warmup", "stores",
                "latency-seconds", "timeout", "pg-sync", "pg-fsync", "pg-pool", "executor-threads", "csv-dir", "pg-statements",
                "peer-settings", "pg-layout"));
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
                JdbcWebhookStore store = pgPartitioned
                        ? BenchmarkStores.builder().dataSource(database.dataSource()).partitionedByEventDay().build()
                        : BenchmarkStores.builder().dataSource(database.dataSource()).build()) {
            store.migrate();
            if (pgPartitioned) {
                // As a 30-day retention keeps them: every delivery-id lookup probes each day's partition.
                store.createEventDayPartitions(Instant.now().minus(Duration.ofDays(30)), Instant.now());
            }
            try (PostgresActivity activity = PostgresActivity.start(database.jdbcUrl())) {
                if (pgStatements) {
                    activity.countStatements();
                }
                measureSender("PostgreSQL (synchronous_commit=" + pgSync + ", fsync=" + pgFsync
                        + (pgPartitioned ? ", partitioned by event day, 33 days" : "") + ")", store);
                verdicts.add(activity.report(12));
                verdicts.add(activity.statementReport(12));
            }
            measureDurableFloor(database);
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
            if (!peerSettings.isEmpty()) {
                measurePeer(database, store);
            }
        }
    }

    /**
     * The floor under any durable sender: the bare loop's requests plus one committed insert per
     * publish and a batched outcome update ({@link DurableFloorLoop}), after a warm-up, at full speed.
     */
    private void measureDurableFloor(EmbeddedDatabase database) throws Exception {
        try (DurableFloorLoop loop = DurableFloorLoop.create(database.dataSource(), receiver.uri(), concurrency,
                EventCodec.write(samples.get(1)))) {
            Target floor = (log, batch, rate) -> loop.run(log, batch.stream().map(WebhookEvent::id).toList(),
                    publishers, rate);
            String name = "durable floor: bare loop + insert per publish";
            run(name + " warm-up", floor, warmup, 0, false);
            int before = loop.outcomesWritten();
            durableFloor = run(name + ": full speed", floor, events, 0, true);
            verdicts.add(String.format(Locale.ROOT, "durable floor: %d of %d outcomes written by the last receipt",
                    loop.outcomesWritten() - before, events));
            if (loop.errors() > 0) {
                verdicts.add("durable floor: requests or outcome writes that failed: " + loop.errors());
            }
        }
        double sender = lastFull == null ? 0 : lastFull.deliveriesPerSecond();
        double rate = durableFloor.deliveriesPerSecond();
        verdicts.add(String.format(Locale.ROOT, "durable floor (bare loop + one committed INSERT per publish from %d"
                + " threads + batched outcome UPDATE; no log, no lease, no signing): %.0f deliveries/s = %.2fx the"
                + " bare loop; the sender at full speed is %.2fx of it; 3000/s is %s this floor", publishers, rate,
                rate / lastBareRate, sender / rate, rate >= 3000 ? "below" : "ABOVE"));
    }

    /**
     * The job-queue peer at each setting (warm-up, full speed), then the best one paced at half its
     * maximum and the sender paced at that same rate. The peer gets a pool of its own, two connections
     * more than its threads, as db-scheduler asks for; its polling interval is the sender's default, 1 s.
     */
    private void measurePeer(EmbeddedDatabase database, JdbcWebhookStore store) throws Exception {
        DbSchedulerPeer.createTable(database.dataSource());
        int connections = peerSettings.stream().mapToInt(DbSchedulerPeer.Setting::threads).max().orElse(1) + 2;
        WebhookSecret secret = WebhookSecret.generate();
        RunResult best = null;
        DbSchedulerPeer.Setting bestSetting = null;
        try (HikariDataSource pool = database.newPool(connections, "db-scheduler")) {
            for (DbSchedulerPeer.Setting setting : peerSettings) {
                try (DbSchedulerPeer peer = DbSchedulerPeer.start(pool, setting, Duration.ofSeconds(1),
                        receiver.uri(), secret)) {
                    Target scheduling = peerTarget(peer);
                    String name = "db-scheduler (" + setting + ")";
                    run(name + " warm-up", scheduling, warmup, 0, false);
                    RunResult full = run(name + ": full speed", scheduling, events, 0, true);
                    if (peer.failures() > 0) {
                        verdicts.add(name + ": executions that failed and were retried: " + peer.failures());
                    }
                    if (full.received() == full.published()
                            && (best == null || full.deliveriesPerSecond() > best.deliveriesPerSecond())) {
                        best = full;
                        bestSetting = setting;
                    }
                }
            }
            if (best == null) {
                verdicts.add("db-scheduler: no setting delivered every event; no comparison");
                return;
            }
            double halfRate = best.deliveriesPerSecond() / 2;
            int paced = (int) Math.max(1, Math.min(100_000, halfRate * latencySeconds));
            RunResult peerHalf;
            try (DbSchedulerPeer peer = DbSchedulerPeer.start(pool, bestSetting, Duration.ofSeconds(1),
                    receiver.uri(), secret)) {
                peerHalf = run(String.format(Locale.ROOT, "db-scheduler (%s): paced %.0f/s", bestSetting, halfRate),
                        peerTarget(peer), paced, halfRate, true);
            }
            RunResult senderHalf;
            // The endpoint measureSender registered is still in the store: registering another would
            // deliver every event twice.
            try (WebhookSender sender = senderBuilder(store).build()) {
                sender.start();
                senderHalf = run(String.format(Locale.ROOT, "PostgreSQL sender: paced %.0f/s", halfRate),
                        senderTarget(sender), paced, halfRate, true);
            }
            double sender = lastFull == null ? 0 : lastFull.deliveriesPerSecond();
            double ratio = sender / best.deliveriesPerSecond();
            verdicts.add(String.format(Locale.ROOT, "db-scheduler peer, best of %d settings (%s): %.0f deliveries/s;"
                    + " the sender at full speed is %.2fx of it; target >= 2x: %s", peerSettings.size(), bestSetting,
                    best.deliveriesPerSecond(), ratio, ratio >= 2 ? "MET" : String.format(Locale.ROOT,
                            "MISSED by %.0f%%", (2 - ratio) / 2 * 100)));
            if (durableFloor != null) {
                double needed = 2 * best.deliveriesPerSecond();
                verdicts.add(String.format(Locale.ROOT, "  2x the peer is %.0f deliveries/s: %.2fx the durable floor"
                        + " (%.0f/s) and %.2fx the bare loop (%.0f/s)", needed,
                        needed / durableFloor.deliveriesPerSecond(), durableFloor.deliveriesPerSecond(),
                        needed / lastBareRate, lastBareRate));
            }
            verdicts.add(String.format(Locale.ROOT, "  p99 publish-to-receipt at %.0f/s (half the peer's maximum):"
                    + " sender %.2f ms (p50 %.2f), db-scheduler %.2f ms (p50 %.2f); target lower: %s", halfRate,
                    senderHalf.p99Millis(), senderHalf.p50Millis(), peerHalf.p99Millis(), peerHalf.p50Millis(),
                    senderHalf.p99Millis() < peerHalf.p99Millis() ? "MET" : "MISSED"));
            if (peerHalf.received() < peerHalf.published() || senderHalf.received() < senderHalf.published()) {
                verdicts.add("  NOT EVERY EVENT ARRIVED in the paced runs: the latency comparison is not valid");
            }
        }
    }

    private Target peerTarget(DbSchedulerPeer peer) {
        return (log, batch, rate) -> Publishing.run(batch.size(), publishers, rate, i -> {
            log.published(i);
            peer.publish(batch.get(i));
        });
    }

    private Target senderTarget(WebhookSender sender) {
        return (log, batch, rate) -> Publishing.run(batch.size(), publishers, rate, i -> {
            log.published(i);
            sender.publish(TENANT, batch.get(i));
        });
    }

    private WebhookSender.Builder senderBuilder(WebhookStore store) {
        return WebhookSender.builder()
                .store(store)
                .addressPolicy(EndpointAddressPolicy.allowLoopbackForTesting())
                .maxConcurrency(concurrency)
                .maxConcurrencyPerEndpoint(concurrency);
    }

    /**
     * Warm-up, then the sender at full speed between two full-speed baseline runs (its ratio is against
     * their mean, so drift over the run shows), then sender and baseline paced at half the sender's rate.
     */
    private void measureSender(String name, WebhookStore store) throws Exception {
        WebhookSender.Builder builder = senderBuilder(store);
        ExecutorService executor = null;
        if (executorThreads > 0) {
            executor = Executors.newFixedThreadPool(executorThreads, daemon("sender-executor-"));
            builder.executor(executor);
            name = name + ", " + executorThreads + " executor threads";
        }
        try (WebhookSender sender = builder.build()) {
            sender.registerEndpoint(TENANT, EndpointRegistration.of(receiver.uri().toString(), "*"));
            sender.start();
            Target publishing = senderTarget(sender);
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
        CpuMeter.Reading before = CpuMeter.read();
        target.send(log, batch, rate);
        boolean all = log.awaitAll(timeoutSeconds);
        CpuMeter.Reading after = CpuMeter.read();
        receiver.logTo(null);
        RunResult result = log.result(name);
        if (keep) {
            results.add(result);
            cpu.add(String.format(Locale.ROOT, "  %-60s %s", name, CpuMeter.perThousand(before, after, result.received())));
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
        lastBareRate = bareRate;
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
        System.out.println();
        System.out.println("CPU per run, from the first publish to the last receipt (the JVM's includes the"
                + " receiver and the publishing threads):");
        cpu.forEach(System.out::println);
    }

    /** Something that delivers a batch of events to the receiver, noting publish times in the log. */
    @FunctionalInterface
    private interface Target {
        void send(ReceiptLog log, List<WebhookEvent> batch, double ratePerSecond) throws Exception;
    }
}
