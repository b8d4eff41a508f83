package com.migomail.webhooks.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.NewDelivery;
import com.migomail.webhooks.store.StoredEvent;
import com.migomail.webhooks.store.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A tenant's backlog of 100,000 due deliveries to one endpoint at its concurrency limit (so excluded
 * from the claim) neither hides another tenant's fresh delivery from a claim nor makes the claim
 * read the backlog: the claim picks candidates endpoint by endpoint.
 */
class PostgresqlFairClaimTest {
    private static final int BACKLOG = 100_000;
    private static final TenantId BUSY = TenantId.of("busy");
    private static final TenantId FRESH = TenantId.of("fresh");
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final RecordingDataSource RECORDING = new RecordingDataSource(TestDatabases.postgres());
    private static JdbcWebhookStore store;

    @BeforeAll
    static void backlog() throws Exception {
        store = Fixtures.builder().dataSource(RECORDING.dataSource()).tablePrefix(TestDatabases.freshPrefix())
                .build();
        store.createEndpoint(Fixtures.endpoint("ep_slow", BUSY));
        store.createEndpoint(Fixtures.endpoint("ep_other_busy", BUSY));
        store.createEndpoint(Fixtures.endpoint("ep_fresh", FRESH));
        long due = NOW.minusSeconds(3600).getEpochSecond() * 1_000_000_000L;
        String prefix = store.tablePrefix();
        try (Connection connection = TestDatabases.postgres().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO " + prefix + "events (id, tenant_id, event_type, ts, stored_at, body)"
                    + " SELECT 'evt_b' || g, 'busy', 'email.opened', " + due + " + g, " + due + " + g, '{}'"
                    + " FROM generate_series(1, " + BACKLOG + ") g");
            try (PreparedStatement deliveries = connection.prepareStatement("INSERT INTO " + prefix + "deliveries"
                    + " (id, tenant_id, event_id, endpoint_id, status, attempt_count, next_attempt_at, replay,"
                    + " created_at, updated_at) SELECT 'dlv_b' || g, 'busy', 'evt_b' || g, 'ep_slow', 'PENDING', 0, "
                    + due + " + g, false, " + due + " + g, " + due + " + g FROM generate_series(1, " + BACKLOG + ") g")) {
                deliveries.execute();
            }
            statement.execute("ANALYZE " + prefix + "deliveries");
        }
    }

    /** The plans PostgreSQL makes for the recorded statements, with the parameters they ran with. */
    private static String plans(List<RecordingDataSource.Executed> statements) throws java.sql.SQLException {
        StringBuilder plans = new StringBuilder();
        try (Connection connection = TestDatabases.postgres().getConnection()) {
            for (RecordingDataSource.Executed statement : statements) {
                plans.append(statement.sql()).append('\n');
                try (PreparedStatement explain = statement.prepare(connection, "EXPLAIN ");
                        java.sql.ResultSet rows = explain.executeQuery()) {
                    while (rows.next()) {
                        plans.append("    ").append(rows.getString(1)).append('\n');
                    }
                }
            }
        }
        return plans.toString();
    }

    @Test
    void aClaimExcludingTheSaturatedEndpointFindsTheOtherTenantsFreshDeliveriesInDueOrder() throws Exception {
        for (int i = 1; i <= 3; i++) {
            store.append(new StoredEvent("evt_f" + i, FRESH, "email.opened", NOW, NOW.plusMillis(i), "{}"),
                    List.of(new NewDelivery("dlv_f" + i, "ep_fresh", DeliveryStatus.PENDING)));
        }
        store.append(new StoredEvent("evt_o1", BUSY, "email.opened", NOW, NOW.plusMillis(2), "{}"),
                List.of(new NewDelivery("dlv_o1", "ep_other_busy", DeliveryStatus.PENDING)));

        RECORDING.take();
        List<Delivery> first = store.claimDue(NOW.plusSeconds(1), 2, "node-a", Duration.ofMinutes(1), Set.of("ep_slow"));
        String plans = plans(RECORDING.take());
        List<Delivery> rest = store.claimDue(NOW.plusSeconds(1), 16, "node-a", Duration.ofMinutes(1), Set.of("ep_slow"));
        List<Delivery> none = store.claimDue(NOW.plusSeconds(1), 16, "node-b", Duration.ofMinutes(1), Set.of("ep_slow"));

        assertThat(first).extracting(Delivery::id).containsExactly("dlv_f1", "dlv_f2");
        // The claim reads at most a window of the due index, finds it all the excluded endpoint's, and then
        // passes over the backlog by the pending-by-endpoint index, never reading it through the due index.
        String byEndpoint = plans.substring(plans.indexOf("WITH RECURSIVE"));
        byEndpoint = byEndpoint.substring(0, byEndpoint.indexOf("\nUPDATE"));
        assertThat(plans).as(plans).doesNotContain("Seq Scan");
        assertThat(byEndpoint).as(byEndpoint).contains(store.tablePrefix() + "deliveries_pending_endpoint_idx")
                .doesNotContain(store.tablePrefix() + "deliveries_due_idx");
        assertThat(rest).extracting(Delivery::id).containsExactly("dlv_o1", "dlv_f3");
        assertThat(none).isEmpty();
        assertThat(store.claimDue(NOW.plusSeconds(1), 2, "node-b", Duration.ofMinutes(1), Set.of()))
                .extracting(Delivery::id).containsExactly("dlv_b1", "dlv_b2");
    }
}
