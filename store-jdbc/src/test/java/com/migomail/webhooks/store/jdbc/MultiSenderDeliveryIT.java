package com.migomail.webhooks.store.jdbc;

import static com.migomail.webhooks.store.jdbc.SenderNodes.IN_FLIGHT_PER_ENDPOINT;
import static com.migomail.webhooks.store.jdbc.SenderNodes.emailSent;
import static com.migomail.webhooks.store.jdbc.SenderNodes.eventIdsLeasedTo;
import static com.migomail.webhooks.store.jdbc.SenderNodes.ms;
import static com.migomail.webhooks.store.jdbc.SenderNodes.publishBacklog;
import static com.migomail.webhooks.store.jdbc.SenderNodes.sender;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.migomail.webhooks.delivery.EndpointRegistration;
import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryQuery;
import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.Page;
import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The slow runs of real senders ({@link WebhookSender}) over one PostgreSQL, delivering to a
 * receiver on loopback: three nodes sharing 10,000 events, and a node killed with SIGKILL in its
 * own JVM ({@link SenderNodeMain}). Failsafe runs them in {@code mvn verify}; the quick multi-sender
 * tests are in {@link MultiSenderDeliveryTest}.
 */
class MultiSenderDeliveryIT {

    private static final int EVENTS = 10_000;

    @Test
    void threeSendersOnOnePostgresqlDeliverTenThousandEventsEachExactlyOnce() throws Exception {
        String prefix = TestDatabases.freshPrefix();
        List<HikariDataSource> pools = new ArrayList<>();
        List<WebhookSender> senders = new ArrayList<>();
        List<AtomicInteger> delivered = new ArrayList<>();
        try (LoopbackReceiver receiver = LoopbackReceiver.start()) {
            for (int node = 0; node < 3; node++) {
                HikariDataSource pool = TestDatabases.pool(TestDatabases.postgresUrl(), 8);
                pools.add(pool);
                AtomicInteger count = new AtomicInteger();
                delivered.add(count);
                senders.add(sender(Fixtures.builder().dataSource(pool).tablePrefix(prefix).build(),
                        "node-" + node, Clock.systemUTC(), count));
            }
            senders.get(0).registerEndpoint(Fixtures.TENANT, EndpointRegistration.of(receiver.url(), "*"));
            senders.forEach(WebhookSender::start);

            long start = System.nanoTime();
            publishFromEveryNode(senders, EVENTS);
            long published = System.nanoTime();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                    .until(() -> receiver.distinctEvents() == EVENTS);
            long done = System.nanoTime();
            await().atMost(Duration.ofSeconds(10)).until(() -> statusCounts(pools.get(0), prefix).equals(
                    Map.of(DeliveryStatus.DELIVERED.name(), EVENTS)));

            System.out.printf("[store-jdbc] 3 senders, 1 PostgreSQL, %d events: published in %d ms,"
                    + " all delivered after %d ms (%.0f events/s); per node %s%n", EVENTS,
                    ms(published - start), ms(done - start), EVENTS * 1e9 / (done - start), delivered);
            assertThat(receiver.requests()).as("no event twice").isEqualTo(EVENTS);
            assertThat(receiver.duplicated()).isEmpty();
            assertThat(delivered.stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(EVENTS);
        } finally {
            senders.forEach(WebhookSender::close);
            pools.forEach(HikariDataSource::close);
        }
    }

    @Test
    void aSenderKilledWithSigkillLosesNothingAndAnotherFinishesItsWork() throws Exception {
        int events = 3_000;
        String prefix = TestDatabases.freshPrefix();
        JdbcWebhookStore store = Fixtures.builder().dataSource(TestDatabases.postgres())
                .tablePrefix(prefix).build();
        try (LoopbackReceiver receiver = LoopbackReceiver.holdingResponses(5)) {
            Set<String> eventIds = publishBacklog(store, receiver, events);

            Process doomed = startSenderProcess(prefix, "doomed-node");
            try {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                        .until(() -> receiver.distinctEvents() >= events / 5);
            } finally {
                doomed.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL on Linux
            }
            int receivedAtKill = receiver.distinctEvents();
            Set<String> leasedAtKill = eventIdsLeasedTo(store, "doomed-node");

            // The dead node's leases (1 minute) have not run out yet: the successor's clock is a
            // minute ahead instead of the test waiting for them.
            Clock later = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1).plusSeconds(1));
            long start = System.nanoTime();
            try (WebhookSender successor = sender(store, "successor", later, new AtomicInteger())) {
                successor.start();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                        .until(() -> receiver.distinctEvents() == events);
            }
            System.out.printf("[store-jdbc] crash: %d of %d events received before SIGKILL, %d leased to the"
                    + " dead node, %d duplicates; successor finished in %d ms%n", receivedAtKill, events,
                    leasedAtKill.size(), receiver.duplicated().size(), ms(System.nanoTime() - start));
            assertThat(receivedAtKill).as("killed while delivering").isLessThan(events);
            assertThat(receiver.eventIds()).isEqualTo(eventIds);
            assertThat(leasedAtKill).as("at most the per-endpoint concurrency was in flight")
                    .hasSizeLessThanOrEqualTo(IN_FLIGHT_PER_ENDPOINT);
            assertThat(receiver.duplicated()).as("only attempts in flight at the kill repeat").isSubsetOf(leasedAtKill);
            assertThat(statusCounts(TestDatabases.postgres(), prefix)).isEqualTo(Map.of("DELIVERED", events));
        }
    }

    // ---- helpers --------------------------------------------------------------------------

    private static void publishFromEveryNode(List<WebhookSender> senders, int events) throws Exception {
        ExecutorService publishers = Executors.newFixedThreadPool(senders.size());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int node = 0; node < senders.size(); node++) {
                WebhookSender sender = senders.get(node);
                int first = node;
                running.add(publishers.submit(() -> {
                    for (int i = first; i < events; i += senders.size()) {
                        sender.publish(Fixtures.TENANT, emailSent(i));
                    }
                }));
            }
            for (Future<?> publisher : running) {
                publisher.get();
            }
        } finally {
            publishers.shutdown();
        }
    }

    private static Process startSenderProcess(String prefix, String nodeId) throws IOException {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SenderNodeMain.class.getName(),
                TestDatabases.postgresUrl(), prefix, nodeId)
                .redirectErrorStream(true)
                .start();
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder startup = new StringBuilder();
        String line;
        while ((line = output.readLine()) != null && !line.equals("started")) {
            startup.append(line).append('\n');
        }
        if (line == null) {
            throw new IllegalStateException("the sender process ended before starting:\n" + startup);
        }
        Thread drain = new Thread(() -> output.lines().forEach(ignored -> { }), "sender-process-output");
        drain.setDaemon(true);
        drain.start();
        return process;
    }

    private static Map<String, Integer> statusCounts(javax.sql.DataSource dataSource, String prefix) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT status, COUNT(*) FROM " + prefix + "deliveries GROUP BY status")) {
            Map<String, Integer> counts = new TreeMap<>();
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getInt(2));
            }
            return counts;
        }
    }
}
