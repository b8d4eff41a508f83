package com.migomail.webhooks.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.migomail.webhooks.core.EventType;
import com.migomail.webhooks.delivery.EndpointAddressPolicy;
import com.migomail.webhooks.delivery.EndpointRegistration;
import com.migomail.webhooks.delivery.RetrySchedule;
import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.delivery.testing.TenantEvents;
import com.migomail.webhooks.store.DeliveryQuery;
import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.ErasureCounts;
import com.migomail.webhooks.store.TenantId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Deleting a tenant while two senders over one PostgreSQL schema are delivering its events (and
 * another tenant's), with a second deleter racing the first: nothing of the deleted tenant remains,
 * no attempt of it is recorded afterwards, and every delivery of the other tenant completes.
 */
class TenantDeletionRaceTest {
    private static final int EVENTS = 300;
    private static final TenantId GONE = TenantId.of("acme");
    private static final TenantId STAYS = TenantId.of("globex");

    @RepeatedTest(3)
    void deletingATenantWhileTwoSendersDeliverItLeavesNothingOfItAndTheOtherTenantsDeliveriesComplete()
            throws Exception {
        String prefix = TestDatabases.freshPrefix();
        race(Fixtures.builder().dataSource(TestDatabases.postgres()).tablePrefix(prefix).build(),
                Fixtures.builder().dataSource(TestDatabases.postgres()).tablePrefix(prefix).build());
    }

    /** The same race on tables partitioned by event day, where the store deletes children itself. */
    @RepeatedTest(3)
    void deletingATenantOnPartitionedTablesLeavesNothingOfItAndTheOtherTenantsDeliveriesComplete() throws Exception {
        String prefix = TestDatabases.freshPrefix();
        race(Fixtures.partitionedPostgresStore(prefix), Fixtures.partitionedPostgresStore(prefix));
    }

    private void race(JdbcWebhookStore nodeA, JdbcWebhookStore nodeB) throws Exception {
        String prefix = nodeA.tablePrefix();
        try (LoopbackReceiver receiver = LoopbackReceiver.holdingResponses(20);
                WebhookSender senderA = sender(nodeA, "node-a");
                WebhookSender senderB = sender(nodeB, "node-b")) {
            for (TenantId tenant : List.of(GONE, STAYS)) {
                senderA.registerEndpoint(tenant, EndpointRegistration.of(receiver.url(), "*"));
                senderA.registerEndpoint(tenant, EndpointRegistration.of(receiver.url(), "email.*"));
            }
            Set<String> staying = new HashSet<>();
            for (int i = 0; i < EVENTS; i++) {
                EventType type = EventType.values()[i % EventType.values().length];
                senderA.publish(GONE, TenantEvents.of(type, "jane@example.com", Clock.systemUTC()));
                staying.add(senderB.publish(STAYS, TenantEvents.of(type, "jane@example.com", Clock.systemUTC())).eventId());
            }
            senderA.start();
            senderB.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requests() >= 40);

            CompletableFuture<ErasureCounts> first = CompletableFuture.supplyAsync(() -> senderA.deleteTenant(GONE));
            CompletableFuture<ErasureCounts> second = CompletableFuture.supplyAsync(() -> senderB.deleteTenant(GONE));
            ErasureCounts deleted = first.get().plus(second.get());

            assertThat(deleted.endpoints()).isEqualTo(2);
            assertThat(deleted.events()).isEqualTo(EVENTS);
            int stayingDeliveries = EVENTS + 6 * EVENTS / 12;
            await().atMost(Duration.ofSeconds(60)).until(() -> delivered(senderA, STAYS) == stayingDeliveries);
            // Attempts in flight when the deletion ran finish within the attempt timeout; none may be recorded.
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(10))
                    .until(() -> rowsOf(prefix, GONE) == 0);
            assertThat(senderA.endpoints(GONE)).isEmpty();
            assertThat(senderA.deliveries(GONE, DeliveryQuery.all()).items()).isEmpty();
            assertThat(orphanAttempts(prefix)).isZero();
            assertThat(receiver.eventIds()).containsAll(staying);
            assertThat(senderB.deleteTenant(GONE)).isEqualTo(ErasureCounts.NONE);
        }
    }

    private static WebhookSender sender(JdbcWebhookStore store, String nodeId) {
        return WebhookSender.builder().store(store).nodeId(nodeId)
                .addressPolicy(EndpointAddressPolicy.allowLoopbackForTesting())
                .pollInterval(Duration.ofMillis(50)).maxConcurrencyPerEndpoint(4)
                .retrySchedule(RetrySchedule.fixed(Duration.ofMillis(100), 3))
                .attemptTimeout(Duration.ofSeconds(5)).shutdownTimeout(Duration.ofSeconds(1)).build();
    }

    private static int delivered(WebhookSender sender, TenantId tenant) {
        int count = 0;
        String cursor = null;
        do {
            var page = sender.deliveries(tenant, DeliveryQuery.all().withStatuses(Set.of(DeliveryStatus.DELIVERED))
                    .withLimit(1000).withCursor(cursor));
            count += page.items().size();
            cursor = page.nextCursor();
        } while (cursor != null);
        return count;
    }

    /** Rows of the tenant left in any table, read straight from the database. */
    private static long rowsOf(String prefix, TenantId tenant) throws Exception {
        long rows = 0;
        for (String table : List.of("endpoints", "events", "deliveries")) {
            rows += count("SELECT COUNT(*) FROM " + prefix + table + " WHERE tenant_id = '" + tenant.value() + "'");
        }
        return rows;
    }

    private static long orphanAttempts(String prefix) throws Exception {
        return count("SELECT COUNT(*) FROM " + prefix + "attempts a WHERE NOT EXISTS (SELECT 1 FROM " + prefix
                + "deliveries d WHERE d.id = a.delivery_id)");
    }

    private static long count(String sql) throws Exception {
        try (Connection connection = TestDatabases.postgres().getConnection();
                Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
