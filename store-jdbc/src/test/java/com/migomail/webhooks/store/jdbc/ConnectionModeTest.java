package com.migomail.webhooks.store.jdbc;

import static com.migomail.webhooks.store.jdbc.Fixtures.T0;
import static com.migomail.webhooks.store.jdbc.Fixtures.event;
import static com.migomail.webhooks.store.jdbc.Fixtures.pendingTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.DeliveryOutcome;
import com.migomail.webhooks.store.DeliveryStatus;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The store commits its own work whatever auto-commit mode the host's pool hands connections out in. */
class ConnectionModeTest {

    @Test
    void commitsThroughAPoolWhoseConnectionsAreNotInAutoCommit() throws SQLException {
        String prefix = TestDatabases.freshPrefix();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(TestDatabases.postgresUrl());
        config.setUsername("postgres");
        config.setMaximumPoolSize(2);
        config.setAutoCommit(false);
        try (HikariDataSource manualCommit = new HikariDataSource(config)) {
            JdbcWebhookStore store = Fixtures.builder().dataSource(manualCommit).tablePrefix(prefix).build();
            Fixtures.withEndpoints(store, "ep_1").append(event("evt_1"), pendingTo("dlv_1", "ep_1"));
            Delivery claimed = store.claimDue(T0, 1, "node-a", Duration.ofMinutes(1), Set.of()).get(0);
            store.recordAttempt("node-a", new DeliveryAttempt(claimed.id(), 1, T0, Duration.ofMillis(4), 204, null,
                    null, ""), DeliveryOutcome.delivered(), T0);

            JdbcWebhookStore otherNode = Fixtures.builder().dataSource(TestDatabases.postgres())
                    .tablePrefix(prefix).build();
            assertThat(otherNode.delivery(Fixtures.TENANT, "dlv_1").orElseThrow().status())
                    .isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(otherNode.attempts(Fixtures.TENANT, "dlv_1")).hasSize(1);
        }
    }
}
