package com.migomail.webhooks.benchmarks;

import com.migomail.webhooks.core.EventCodec;
import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.delivery.EndpointAddressPolicy;
import com.migomail.webhooks.delivery.EndpointRegistration;
import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.store.TenantId;
import com.migomail.webhooks.store.jdbc.JdbcWebhookStore;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Retention at scale on PostgreSQL (P2.5): {@code --events} delivered events (each with one
 * delivered delivery and one attempt) are generated in bulk with {@code INSERT … SELECT} from
 * {@code generate_series}, not through HTTP, spread evenly over {@code --days} days; then the oldest
 * day is purged with the store's batched {@code DELETE} ({@code purgeEventsBefore}, as the sender's
 * retention runs it), and the publish rate is measured without a purge and while the purge runs.
 *
 * <p>The publishers publish through a started sender that delivers to a {@link LoopbackReceiver}
 * (16 in flight), as in production, so that deliveries do not pile up pending: the figure is the
 * rate of publishing with delivery, with and without the purge beside it; the rate while purging is
 * taken over at least {@code --baseline-seconds} too, however soon the purge ends, and compared with
 * the mean of a window without a purge before it and one after it; the longest
 * publish begun while the purge ran shows how long it held publishing up. With {@code --deliver off}
 * the sender is never started, so every published delivery stays pending: retention behind a
 * growing backlog. The purge's PostgreSQL sessions are sampled ({@link PostgresActivity}) and
 * reported by wait and statement.
 *
 * <p>{@code --layout} chooses the tables: {@code single} (the default layout, purged by batched
 * {@code DELETE}), {@code partitioned} (partitioned by event day, purged by dropping the day's
 * partitions) or {@code both} (the default: one after the other, on fresh table prefixes in the same
 * database, the first one's tables dropped before the second is generated). The oldest generated
 * day starts at a UTC midnight, so that in either layout the purge takes exactly one day.
 *
 * <p>Options: {@code --events N} (default 10000000), {@code --days D} (default 10), {@code --batch B}
 * (purge batch, default 1000, the sender's retention batch), {@code --publishers P} (default 2),
 * {@code --baseline-seconds S} (the publish run without a purge, default 20), {@code --deliver on|off}
 * (default on), {@code --layout single|partitioned|both} (default both), {@code --pg-fsync on|off}
 * (default on). Bounded: the purge stops after {@code --max-purge-minutes} (default 30).
 */
final class RetentionHarness {

    private static final TenantId TENANT = TenantId.of("retention");
    private static final long DAY_NANOS = Duration.ofDays(1).toNanos();
    /** Rows per generating statement, so that progress shows and no transaction holds 10 M rows. */
    private static final long CHUNK = 1_000_000;

    private final long events;
    private final int days;
    private final int batch;
    private final int publishers;
    private final int baselineSeconds;
    private final int maxPurgeMinutes;
    private final String pgFsync;
    private final boolean deliver;
    private final List<String> layouts;

    private RetentionHarness(Options options) {
        events = options.intValue("events", 10_000_000);
        days = options.intValue("days", 10);
        batch = options.intValue("batch", 1000);
        publishers = options.intValue("publishers", 2);
        baselineSeconds = options.intValue("baseline-seconds", 20);
        maxPurgeMinutes = options.intValue("max-purge-minutes", 30);
        pgFsync = options.value("pg-fsync", "on");
        deliver = !options.value("deliver", "on").equals("off");
        String layout = options.value("layout", "both");
        layouts = switch (layout) {
            case "both" -> List.of("single", "partitioned");
            case "single", "partitioned" -> List.of(layout);
            default -> throw new IllegalArgumentException("--layout is single, partitioned or both, not " + layout);
        };
        if (events < days || days < 2) {
            throw new IllegalArgumentException("--days must be at least 2 and --events at least --days");
        }
    }

    /** Runs the harness; see the class comment for the options. */
    static void main(String[] args) throws Exception {
        Logging.quiet();
        Options options = Options.parse(args, Set.of("events", "days", "batch", "publishers", "baseline-seconds",
                "max-purge-minutes", "pg-fsync", "deliver", "layout"));
        new RetentionHarness(options).run();
    }

    private void run() throws Exception {
        System.out.printf(Locale.ROOT, "retention harness: %,d events over %d days, purge batch %d, %d publisher"
                + " threads, %d cores%n", events, days, batch, publishers, Runtime.getRuntime().availableProcessors());
        try (EmbeddedDatabase database = EmbeddedDatabase.start(10, "on", pgFsync, false);
                LoopbackReceiver receiver = LoopbackReceiver.start(16)) {
            List<String> results = new ArrayList<>();
            for (String layout : layouts) {
                results.add(run(database, receiver, layout));
            }
            System.out.println();
            results.forEach(System.out::println);
        }
    }

    /** One layout, on tables of its own that are dropped afterwards; returns its summary line. */
    private String run(EmbeddedDatabase database, LoopbackReceiver receiver, String layout) throws Exception {
        boolean partitioned = layout.equals("partitioned");
        String prefix = "ret_" + layout.charAt(0) + "_";
        System.out.printf(Locale.ROOT, "%n== layout: %s (tables %s*) ==%n", layout, prefix);
        JdbcWebhookStore.Builder builder = BenchmarkStores.builder().dataSource(database.dataSource()).tablePrefix(prefix);
        try (JdbcWebhookStore store = (partitioned ? builder.partitionedByEventDay() : builder).build();
                WebhookSender sender = WebhookSender.builder().store(store)
                        .addressPolicy(EndpointAddressPolicy.allowLoopbackForTesting())
                        .maxConcurrency(16).maxConcurrencyPerEndpoint(16).build()) {
            store.migrate();
            String endpoint = sender.registerEndpoint(TENANT,
                    EndpointRegistration.of(receiver.uri().toString(), "*")).id();
            // The oldest day starts 40 days back at a UTC midnight, so the newest generated event is
            // older than any publish and the purge's cutoff is a day boundary.
            long start = Math.floorDiv(nanos(Instant.now().minus(Duration.ofDays(days + 30L))), DAY_NANOS) * DAY_NANOS;
            if (partitioned) {
                store.createEventDayPartitions(instant(start), instant(start + days * DAY_NANOS)); // g runs 1..events
            }
            generate(database.dataSource(), prefix, endpoint, start, partitioned);
            if (deliver) {
                sender.start();
            }

            List<WebhookEvent> warm = SampleEvents.fresh(20_000);
            publishFor(sender, warm, 10);
            double without = publishFor(sender, SampleEvents.fresh(200_000), baselineSeconds);
            System.out.printf(Locale.ROOT, "publish rate without a purge: %.0f/s%n", without);

            Instant cutoff = instant(start + DAY_NANOS);
            AtomicBoolean purging = new AtomicBoolean(true);
            AtomicLong purged = new AtomicLong();
            AtomicLong purgeNanos = new AtomicLong();
            AtomicLong longest = new AtomicLong();
            Thread purge = new Thread(() -> {
                long began = System.nanoTime();
                long deadline = began + Duration.ofMinutes(maxPurgeMinutes).toNanos();
                try {
                    for (int n = store.purgeEventsBefore(cutoff, batch); n > 0 && System.nanoTime() < deadline;
                            n = store.purgeEventsBefore(cutoff, batch)) {
                        purged.addAndGet(n);
                    }
                } finally {
                    purgeNanos.set(System.nanoTime() - began);
                    purging.set(false);
                }
            }, "purge");
            double during;
            // Made before the purge starts: making them takes longer than a partition drop.
            List<WebhookEvent> toPublish = SampleEvents.fresh(2_000_000);
            try (PostgresActivity activity = PostgresActivity.start(database.jdbcUrl())) {
                purge.start();
                during = publishWhile(sender, toPublish, purging, longest);
                purge.join();
                System.out.println(activity.report(8));
            }
            // A second window without a purge: the machine's rate drifts by tens of percent between
            // minutes, so the purge's window is compared with the mean of one before and one after.
            double after = publishFor(sender, SampleEvents.fresh(200_000), baselineSeconds);
            System.out.printf(Locale.ROOT, "publish rate without a purge, after it: %.0f/s%n", after);
            without = (without + after) / 2;
            double seconds = purgeNanos.get() / 1e9;
            long expected = events / days;
            String how = partitioned ? "partition drop" : "batched DELETE";
            String summary = String.format(Locale.ROOT, "%s: %s of one day: %,d events%s (of %,d in that day) with"
                    + " their deliveries and attempts in %.2f s = %.0f events/s; publish %.0f/s while purging vs %.0f/s"
                    + " without (mean of before and after) = %.2fx (target >= 0.9x); longest publish begun during the"
                    + " purge %.1f ms", layout,
                    how, purged.get(), partitioned ? " (as the store counted them before the drop)" : "", expected, seconds,
                    purged.get() / seconds, during, without, during / without, longest.get() / 1e6);
            System.out.println(summary);
            System.out.println(sizes(database.dataSource(), prefix));
            sender.close();
            drop(database.dataSource(), prefix);
            return summary;
        }
    }

    /** Drops a layout's tables, so the next layout has the disk and the cache to itself. */
    private static void drop(DataSource source, String prefix) throws SQLException {
        try (Connection connection = source.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            for (String table : List.of("attempts", "deliveries", "events", "endpoints", "settings", "schema_version")) {
                statement.execute("DROP TABLE IF EXISTS " + prefix + table + " CASCADE");
            }
        }
    }

    /** Events, deliveries and attempts in chunks, then VACUUM ANALYZE, as a bulk load would. */
    private void generate(DataSource source, String prefix, String endpoint, long start, boolean partitioned)
            throws SQLException {
        // The partitioned tables repeat the event's time on its deliveries and attempts (event_ts).
        String eventTs = partitioned ? ", event_ts" : "";
        String eventTsValue = partitioned ? ", ? + g * ?" : "";
        String body = new String(EventCodec.write(SampleEvents.all().get(1)), StandardCharsets.UTF_8);
        long step = days * DAY_NANOS / events;
        long began = System.nanoTime();
        try (Connection connection = source.getConnection()) {
            connection.setAutoCommit(true);
            for (long from = 1; from <= events; from += CHUNK) {
                long to = Math.min(events, from + CHUNK - 1);
                insert(connection, "INSERT INTO " + prefix + "events (id, tenant_id, event_type, ts, stored_at, body)"
                        + " SELECT 'evt_bulk_' || g, ?, 'email.sent', ? + g * ?, ? + g * ?, ?"
                        + " FROM generate_series(?::bigint, ?::bigint) g", TENANT.value(), start, step, start, step,
                        body, from, to);
                insert(connection, "INSERT INTO " + prefix + "deliveries (id, tenant_id, event_id, endpoint_id, status,"
                        + " attempt_count, next_attempt_at, replay, created_at, updated_at" + eventTs + ")"
                        + " SELECT 'dlv_bulk_' || g, ?, 'evt_bulk_' || g, ?, 'DELIVERED', 1, NULL, FALSE, ? + g * ?,"
                        + " ? + g * ?" + eventTsValue + " FROM generate_series(?::bigint, ?::bigint) g",
                        partitioned ? new Object[] {TENANT.value(), endpoint, start, step, start, step, start, step, from,
                                to} : new Object[] {TENANT.value(), endpoint, start, step, start, step, from, to});
                insert(connection, "INSERT INTO " + prefix + "attempts (delivery_id, attempt_number, started_at,"
                        + " latency_nanos, status_code, tenant_id, endpoint_id" + eventTs + ")"
                        + " SELECT 'dlv_bulk_' || g, 1, ? + g * ?, 2000000, 200, ?, ?" + eventTsValue
                        + " FROM generate_series(?::bigint, ?::bigint) g",
                        partitioned ? new Object[] {start, step, TENANT.value(), endpoint, start, step, from, to}
                                : new Object[] {start, step, TENANT.value(), endpoint, from, to});
                System.out.printf(Locale.ROOT, "  generated %,d events, deliveries and attempts (%.0f s)%n", to,
                        (System.nanoTime() - began) / 1e9);
            }
            try (Statement statement = connection.createStatement()) {
                // On a partitioned table VACUUM goes through every partition, ANALYZE the parent too.
                for (String table : List.of("events", "deliveries", "attempts")) {
                    statement.execute("VACUUM ANALYZE " + prefix + table);
                }
            }
        }
        System.out.printf(Locale.ROOT, "generated and vacuumed in %.0f s%n", (System.nanoTime() - began) / 1e9);
    }

    private static void insert(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    /** Publishes for {@code seconds} (or until the events run out); returns publishes per second. */
    private double publishFor(WebhookSender sender, List<WebhookEvent> batch, int seconds)
            throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        Thread timer = new Thread(() -> {
            try {
                Thread.sleep(seconds * 1000L); // the measuring window itself, not a wait for a condition
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.set(false);
        });
        timer.setDaemon(true);
        timer.start();
        return publish(sender, batch, running);
    }

    /** Publishes while {@code running} holds; returns publishes per second. */
    /**
     * Publishes while the purge runs, and on for the rest of {@code --baseline-seconds} if it ends
     * sooner (a partition drop takes milliseconds), so both rates cover windows of comparable length;
     * notes the longest publish that began while the purge was running in {@code longestNanos}.
     */
    private double publishWhile(WebhookSender sender, List<WebhookEvent> toPublish, AtomicBoolean purging,
            AtomicLong longestNanos) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(baselineSeconds).toNanos();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread window = new Thread(() -> {
            while (purging.get() || System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // the measuring window itself
            }
            running.set(false);
        });
        window.setDaemon(true);
        window.start();
        return publish(sender, toPublish, running, purging, longestNanos);
    }

    private double publish(WebhookSender sender, List<WebhookEvent> batch, AtomicBoolean running)
            throws InterruptedException {
        return publish(sender, batch, running, new AtomicBoolean(false), new AtomicLong());
    }

    private double publish(WebhookSender sender, List<WebhookEvent> batch, AtomicBoolean running,
            AtomicBoolean purging, AtomicLong longestNanos) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        long began = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < publishers; t++) {
            Thread thread = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < batch.size() && running.get(); i = next.getAndIncrement()) {
                    boolean duringPurge = purging.get();
                    long publishStart = System.nanoTime();
                    sender.publish(TENANT, batch.get(i));
                    if (duringPurge) {
                        longestNanos.accumulateAndGet(System.nanoTime() - publishStart, Math::max);
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        return Math.min(next.get(), batch.size()) / seconds;
    }

    private static String sizes(DataSource source, String prefix) throws SQLException {
        StringBuilder text = new StringBuilder("table sizes after the purge:");
        try (Connection connection = source.getConnection(); Statement statement = connection.createStatement();
                // A partitioned table's partitions (<table>_pYYYYMMDD) are summed under the table's name.
                ResultSet rows = statement.executeQuery("SELECT regexp_replace(relname, '_p[0-9]{8}$', '') AS t,"
                        + " sum(pg_total_relation_size(relid)), sum(n_live_tup), count(*)"
                        + " FROM pg_stat_user_tables WHERE relname LIKE '" + prefix + "%' GROUP BY 1 ORDER BY 1")) {
            while (rows.next()) {
                text.append(String.format(Locale.ROOT, " %s %.0f MiB (%,d rows%s);", rows.getString(1),
                        rows.getLong(2) / 1048576.0, rows.getLong(3),
                        rows.getInt(4) > 1 ? " in " + rows.getInt(4) + " partitions" : ""));
            }
        }
        return text.toString();
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
