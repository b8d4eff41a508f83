package com.migomail.webhooks.store.jdbc;

import static com.migomail.webhooks.store.jdbc.SenderNodes.emailSent;
import static com.migomail.webhooks.store.jdbc.SenderNodes.ms;
import static com.migomail.webhooks.store.jdbc.SenderNodes.publishBacklog;
import static com.migomail.webhooks.store.jdbc.SenderNodes.sender;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.migomail.webhooks.core.EventCodec;
import com.migomail.webhooks.core.TypeId;
import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.delivery.EndpointAddressPolicy;
import com.migomail.webhooks.delivery.EndpointRegistration;
import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.store.DeliveryQuery;
import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.NewDelivery;
import com.migomail.webhooks.store.StoredEvent;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real senders ({@link WebhookSender}) over the JDBC store, delivering to a receiver on loopback:
 * an H2 node restarted mid-backlog, and work published on one node picked up by another. The slow
 * runs (many nodes on one PostgreSQL, a node killed with SIGKILL) are in {@link MultiSenderDeliveryIT}.
 */
class MultiSenderDeliveryTest {

    @TempDir
    Path dir;

    @Test
    void anH2SenderClosedMidBacklogAndReopenedDeliversTheRest() throws Exception {
        int events = 1_000;
        Path file = dir.resolve("webhooks");
        try (LoopbackReceiver receiver = LoopbackReceiver.holdingResponses(3)) {
            Set<String> eventIds;
            int receivedAtClose;
            try (JdbcWebhookStore store = Fixtures.h2File(file)) {
                eventIds = publishBacklog(store, receiver, events);
                try (WebhookSender sender = sender(store, "first-run", Clock.systemUTC(), new AtomicInteger())) {
                    sender.start();
                    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                            .until(() -> receiver.distinctEvents() >= events / 5);
                }
                receivedAtClose = receiver.distinctEvents();
            }
            long start = System.nanoTime();
            try (JdbcWebhookStore reopened = Fixtures.h2File(file);
                    WebhookSender sender = sender(reopened, "second-run", Clock.systemUTC(), new AtomicInteger())) {
                sender.start();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                        .until(() -> receiver.distinctEvents() == events && reopened.deliveries(Fixtures.TENANT,
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
        JdbcWebhookStore publishingNode = Fixtures.builder().dataSource(TestDatabases.postgres())
                .tablePrefix(prefix).build();
        JdbcWebhookStore deliveringNode = Fixtures.builder().dataSource(TestDatabases.postgres())
                .tablePrefix(prefix).build();
        try (LoopbackReceiver receiver = LoopbackReceiver.start();
                WebhookSender sender = WebhookSender.builder().store(deliveringNode).nodeId("node-b")
                        .addressPolicy(EndpointAddressPolicy.allowLoopbackForTesting())
                        .pollInterval(Duration.ofSeconds(1)).build()) {
            String endpointId = sender.registerEndpoint(Fixtures.TENANT, EndpointRegistration.of(receiver.url(), "email.*"))
                    .endpoint().id();
            sender.start();
            WebhookEvent event = emailSent(1);

            long committed;
            try (Connection connection = TestDatabases.postgres().getConnection()) {
                connection.setAutoCommit(false);
                // As in the README: fan out to the subscribed endpoints, append in the caller's transaction.
                List<NewDelivery> deliveries = publishingNode.endpoints(Fixtures.TENANT).stream()
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

    private static StoredEvent stored(WebhookEvent event) {
        return new StoredEvent(event.id(), Fixtures.TENANT, event.type(), event.timestamp(), Instant.now(),
                EventCodec.writeString(event));
    }
}
