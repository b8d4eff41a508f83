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
 * rate of publishing with delivery, with and without the purge beside it. With {@code --deliver off}
 * the sender is never started, so every published delivery stays pending: retention behind a
 * growing backlog. The purge's PostgreSQL sessions are sampled ({@link PostgresActivity}) and
 * reported by wait and statement.
 *
 * <p>Options: {@code --events N} (default 10000000), {@code --days D} (default 10), {@code --batch B}
 * (purge batch, default 1000, the sender's retention batch), {@code --publishers P} (default 2),
 * {@code --baseline-seconds S} (the publish run without a purge, default 20), {@code --deliver on|off}
 * (default on), {@code --pg-fsync on|off}
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

    private RetentionHarness(Options options) {
        events = options.intValue("events", 10_000_000);
        days = options.intValue("days", 10);
        batch = options.intValue("batch", 1000);
        publishers = options.intValue("publishers", 2);
        baselineSeconds = options.intValue("baseline-seconds", 20);
        maxPurgeMinutes = options.intValue("max-purge-minutes", 30);
        pgFsync = options.value("pg-fsync", "on");
        deliver = !options.value("deliver", "on").equals("off");
        if (events < days || days < 2) {
            throw new IllegalArgumentException("--days must be at least 2 and --events at least --days");
        }
    }

    /** Runs the harness; see the class comment for the options. */
    static void main(String[] args) throws Exception {
        Logging.quiet();
        Options options = Options.parse(args, Set.of("events", "days", "batch", "publishers", "baseline-seconds",
                "max-purge-minutes", "pg-fsync", "deliver"));
        new RetentionHarness(options).run();
    }

    private void run() throws Exception {
        System.out.printf(Locale.ROOT, "retention harness: %,d events over %d days, purge batch %d, %d publisher"
                + " threads, %d cores%n", events, days, batch, publishers, Runtime.getRuntime().availableProcessors());
        try (EmbeddedDatabase database = EmbeddedDatabase.start(10, "on", pgFsync, false);
                LoopbackReceiver receiver = LoopbackReceiver.start(16);
                JdbcWebhookStore store = BenchmarkStores.builder().dataSource(database.dataSource()).build();
                WebhookSender sender = WebhookSender.builder().store(store)
                        .addressPolicy(EndpointAddressPolicy.allowLoopbackForTesting())
                        .maxConcurrency(16).maxConcurrencyPerEndpoint(16).build()) {
            store.migrate();
            String endpoint = sender.registerEndpoint(TENANT,
                    EndpointRegistration.of(receiver.uri().toString(), "*")).id();
            // The oldest day starts 40 days back, so the newest generated event is older than any publish.
            long start = nanos(Instant.now().minus(Duration.ofDays(days + 30L)));
            generate(database.dataSource(), store.tablePrefix(), endpoint, start);
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
            try (PostgresActivity activity = PostgresActivity.start(database.jdbcUrl())) {
                purge.start();
                during = publishWhile(sender, purging);
                purge.join();
                System.out.println(activity.report(8));
            }
            double seconds = purgeNanos.get() / 1e9;
            long expected = events / days;
            System.out.printf(Locale.ROOT, "batched DELETE of one day: %,d events (of %,d in that day) with their"
                    + " deliveries and attempts in %.1f s = %.0f events/s%n", purged.get(), expected, seconds,
                    purged.get() / seconds);
            System.out.printf(Locale.ROOT, "publish rate while purging: %.0f/s = %.2fx the rate without a purge"
                    + " (target >= 0.9x)%n", during, during / without);
            System.out.println(sizes(database.dataSource(), store.tablePrefix()));
        }
    }

    /** Events, deliveries and attempts in chunks, then VACUUM ANALYZE, as a bulk load would. */
    private void generate(DataSource source, String prefix, String endpoint, long start) throws SQLException {
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
                        + " attempt_count, next_attempt_at, replay, created_at, updated_at)"
                        + " SELECT 'dlv_bulk_' || g, ?, 'evt_bulk_' || g, ?, 'DELIVERED', 1, NULL, FALSE, ? + g * ?,"
                        + " ? + g * ? FROM generate_series(?::bigint, ?::bigint) g", TENANT.value(), endpoint, start,
                        step, start, step, from, to);
                insert(connection, "INSERT INTO " + prefix + "attempts (delivery_id, attempt_number, started_at,"
                        + " latency_nanos, status_code, tenant_id, endpoint_id)"
                        + " SELECT 'dlv_bulk_' || g, 1, ? + g * ?, 2000000, 200, ?, ?"
                        + " FROM generate_series(?::bigint, ?::bigint) g", start, step, TENANT.value(), endpoint,
                        from, to);
                System.out.printf(Locale.ROOT, "  generated %,d events, deliveries and attempts (%.0f s)%n", to,
                        (System.nanoTime() - began) / 1e9);
            }
            try (Statement statement = connection.createStatement()) {
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
    private double publishWhile(WebhookSender sender, AtomicBoolean running) throws InterruptedException {
        return publish(sender, SampleEvents.fresh(2_000_000), running);
    }

    private double publish(WebhookSender sender, List<WebhookEvent> batch, AtomicBoolean running)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        long began = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < publishers; t++) {
            Thread thread = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < batch.size() && running.get(); i = next.getAndIncrement()) {
                    sender.publish(TENANT, batch.get(i));
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
                ResultSet rows = statement.executeQuery("SELECT relname, pg_total_relation_size(relid), n_live_tup"
                        + " FROM pg_stat_user_tables WHERE relname LIKE '" + prefix + "%' ORDER BY relname")) {
            while (rows.next()) {
                text.append(String.format(Locale.ROOT, " %s %.0f MiB (%,d rows);", rows.getString(1),
                        rows.getLong(2) / 1048576.0, rows.getLong(3)));
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
