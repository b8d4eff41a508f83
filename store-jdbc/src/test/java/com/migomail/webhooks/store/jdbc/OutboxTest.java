package com.migomail.webhooks.store.jdbc;

import static com.migomail.webhooks.store.jdbc.Fixtures.T0;
import static com.migomail.webhooks.store.jdbc.Fixtures.TENANT;
import static com.migomail.webhooks.store.jdbc.Fixtures.event;
import static com.migomail.webhooks.store.jdbc.Fixtures.pendingTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.migomail.webhooks.store.AppendResult;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryQuery;
import com.migomail.webhooks.store.Endpoint;
import com.migomail.webhooks.store.EventQuery;
import com.migomail.webhooks.store.NotFoundException;
import com.migomail.webhooks.store.StoreException;
import com.migomail.webhooks.store.StoredEvent;
import com.migomail.webhooks.store.TenantId;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transactional outbox: an append through the caller's connection commits or rolls back with it. */
class OutboxTest {

    /** The same specification on each database. */
    abstract static class Spec {
        JdbcWebhookStore store;

        abstract Connection callerConnection() throws SQLException;

        /** A business table the caller writes in the same transaction. */
        void createBusinessTable() throws SQLException {
            try (Connection connection = callerConnection(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE " + store.tablePrefix() + "orders (id VARCHAR(20) PRIMARY KEY)");
            }
        }

        void insertOrder(Connection connection, String id) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO " + store.tablePrefix() + "orders VALUES ('" + id + "')");
            }
        }

        @Test
        void commitMakesTheEventVisibleAndItsDeliveryClaimable() throws SQLException {
            store.migrate();
            try (Connection connection = callerConnection()) {
                connection.setAutoCommit(false);
                AppendResult result = store.append(connection, event("evt_1"), pendingTo("dlv_1", "ep_1"));
                assertThat(result.created()).isTrue();
                assertThat(store.event(TENANT, "evt_1")).as("invisible before the caller commits").isEmpty();
                connection.commit();
            }
            assertThat(store.event(TENANT, "evt_1")).contains(event("evt_1"));
            List<Delivery> claimed = store.claimDue(T0, 10, "node-b", Duration.ofMinutes(1), Set.of());
            assertThat(claimed).extracting(Delivery::id).containsExactly("dlv_1");
        }

        @Test
        void rollbackLeavesNoTrace() throws SQLException {
            store.migrate();
            createBusinessTable();
            try (Connection connection = callerConnection()) {
                connection.setAutoCommit(false);
                insertOrder(connection, "order-1");
                store.append(connection, event("evt_1"), pendingTo("dlv_1", "ep_1"));
                connection.rollback();
            }
            assertThat(store.event(TENANT, "evt_1")).isEmpty();
            assertThat(store.delivery(TENANT, "dlv_1")).isEmpty();
            assertThat(store.events(TENANT, EventQuery.between(T0.minusSeconds(1), T0.plusSeconds(1))).items()).isEmpty();
            assertThat(store.deliveries(TENANT, DeliveryQuery.all()).items()).isEmpty();
            assertThat(store.claimDue(T0, 10, "node-b", Duration.ofMinutes(1), Set.of())).isEmpty();
        }

        @Test
        void businessRowAndEventCommitTogether() throws SQLException {
            store.migrate();
            createBusinessTable();
            try (Connection connection = callerConnection()) {
                connection.setAutoCommit(false);
                insertOrder(connection, "order-1");
                store.append(connection, event("evt_1"), pendingTo("dlv_1", "ep_1"));
                connection.commit();
            }
            assertThat(store.delivery(TENANT, "dlv_1")).isPresent();
        }

        @Test
        void appendingAStoredEventIdInTheOutboxWritesNothingNew() throws SQLException {
            store.append(event("evt_1"), pendingTo("dlv_1", "ep_1"));
            try (Connection connection = callerConnection()) {
                connection.setAutoCommit(false);
                AppendResult again = store.append(connection, event("evt_1"), pendingTo("dlv_2", "ep_2"));
                connection.commit();
                assertThat(again.created()).isFalse();
                assertThat(again.deliveries()).extracting(Delivery::id).containsExactly("dlv_1");
            }
            assertThat(store.delivery(TENANT, "dlv_2")).isEmpty();
        }

        @Test
        void aDeliveryToAnotherTenantsEndpointFailsBeforeWritingAnything() throws SQLException {
            store.createEndpoint(new Endpoint("ep_other", TenantId.of("other"), "https://example.com/other",
                    List.of("*"), "", Map.of(), true, List.of(), null, null, T0, T0));
            createBusinessTable();
            try (Connection connection = callerConnection()) {
                connection.setAutoCommit(false);
                insertOrder(connection, "order-1");
                assertThatThrownBy(() -> store.append(connection, event("evt_1"), pendingTo("dlv_1", "ep_other")))
                        .isInstanceOfSatisfying(NotFoundException.class, e -> {
                            assertThat(e.kind()).isEqualTo("endpoint");
                            assertThat(e.id()).isEqualTo("ep_other");
                        });
                // The caller's transaction is intact and holds no event: committing keeps the order only.
                connection.commit();
            }
            assertThat(store.event(TENANT, "evt_1")).isEmpty();
            assertThat(store.claimDue(T0, 10, "node-b", Duration.ofMinutes(1), Set.of())).isEmpty();
            assertThat(orders()).containsExactly("order-1");
        }

        @Test
        void anEventIdOfAnotherTenantFailsBeforeWritingAnything() throws SQLException {
            TenantId other = TenantId.of("other");
            store.append(new StoredEvent("evt_1", other, "email.sent", T0, T0, "{\"secret\":1}"), List.of());
            try (Connection connection = callerConnection()) {
                connection.setAutoCommit(false);
                assertThatThrownBy(() -> store.append(connection, event("evt_1"), pendingTo("dlv_1", "ep_1")))
                        .isExactlyInstanceOf(StoreException.class)
                        .hasMessage("event id is taken: evt_1");
                connection.commit();
            }
            assertThat(store.event(TENANT, "evt_1")).isEmpty();
            assertThat(store.delivery(TENANT, "dlv_1")).isEmpty();
        }

        List<String> orders() throws SQLException {
            try (Connection connection = callerConnection(); Statement statement = connection.createStatement();
                    java.sql.ResultSet rows = statement.executeQuery("SELECT id FROM " + store.tablePrefix() + "orders")) {
                List<String> ids = new java.util.ArrayList<>();
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
                return ids;
            }
        }

        @Test
        void rejectsAConnectionInAutoCommitMode() throws SQLException {
            try (Connection connection = callerConnection()) {
                connection.setAutoCommit(true);
                assertThatThrownBy(() -> store.append(connection, event("evt_1"), pendingTo("dlv_1", "ep_1")))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("connection is in auto-commit mode:"
                                + " the outbox append must run inside the caller's transaction");
            }
            assertThat(store.event(TENANT, "evt_1")).isEmpty();
        }

        @Test
        void aDeliveryIdTakenByAnotherEventFailsTheAppend() throws SQLException {
            store.append(event("evt_1"), pendingTo("dlv_1", "ep_1"));
            try (Connection connection = callerConnection()) {
                connection.setAutoCommit(false);
                assertThatThrownBy(() -> store.append(connection, event("evt_2"), pendingTo("dlv_1", "ep_1")))
                        .isInstanceOf(StoreException.class)
                        .hasMessageStartingWith("outbox append of event evt_2 failed: ");
                connection.rollback();
            }
            assertThat(store.event(TENANT, "evt_2")).isEmpty();
        }
    }

    @Nested
    class OnPostgresql extends Spec {
        OnPostgresql() {
            store = Fixtures.withEndpoints(Fixtures.postgresStore(), "ep_1", "ep_2");
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

        @org.junit.jupiter.api.BeforeEach
        void open() {
            store = Fixtures.withEndpoints(Fixtures.h2File(dir.resolve("webhooks")), "ep_1", "ep_2");
        }

        @AfterEach
        void close() {
            store.close();
        }
    }
}
