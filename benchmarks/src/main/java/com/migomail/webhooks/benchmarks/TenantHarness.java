package com.migomail.webhooks.benchmarks;

import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.delivery.EndpointAddressPolicy;
import com.migomail.webhooks.delivery.EndpointRegistration;
import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.TenantId;
import com.migomail.webhooks.store.jdbc.JdbcWebhookStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * What tenants cost (P1.7). Two measurements, each against a baseline in the same process:
 *
 * <p><b>Publish cost against the number of other tenants.</b> For each store (an H2 file, PostgreSQL
 * started by the harness): two stores under different table prefixes in one database, one holding
 * 1 tenant with 2 endpoints (the baseline), one holding {@code --tenants} tenants with 2 endpoints each.
 * Events are published (the sender not started, so only the publish path runs: encode, fan-out read,
 * append) in rotating blocks: to the single tenant of the baseline, to one tenant of the large store
 * (the others exist but are idle: what the fan-out read costs with 10,000 tenants), and to a random
 * tenant of the large store each time (what spreading the writes over every tenant's part of the
 * tenant-leading indexes adds). The verdict is the median over the blocks of the one-tenant-of-many
 * rate over the baseline's in the same block (robust to load from outside that comes and goes).
 *
 * <p><b>The PostgreSQL claim query behind a backlog.</b> One tenant has {@code --backlog} due deliveries
 * to one endpoint that is at its concurrency limit (so excluded from the claim, as the dispatcher
 * does); another tenant has one fresh due delivery. Times {@code claimDue} (which must find the fresh
 * one) against the same claim in a store without the backlog, and prints {@code EXPLAIN (ANALYZE,
 * BUFFERS)} of the claim's candidate query with and without the exclusion.
 *
 * <p>Options: {@code --events N} (publishes per store and side, default 6000), {@code --tenants T}
 * (default 10000), {@code --blocks B} (default 12), {@code --stores h2,postgres}, {@code --backlog N}
 * (default 100000), {@code --claims N} (timed claims per side, default 300), {@code --pg-statements on} (reports
 * PostgreSQL's per-statement times of the publish blocks, from {@code pg_stat_statements}), {@code --publish off}
 * (PostgreSQL only: skip the publish part and run only the claim behind the backlog, e.g. at 1,000,000 rows).
 */
final class TenantHarness {
    private static final TenantId BASELINE_TENANT = TenantId.of("only-tenant");

    private final int events;
    private final int tenants;
    private final int blocks;
    private final int backlog;
    private final int claims;
    private final List<WebhookEvent> samples = SampleEvents.all();
    private final List<String> verdicts = new ArrayList<>();
    private PostgresActivity activity;
    private Settle settle = () -> { };

    /** Brings the database to a steady state after the bulk registration, before the timed blocks. */
    @FunctionalInterface
    private interface Settle {
        void run() throws SQLException;
    }

    /**
     * PostgreSQL after 20,000 registrations: vacuum and analyze (so that no autovacuum of the fresh
     * tables runs into the timed blocks) and checkpoint (so that the full-page writes the first change of
     * each page after a checkpoint costs do not fall on the blocks unevenly).
     */
    private static void settle(DataSource source) throws SQLException {
        try (Connection connection = source.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("VACUUM ANALYZE");
            statement.execute("CHECKPOINT");
        }
    }

    private TenantHarness(Options options) {
        events = options.intValue("events", 6000);
        tenants = options.intValue("tenants", 10_000);
        blocks = options.intValue("blocks", 12);
        backlog = options.intValue("backlog", 100_000);
        claims = options.intValue("claims", 300);
    }

    /**
     * Runs the harness.
     *
     * @param args the options
     * @throws Exception if a store or the database fails
     */
    static void main(String[] args) throws Exception {
        Logging.quiet();
        Options options = Options.parse(args, Set.of("events", "tenants", "blocks", "stores", "backlog", "claims", "pg-statements", "publish"));
        TenantHarness harness = new TenantHarness(options);
        List<String> stores = Arrays.asList(options.value("stores", "h2,postgres").split(","));
        System.out.printf(Locale.ROOT, "java %s, %d cores%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        if (stores.contains("h2")) {
            Path directory = Files.createTempDirectory("migomail-webhooks-tenants-");
            try (JdbcWebhookStore small = BenchmarkStores.h2File(directory.resolve("small"));
                    JdbcWebhookStore large = BenchmarkStores.h2File(directory.resolve("large"))) {
                harness.publishCost("H2 file", small, large);
            } finally {
                try (Stream<Path> files = Files.walk(directory)) {
                    files.sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
                }
            }
        }
        if (stores.contains("postgres")) {
            boolean statements = options.value("pg-statements", "off").equals("on");
            try (EmbeddedDatabase database = EmbeddedDatabase.start(10, "on", statements)) {
                DataSource source = database.dataSource();
                harness.activity = statements ? PostgresActivity.start(database.jdbcUrl()) : null;
                harness.settle = () -> settle(source);
                // --publish off: only the claim behind the backlog (the 1 M row claim run skips the publish part)
                if (options.value("publish", "on").equals("on")) {
                    harness.publishCost("PostgreSQL",
                            BenchmarkStores.builder().dataSource(source).tablePrefix("small_").build(),
                            BenchmarkStores.builder().dataSource(source).tablePrefix("large_").build());
                }
                harness.settle = () -> { };
                if (harness.activity != null) {
                    System.out.println(harness.activity.statementReport(20));
                    harness.activity.close();
                    harness.activity = null;
                }
                harness.claimBehindBacklog(source);
            }
        }
        System.out.println();
        harness.verdicts.forEach(System.out::println);
    }

    private void publishCost(String name, JdbcWebhookStore small, JdbcWebhookStore large) throws Exception {
        System.out.printf(Locale.ROOT, "%n== %s: publish with 1 tenant x 2 endpoints vs %,d tenants x 2 endpoints%n",
                name, tenants);
        try (WebhookSender one = sender(small); WebhookSender many = sender(large)) {
            register(one, List.of(BASELINE_TENANT));
            long setup = System.nanoTime();
            List<TenantId> all = java.util.stream.IntStream.range(0, tenants)
                    .mapToObj(i -> TenantId.of("customer-" + i)).toList();
            register(many, all);
            System.out.printf(Locale.ROOT, "registered %,d endpoints in %.1f s%n", 2 * tenants,
                    (System.nanoTime() - setup) / 1e9);
            publish(one, List.of(BASELINE_TENANT), events / 4);   // warm-up of both paths
            publish(many, all, events / 4);
            settle.run();
            fanOutRead(name, small, large, all.get(tenants / 2));
            List<TenantId> busiest = List.of(all.get(tenants / 2));
            if (activity != null) {
                activity.countStatements();
            }
            int perBlock = events / blocks;
            double[] ratios = new double[blocks];
            double[] randomRatios = new double[blocks];
            long[] totals = new long[3];
            for (int block = 0; block < blocks; block++) {
                // Rotate which side goes first, so that none always follows another's warm caches.
                long[] nanos = new long[3];
                for (int turn = 0; turn < 3; turn++) {
                    int side = (block + turn) % 3;
                    nanos[side] = switch (side) {
                        case 0 -> publish(one, List.of(BASELINE_TENANT), perBlock);
                        case 1 -> publish(many, busiest, perBlock);
                        default -> publish(many, all, perBlock);
                    };
                    totals[side] += nanos[side];
                }
                ratios[block] = (double) nanos[0] / nanos[1];
                randomRatios[block] = (double) nanos[0] / nanos[2];
                System.out.printf(Locale.ROOT, "block %d: 1 tenant %,.0f publish/s; of %,d tenants: one %,.0f, a random"
                        + " one each time %,.0f publish/s%n", block + 1, perBlock / (nanos[0] / 1e9), tenants,
                        perBlock / (nanos[1] / 1e9), perBlock / (nanos[2] / 1e9));
            }
            double[] rates = new double[3];
            for (int side = 0; side < 3; side++) {
                rates[side] = perBlock * blocks / (totals[side] / 1e9);
            }
            double median = median(ratios);
            verdicts.add(String.format(Locale.ROOT, "%s: publish for one tenant among %,d at %.2fx the rate with 1 tenant"
                    + " in the store (median of %d blocks; totals %,.0f vs %,.0f publish/s) (target >= 0.90x) %s", name,
                    tenants, median, blocks, rates[1], rates[0], median >= 0.9 ? "MET" : "MISSED"));
            verdicts.add(String.format(Locale.ROOT, "%s: publish for a random tenant of %,d each time at %.2fx (median;"
                    + " totals %,.0f publish/s): adds the cost of index inserts spread over every tenant's key range",
                    name, tenants, median(randomRatios), rates[2]));
        }
    }

    /**
     * The fan-out read alone ({@code subscribedEndpoints}, what a publish reads of the endpoints), in
     * alternating rounds on both stores: the part of a publish that could grow with other tenants.
     */
    private void fanOutRead(String name, JdbcWebhookStore small, JdbcWebhookStore large, TenantId oneOfMany) {
        int calls = 2000;
        double[] ratios = new double[6];
        for (int round = 0; round < ratios.length; round++) {
            long smallNanos = 0;
            long largeNanos = 0;
            for (int side = 0; side < 2; side++) {
                boolean largeSide = (round + side) % 2 == 1;
                long start = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    if (largeSide) {
                        large.subscribedEndpoints(oneOfMany, "email.opened");
                    } else {
                        small.subscribedEndpoints(BASELINE_TENANT, "email.opened");
                    }
                }
                long took = System.nanoTime() - start;
                if (largeSide) {
                    largeNanos = took;
                } else {
                    smallNanos = took;
                }
            }
            ratios[round] = (double) largeNanos / smallNanos;
            System.out.printf(Locale.ROOT, "fan-out read, round %d: %.1f us with 1 tenant, %.1f us for one of %,d%n",
                    round + 1, smallNanos / 1e3 / calls, largeNanos / 1e3 / calls, tenants);
        }
        verdicts.add(String.format(Locale.ROOT, "%s: the fan-out read (subscribedEndpoints) of one tenant among %,d"
                + " takes %.2fx the time it takes with 1 tenant in the store (median of %d rounds)", name, tenants,
                median(ratios), ratios.length));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static WebhookSender sender(JdbcWebhookStore store) {
        return WebhookSender.builder().store(store).addressPolicy(EndpointAddressPolicy.allowLoopbackForTesting())
                .shutdownTimeout(Duration.ZERO).build();
    }

    /** Two endpoints per tenant, the same URLs and filters for every tenant, registered by 4 threads. */
    private static void register(WebhookSender sender, List<TenantId> tenants) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (TenantId tenant : tenants) {
                done.add(threads.submit(() -> {
                    sender.registerEndpoint(tenant, EndpointRegistration.of("http://127.0.0.1:9/hooks", "*"));
                    sender.registerEndpoint(tenant, EndpointRegistration.of("http://127.0.0.1:9/email", "email.*"));
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** Publishes n events, each for a random one of the tenants, on one thread; returns the nanoseconds taken. */
    private long publish(WebhookSender sender, List<TenantId> tenants, int n) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            TenantId tenant = tenants.get(ThreadLocalRandom.current().nextInt(tenants.size()));
            sender.publish(tenant, WebhookEvent.of(samples.get(i % samples.size()).data()));
        }
        return System.nanoTime() - start;
    }

    private void claimBehindBacklog(DataSource source) throws Exception {
        System.out.printf(Locale.ROOT, "%n== PostgreSQL: claimDue behind %,d due deliveries of a saturated endpoint%n",
                backlog);
        JdbcWebhookStore busy = BenchmarkStores.builder().dataSource(source).tablePrefix("busy_").build();
        JdbcWebhookStore quiet = BenchmarkStores.builder().dataSource(source).tablePrefix("quiet_").build();
        String slow;
        try (WebhookSender sender = sender(busy)) {
            slow = sender.registerEndpoint(TenantId.of("busy"), EndpointRegistration.of("http://127.0.0.1:9/slow", "*"))
                    .id();
        }
        long setup = System.nanoTime();
        insertBacklog(source, "busy_", slow, backlog);
        System.out.printf(Locale.ROOT, "inserted the backlog in %.1f s%n", (System.nanoTime() - setup) / 1e9);
        double withBacklog = claimMillis(busy, Set.of(slow));
        double without = claimMillis(quiet, Set.of(slow));
        System.out.printf(Locale.ROOT, "claimDue (limit 16) finding the other tenant's fresh delivery: median %.3f ms"
                + " behind the backlog, %.3f ms in a store without it%n", withBacklog, without);
        verdicts.add(String.format(Locale.ROOT, "PostgreSQL claim behind %,d due deliveries of a saturated endpoint:"
                + " median %.3f ms vs %.3f ms without the backlog (%.2fx)", backlog, withBacklog, without,
                withBacklog / without));
        try (Connection connection = source.getConnection()) {
            explain(connection, "busy_", List.of(slow), "the claim with the saturated endpoint excluded");
            explain(connection, "busy_", List.of(), "the claim with nothing excluded (the backlog is claimable)");
        }
        // What the claim by endpoint costs: one index descent per endpoint with pending deliveries. Add
        // endpoints whose one pending delivery is not due (a retry scheduled later), and time it again.
        int added = 0;
        for (int endpoints : new int[] {1_000, 10_000}) {
            insertScheduledRetries(source, "busy_", added + 1, endpoints);
            added = endpoints;
            double millis = claimMillis(busy, Set.of(slow));
            System.out.printf(Locale.ROOT, "with %,d more endpoints that have a pending, not yet due delivery:"
                    + " median %.3f ms%n", endpoints, millis);
            verdicts.add(String.format(Locale.ROOT, "PostgreSQL claim excluding the saturated endpoint, with %,d other"
                    + " endpoints holding a pending delivery not yet due: median %.3f ms (%.2fx the claim without"
                    + " the backlog)", endpoints, millis, millis / without));
        }
    }

    /** Endpoints from..to (ids only) with one pending delivery each, due in an hour. */
    private static void insertScheduledRetries(DataSource source, String prefix, int from, int to) throws SQLException {
        long later = Instant.now().plusSeconds(3600).getEpochSecond() * 1_000_000_000L;
        try (Connection connection = source.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO " + prefix + "events (id, tenant_id, event_type, ts, stored_at, body)"
                    + " SELECT 'evt_retry_' || g, 'retrying', 'email.opened', " + later + ", " + later + ", '{}'"
                    + " FROM generate_series(" + from + ", " + to + ") g");
            statement.execute("INSERT INTO " + prefix + "deliveries (id, tenant_id, event_id, endpoint_id, status,"
                    + " attempt_count, next_attempt_at, replay, created_at, updated_at) SELECT 'dlv_retry_' || g,"
                    + " 'retrying', 'evt_retry_' || g, 'ep_retry_' || g, 'PENDING', 1, " + later + ", false, " + later
                    + ", " + later + " FROM generate_series(" + from + ", " + to + ") g");
            statement.execute("ANALYZE " + prefix + "deliveries");
        }
    }

    /** The median time of a claim that finds the other tenant's one fresh delivery; it is released after each. */
    private double claimMillis(JdbcWebhookStore store, Set<String> excluded) {
        TenantId fresh = TenantId.of("fresh");
        if (store.endpoints(fresh).isEmpty()) {
            try (WebhookSender sender = sender(store)) {
                sender.registerEndpoint(fresh, EndpointRegistration.of("http://127.0.0.1:9/fresh", "*"));
                sender.publish(fresh, WebhookEvent.of(samples.get(0).data()));
            }
        }
        double[] millis = new double[claims];
        for (int i = 0; i < claims; i++) {
            long start = System.nanoTime();
            List<Delivery> claimed = store.claimDue(Instant.now(), 16, "harness", Duration.ofMinutes(1), excluded);
            millis[i] = (System.nanoTime() - start) / 1e6;
            if (claimed.size() != 1 || !claimed.get(0).tenant().value().equals("fresh")) {
                throw new IllegalStateException("the claim found " + claimed);
            }
            store.release(claimed.get(0).id(), "harness");
        }
        Arrays.sort(millis);
        System.out.printf(Locale.ROOT, "  %d claims: p50 %.3f ms, p99 %.3f ms, max %.3f ms%n", claims,
                millis[claims / 2], millis[Math.min(claims - 1, (int) Math.ceil(claims * 0.99) - 1)], millis[claims - 1]);
        return millis[claims / 2];
    }

    /** Events and due deliveries straight in SQL: 100,000 publishes would take minutes and test nothing here. */
    private static void insertBacklog(DataSource source, String prefix, String endpointId, int count)
            throws SQLException {
        long due = Instant.now().minusSeconds(3600).getEpochSecond() * 1_000_000_000L;
        try (Connection connection = source.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO " + prefix + "events (id, tenant_id, event_type, ts, stored_at, body)"
                    + " SELECT 'evt_backlog_' || g, 'busy', 'email.opened', " + due + " + g, " + due + " + g, '{}'"
                    + " FROM generate_series(1, " + count + ") g");
            try (PreparedStatement deliveries = connection.prepareStatement("INSERT INTO " + prefix + "deliveries"
                    + " (id, tenant_id, event_id, endpoint_id, status, attempt_count, next_attempt_at, replay,"
                    + " created_at, updated_at) SELECT 'dlv_backlog_' || g, 'busy', 'evt_backlog_' || g, ?, 'PENDING', 0, "
                    + due + " + g, false, " + due + " + g, " + due + " + g FROM generate_series(1, " + count + ") g")) {
                deliveries.setString(1, endpointId);
                deliveries.execute();
            }
            statement.execute("ANALYZE " + prefix + "events");
            statement.execute("ANALYZE " + prefix + "deliveries");
        }
    }

    private static void explain(Connection connection, String prefix, List<String> excluded, String what)
            throws SQLException {
        Instant instant = Instant.now();
        long now = instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
        String deliveries = prefix + "deliveries";
        // The candidate queries of the store's PostgreSQL claim (DeliveryRepository), as they run: with
        // endpoints excluded, the one it falls back to when the due window is the excluded endpoints'.
        String sql = excluded.isEmpty()
                ? "SELECT id FROM " + deliveries + " WHERE status = 'PENDING' AND next_attempt_at <= ?"
                        + " AND (lease_expires_at IS NULL OR lease_expires_at <= ?)"
                        + " ORDER BY next_attempt_at, id LIMIT 16 FOR UPDATE SKIP LOCKED"
                : "WITH RECURSIVE pending(endpoint_id) AS ("
                        + " (SELECT endpoint_id FROM " + deliveries + " WHERE status = 'PENDING' AND next_attempt_at <= ?"
                        + " ORDER BY endpoint_id LIMIT 1)"
                        + " UNION ALL SELECT (SELECT d.endpoint_id FROM " + deliveries + " d WHERE d.status = 'PENDING'"
                        + " AND d.endpoint_id > p.endpoint_id AND d.next_attempt_at <= ? ORDER BY d.endpoint_id LIMIT 1)"
                        + " FROM pending p WHERE p.endpoint_id IS NOT NULL)"
                        + " SELECT c.id FROM pending p CROSS JOIN LATERAL (SELECT d.id, d.next_attempt_at FROM "
                        + deliveries + " d WHERE d.endpoint_id >= p.endpoint_id AND d.endpoint_id <= p.endpoint_id AND d.status = 'PENDING'"
                        + " AND d.next_attempt_at <= ? AND (d.lease_expires_at IS NULL OR d.lease_expires_at <= ?)"
                        + " ORDER BY d.endpoint_id, d.next_attempt_at, d.id LIMIT 16) c"
                        + " WHERE p.endpoint_id IS NOT NULL AND NOT (p.endpoint_id = ANY(?))"
                        + " ORDER BY c.next_attempt_at, c.id LIMIT 16";
        connection.setAutoCommit(false);
        try (PreparedStatement statement = connection.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
            int index = 1;
            for (int i = 0; i < (excluded.isEmpty() ? 2 : 4); i++) {
                statement.setLong(index++, now);
            }
            if (!excluded.isEmpty()) {
                statement.setArray(index, connection.createArrayOf("VARCHAR", excluded.toArray()));
            }
            System.out.println("EXPLAIN of " + what + ":");
            try (ResultSet plan = statement.executeQuery()) {
                while (plan.next()) {
                    System.out.println("    " + plan.getString(1));
                }
            }
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }
}
