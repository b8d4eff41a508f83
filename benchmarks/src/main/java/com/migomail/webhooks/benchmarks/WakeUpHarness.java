package com.migomail.webhooks.benchmarks;

import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.delivery.EndpointAddressPolicy;
import com.migomail.webhooks.delivery.EndpointRegistration;
import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.store.TenantId;
import com.migomail.webhooks.store.jdbc.JdbcWebhookStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Outbox publishes picked up by another node (P2.5): commit-to-receipt latency with PostgreSQL
 * {@code LISTEN}/{@code NOTIFY} wake-ups ({@code dueWorkNotifications}) against polling alone, side by
 * side in one run on one database and one receiver.
 *
 * <p>Node A is the host's code: {@code --publishers} threads, each publish its own transaction on a
 * pooled connection ({@code sender.publish(tenant, event, (e, d) -> store.append(connection, e, d))},
 * then {@code commit}), through a sender that is never started, so it delivers nothing. Node B is a
 * started sender over another store object on the same tables: it learns of A's work only from the
 * store. The latency of an event runs from just before A's {@code commit()} (so it includes the
 * commit) to the receiver reading the request.
 *
 * <p>Per mode (notifications on, then off): a warm-up, a full-speed run of {@code --events} (the
 * outbox's maximum rate through B), then a run paced at half of the full-speed rate of the mode with
 * notifications for {@code --latency-seconds}. The target: p99 commit-to-receipt below 50 ms with
 * notifications at that pace.
 *
 * <p>Options: {@code --events N} (default 20000), {@code --publishers P} (default 4), {@code --concurrency C}
 * (B's attempts in flight, default 16), {@code --latency-seconds S} (default 10), {@code --poll-interval-ms M}
 * (B's poll interval, default 1000, the sender's default), {@code --timeout S} (per run, default 120),
 * {@code --pg-fsync on|off} (default on).
 */
final class WakeUpHarness {

    private static final TenantId TENANT = TenantId.of("outbox");

    private final int events;
    private final int publishers;
    private final int concurrency;
    private final int latencySeconds;
    private final int pollIntervalMillis;
    private final int timeoutSeconds;
    private final String pgFsync;
    private final List<RunResult> results = new ArrayList<>();
    private final List<String> verdicts = new ArrayList<>();

    private WakeUpHarness(Options options) {
        events = options.intValue("events", 20_000);
        publishers = options.intValue("publishers", 4);
        concurrency = options.intValue("concurrency", 16);
        latencySeconds = options.intValue("latency-seconds", 10);
        pollIntervalMillis = options.intValue("poll-interval-ms", 1000);
        timeoutSeconds = options.intValue("timeout", 120);
        pgFsync = options.value("pg-fsync", "on");
    }

    /** Runs the harness; see the class comment for the options. */
    static void main(String[] args) throws Exception {
        Logging.quiet();
        new WakeUpHarness(Options.parse(args, Set.of("events", "publishers", "concurrency", "latency-seconds",
                "poll-interval-ms", "timeout", "pg-fsync"))).run();
    }

    private void run() throws Exception {
        System.out.printf(Locale.ROOT, "wake-up harness: %d events, %d publisher threads (node A, outbox), node B"
                + " concurrency %d, poll interval %d ms, %d cores%n", events, publishers, concurrency,
                pollIntervalMillis, Runtime.getRuntime().availableProcessors());
        System.out.println(RunResult.header());
        try (LoopbackReceiver receiver = LoopbackReceiver.start(concurrency);
                EmbeddedDatabase database = EmbeddedDatabase.start(publishers + 8, "on", pgFsync, false)) {
            RunResult notifiedFull = null;
            RunResult notifiedHalf = null;
            double halfRate = 0;
            for (boolean notifications : new boolean[] {true, false}) {
                String mode = notifications ? "LISTEN/NOTIFY" : "polling only";
                String prefix = notifications ? "wake_on_" : "wake_off_";
                try (JdbcWebhookStore storeA = store(database, prefix, notifications);
                        JdbcWebhookStore storeB = store(database, prefix, notifications);
                        WebhookSender nodeA = sender(storeA);
                        WebhookSender nodeB = sender(storeB)) {
                    storeA.migrate();
                    nodeB.registerEndpoint(TENANT, EndpointRegistration.of(receiver.uri().toString(), "*"));
                    nodeB.start();
                    Outbox outbox = new Outbox(database, nodeA, storeA);
                    run(receiver, mode + " warm-up", outbox, Math.min(events, 5_000), 0, false);
                    RunResult full = run(receiver, mode + ": full speed", outbox, events, 0, true);
                    if (notifications) {
                        halfRate = full.deliveriesPerSecond() / 2;
                        notifiedFull = full;
                    }
                    int paced = (int) Math.max(1, Math.min(100_000, halfRate * latencySeconds));
                    RunResult half = run(receiver, String.format(Locale.ROOT, "%s: paced %.0f/s", mode, halfRate),
                            outbox, paced, halfRate, true);
                    if (notifications) {
                        notifiedHalf = half;
                    }
                    verdicts.add(String.format(Locale.ROOT, "%s: full speed %.0f deliveries/s; at %.0f/s p50 %.2f ms,"
                            + " p99 %.2f ms, max %.2f ms commit to receipt", mode, full.deliveriesPerSecond(), halfRate,
                            half.p50Millis(), half.p99Millis(), half.maxMillis()));
                    if (full.received() < full.published() || half.received() < half.published()) {
                        verdicts.add("  NOT EVERY EVENT ARRIVED: the figures above are not valid");
                    }
                }
            }
            verdicts.add(String.format(Locale.ROOT, "target p99 commit to receipt < 50 ms with LISTEN/NOTIFY at half"
                    + " its maximum rate (%.0f/s of %.0f/s): %s", halfRate, notifiedFull.deliveriesPerSecond(),
                    notifiedHalf.p99Millis() < 50 ? "MET" : "MISSED"));
        }
        System.out.println();
        System.out.println(RunResult.header());
        results.forEach(result -> System.out.println(result.row()));
        System.out.println();
        verdicts.forEach(System.out::println);
    }

    private static JdbcWebhookStore store(EmbeddedDatabase database, String prefix, boolean notifications) {
        JdbcWebhookStore.Builder builder = BenchmarkStores.builder().dataSource(database.dataSource()).tablePrefix(prefix);
        return (notifications ? builder.dueWorkNotifications() : builder).build();
    }

    private WebhookSender sender(JdbcWebhookStore store) {
        return WebhookSender.builder().store(store)
                .addressPolicy(EndpointAddressPolicy.allowLoopbackForTesting())
                .maxConcurrency(concurrency)
                .maxConcurrencyPerEndpoint(concurrency)
                .pollInterval(Duration.ofMillis(pollIntervalMillis))
                .build();
    }

    private RunResult run(LoopbackReceiver receiver, String name, Outbox outbox, int count, double rate, boolean keep)
            throws Exception {
        List<WebhookEvent> batch = SampleEvents.fresh(count);
        ReceiptLog log = new ReceiptLog(batch.stream().map(WebhookEvent::id).toList());
        receiver.logTo(log);
        Publishing.run(count, publishers, rate, i -> outbox.publish(log, i, batch.get(i)));
        boolean all = log.awaitAll(timeoutSeconds);
        receiver.logTo(null);
        RunResult result = log.result(name);
        if (keep) {
            results.add(result);
        }
        System.out.println((all ? "" : "TIMED OUT ") + result.row());
        return result;
    }

    /** Node A: the host's transaction around an outbox publish. */
    private record Outbox(EmbeddedDatabase database, WebhookSender sender, JdbcWebhookStore store) {

        void publish(ReceiptLog log, int index, WebhookEvent event) {
            try (Connection connection = database.dataSource().getConnection()) {
                connection.setAutoCommit(false);
                sender.publish(TENANT, event, (stored, deliveries) -> store.append(connection, stored, deliveries));
                log.published(index); // the commit is part of the latency
                connection.commit();
            } catch (SQLException e) {
                throw new IllegalStateException("outbox publish failed", e);
            }
        }
    }
}
