package com.migomail.webhooks.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.migomail.webhooks.core.EmailSent;
import com.migomail.webhooks.core.EventCodec;
import com.migomail.webhooks.core.Subscriber;
import com.migomail.webhooks.core.TypeId;
import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.delivery.DeliveryListener;
import com.migomail.webhooks.delivery.EndpointAddressPolicy;
import com.migomail.webhooks.delivery.EndpointRegistration;
import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.DeliveryQuery;
import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.NewDelivery;
import com.migomail.webhooks.store.Page;
import com.migomail.webhooks.store.StoredEvent;
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
import java.time.Instant;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * Real senders ({@link WebhookSender}) over the JDBC store, delivering to a receiver on loopback:
 * several nodes on one PostgreSQL, a node killed with SIGKILL, an H2 node restarted mid-backlog,
 * and work published on one node picked up by another.
 */
class MultiSenderDeliveryTest {

    private static final int EVENTS = 10_000;

    /** Attempts in flight to one endpoint per sender: the most a killed sender can leave unrecorded. */
    static final int IN_FLIGHT_PER_ENDPOINT = 16;

    /** How often the senders poll the store: often, so that a starting node finds the backlog at once. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    @TempDir
    Path dir;

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
                senders.add(sender(JdbcWebhookStore.builder().dataSource(pool).tablePrefix(prefix).build(),
                        "node-" + node, Clock.systemUTC(), count));
            }
            senders.get(0).registerEndpoint(EndpointRegistration.of(receiver.url(), "*"));
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
        JdbcWebhookStore store = JdbcWebhookStore.builder().dataSource(TestDatabases.postgres())
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

    @Test
    void anH2SenderClosedMidBacklogAndReopenedDeliversTheRest() throws Exception {
        int events = 1_000;
        Path file = dir.resolve("webhooks");
        try (LoopbackReceiver receiver = LoopbackReceiver.holdingResponses(3)) {
            Set<String> eventIds;
            int receivedAtClose;
            try (JdbcWebhookStore store = JdbcWebhookStore.h2File(file)) {
                eventIds = publishBacklog(store, receiver, events);
                try (WebhookSender sender = sender(store, "first-run", Clock.systemUTC(), new AtomicInteger())) {
                    sender.start();
                    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                            .until(() -> receiver.distinctEvents() >= events / 5);
                }
                receivedAtClose = receiver.distinctEvents();
            }
            long start = System.nanoTime();
            try (JdbcWebhookStore reopened = JdbcWebhookStore.h2File(file);
                    WebhookSender sender = sender(reopened, "second-run", Clock.systemUTC(), new AtomicInteger())) {
                sender.start();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                        .until(() -> receiver.distinctEvents() == events && reopened.deliveries(
                                DeliveryQuery.all().withStatuses(Set.of(DeliveryStatus.PENDING))).items().isEmpty());
            }
            System.out.printf("[store-jdbc] H2 restart: %d of %d events delivered before close, the rest in %d ms%n",
                    receivedAtClose, events, ms(System.nanoTime() - start));
            assertThat(receivedAtClose).as("closed mid-backlog").isLessThan(events);
            assertThat(receiver.eventIds()).isEqualTo(eventIds);
            assertThat(receiver.duplicated()).as("a graceful close repeats nothing").isEmpty();
        }
    }

    @Test
    void anEventCommittedThroughTheOutboxOnOneNodeIsDeliveredByAnother() throws Exception {
        String prefix = TestDatabases.freshPrefix();
        JdbcWebhookStore publishingNode = JdbcWebhookStore.builder().dataSource(TestDatabases.postgres())
                .tablePrefix(prefix).build();
        JdbcWebhookStore deliveringNode = JdbcWebhookStore.builder().dataSource(TestDatabases.postgres())
                .tablePrefix(prefix).build();
        try (LoopbackReceiver receiver = LoopbackReceiver.start();
                WebhookSender sender = WebhookSender.builder().store(deliveringNode).nodeId("node-b")
                        .addressPolicy(EndpointAddressPolicy.allowLoopbackForTesting())
                        .pollInterval(Duration.ofSeconds(1)).build()) {
            String endpointId = sender.registerEndpoint(EndpointRegistration.of(receiver.url(), "email.*"))
                    .endpoint().id();
            sender.start();
            WebhookEvent event = emailSent(1);

            long committed;
            try (Connection connection = TestDatabases.postgres().getConnection()) {
                connection.setAutoCommit(false);
                // As in the README: fan out to the subscribed endpoints, append in the caller's transaction.
                List<NewDelivery> deliveries = publishingNode.endpoints().stream()
                        .filter(endpoint -> endpoint.subscribesTo(event.type()))
                        .map(endpoint -> new NewDelivery(TypeId.generate("dlv").toString(), endpoint.id(),
                                endpoint.enabled() ? DeliveryStatus.PENDING : DeliveryStatus.SKIPPED))
                        .toList();
                assertThat(deliveries).extracting(NewDelivery::endpointId).containsExactly(endpointId);
                publishingNode.append(connection, stored(event), deliveries);
                connection.commit();
                committed = System.nanoTime();
            }

            // Node B learns of the commit by its next poll of the due query, at most a poll interval on.
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(5))
                    .until(() -> receiver.eventIds().contains(event.id()));
            System.out.printf("[store-jdbc] outbox commit on node A to delivery by node B (polling every 1 s): %d ms%n",
                    ms(System.nanoTime() - committed));
        }
    }

    // ---- helpers --------------------------------------------------------------------------

    private static WebhookSender sender(JdbcWebhookStore store, String nodeId, Clock clock, AtomicInteger delivered) {
        return WebhookSender.builder()
                .store(store)
                .nodeId(nodeId)
                .clock(clock)
                .addressPolicy(EndpointAddressPolicy.allowLoopbackForTesting())
                .attemptTimeout(Duration.ofSeconds(5))
                .maxConcurrencyPerEndpoint(IN_FLIGHT_PER_ENDPOINT)
                .pollInterval(POLL_INTERVAL)
                .listener(new DeliveryListener() {
                    @Override
                    public void onDelivered(Delivery delivery, DeliveryAttempt attempt) {
                        delivered.incrementAndGet();
                    }
                })
                .build();
    }

    private static void publishFromEveryNode(List<WebhookSender> senders, int events) throws Exception {
        ExecutorService publishers = Executors.newFixedThreadPool(senders.size());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int node = 0; node < senders.size(); node++) {
                WebhookSender sender = senders.get(node);
                int first = node;
                running.add(publishers.submit(() -> {
                    for (int i = first; i < events; i += senders.size()) {
                        sender.publish(emailSent(i));
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

    /** Registers the receiver and publishes through a sender that never starts: a backlog in the store. */
    private static Set<String> publishBacklog(JdbcWebhookStore store, LoopbackReceiver receiver, int events) {
        Set<String> ids = new HashSet<>();
        try (WebhookSender publisher = sender(store, "publisher", Clock.systemUTC(), new AtomicInteger())) {
            publisher.registerEndpoint(EndpointRegistration.of(receiver.url(), "*"));
            for (int i = 0; i < events; i++) {
                ids.add(publisher.publish(emailSent(i)).eventId());
            }
        }
        return ids;
    }

    private static WebhookEvent emailSent(int number) {
        return WebhookEvent.of(new EmailSent("msg_" + number, null, Subscriber.of("s" + number + "@example.com"), null));
    }

    private static StoredEvent stored(WebhookEvent event) {
        return new StoredEvent(event.id(), event.type(), event.timestamp(), Instant.now(),
                EventCodec.writeString(event));
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

    private static Set<String> eventIdsLeasedTo(JdbcWebhookStore store, String owner) {
        Set<String> ids = new HashSet<>();
        DeliveryQuery query = DeliveryQuery.all().withStatuses(Set.of(DeliveryStatus.PENDING)).withLimit(1000);
        Page<Delivery> page = store.deliveries(query);
        while (true) {
            page.items().stream().filter(d -> owner.equals(d.leaseOwner())).forEach(d -> ids.add(d.eventId()));
            if (page.nextCursor() == null) {
                return ids;
            }
            page = store.deliveries(query.withCursor(page.nextCursor()));
        }
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

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
