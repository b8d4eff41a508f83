package com.migomail.webhooks.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.migomail.webhooks.core.EmailSent;
import com.migomail.webhooks.core.Subscriber;
import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.delivery.EndpointAddressPolicy;
import com.migomail.webhooks.delivery.EndpointRegistration;
import com.migomail.webhooks.delivery.PublishReceipt;
import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.store.DeliveryQuery;
import com.migomail.webhooks.store.DeliveryStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transactional outbox end to end: {@code sender.publish(Fixtures.TENANT, event, (e, d) -> store.append(connection, e, d))}
 * inside the caller's transaction, with a business row, delivered to a receiver on loopback once
 * committed and never if rolled back.
 */
class SenderOutboxTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** The same specification on each database. */
    abstract static class Spec {
        JdbcWebhookStore store;
        LoopbackReceiver receiver;
        WebhookSender sender;
        String endpointId;

        abstract JdbcWebhookStore openStore();

        abstract Connection callerConnection() throws SQLException;

        @BeforeEach
        void startSender() throws IOException, SQLException {
            store = openStore();
            receiver = LoopbackReceiver.start();
            sender = WebhookSender.builder().store(store)
                    .addressPolicy(EndpointAddressPolicy.allowLoopbackForTesting())
                    .pollInterval(Duration.ofMillis(100))
                    .shutdownTimeout(Duration.ofSeconds(1))
                    .build();
            endpointId = sender.registerEndpoint(Fixtures.TENANT, EndpointRegistration.of(receiver.url(), "email.*")).endpoint().id();
            sender.start();
            try (Connection connection = callerConnection(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE " + orders() + " (id VARCHAR(20) PRIMARY KEY)");
            }
        }

        @AfterEach
        void stopSender() {
            sender.close();
            receiver.close();
            store.close();
        }

        @Test
        void aBusinessRowAndItsEventCommitTogetherAndTheEventIsDelivered() throws SQLException {
            WebhookEvent event = emailSent("msg_1");
            PublishReceipt receipt;
            try (Connection connection = callerConnection()) {
                connection.setAutoCommit(false);
                insertOrder(connection, "order-1");
                receipt = sender.publish(Fixtures.TENANT, event, (e, d) -> store.append(connection, e, d));
                assertThat(store.event(Fixtures.TENANT, event.id())).as("invisible before the caller commits").isEmpty();
                connection.commit();
            }

            await().atMost(WAIT).until(() -> receiver.eventIds().contains(event.id()));
            assertThat(receipt.created()).isTrue();
            assertThat(receipt.deliveryIds()).hasSize(1);
            await().atMost(WAIT).until(() -> store.delivery(Fixtures.TENANT, receipt.deliveryIds().get(0)).orElseThrow().status()
                    == DeliveryStatus.DELIVERED);
            assertThat(store.delivery(Fixtures.TENANT, receipt.deliveryIds().get(0)).orElseThrow().endpointId()).isEqualTo(endpointId);
            assertThat(orderExists("order-1")).isTrue();
            assertThat(receiver.requests()).isEqualTo(1);
        }

        @Test
        void aRollbackStoresNothingAndDeliversNothing() throws SQLException {
            WebhookEvent rolledBack = emailSent("msg_1");
            PublishReceipt receipt;
            try (Connection connection = callerConnection()) {
                connection.setAutoCommit(false);
                insertOrder(connection, "order-1");
                receipt = sender.publish(Fixtures.TENANT, rolledBack, (e, d) -> store.append(connection, e, d));
                connection.rollback();
            }
            WebhookEvent committed = emailSent("msg_2");
            try (Connection connection = callerConnection()) {
                connection.setAutoCommit(false);
                insertOrder(connection, "order-2");
                sender.publish(Fixtures.TENANT, committed, (e, d) -> store.append(connection, e, d));
                connection.commit();
            }

            // The later commit arriving shows the sender polled after the rollback.
            await().atMost(WAIT).until(() -> receiver.eventIds().contains(committed.id()));
            assertThat(receiver.eventIds()).containsExactly(committed.id());
            assertThat(store.event(Fixtures.TENANT, rolledBack.id())).isEmpty();
            assertThat(store.delivery(Fixtures.TENANT, receipt.deliveryIds().get(0))).isEmpty();
            assertThat(store.deliveries(Fixtures.TENANT, DeliveryQuery.all().withEvent(rolledBack.id())).items()).isEmpty();
            assertThat(orderExists("order-1")).isFalse();
            assertThat(orderExists("order-2")).isTrue();
        }

        private String orders() {
            return store.tablePrefix() + "orders";
        }

        private void insertOrder(Connection connection, String id) throws SQLException {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + orders() + " VALUES (?)")) {
                insert.setString(1, id);
                insert.executeUpdate();
            }
        }

        private boolean orderExists(String id) throws SQLException {
            try (Connection connection = callerConnection();
                    PreparedStatement select = connection.prepareStatement("SELECT 1 FROM " + orders() + " WHERE id = ?")) {
                select.setString(1, id);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next();
                }
            }
        }

        private static WebhookEvent emailSent(String messageId) {
            return WebhookEvent.of(new EmailSent(messageId, null, Subscriber.of("zoe@example.com"), null));
        }
    }

    @Nested
    class OnPostgresql extends Spec {
        @Override
        JdbcWebhookStore openStore() {
            return Fixtures.postgresStore();
        }

        @Override
        Connection callerConnection() throws SQLException {
            return TestDatabases.postgres().getConnection();
        }
    }

    @Nested
    class OnH2 extends Spec {
        @TempDir
        Path dir;

        @Override
        Connection callerConnection() throws SQLException {
            return DriverManager.getConnection(Fixtures.h2Url(dir.resolve("webhooks")));
        }

        @Override
        JdbcWebhookStore openStore() {
            return Fixtures.h2File(dir.resolve("webhooks"));
        }
    }
}
