package com.migomail.webhooks.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The purge's plan behind a backlog of pending deliveries that the statistics do not know of
 * (measured: the purge fell from 25,000 to 495 events/s when it did): 20,000 old delivered events,
 * analyzed, then 200,000 pending deliveries of newer events, not analyzed. Each purge candidate's
 * deliveries must be read by the event index; a plan that reads the pending-only indexes (a hash
 * anti-join over every pending delivery, once per batch, or a probe of them per candidate) is what
 * made it slow.
 */
class PostgresqlPurgePlanTest {

    private final RecordingDataSource recording = new RecordingDataSource(TestDatabases.postgres());
    private final String prefix = TestDatabases.freshPrefix();

    @Test
    void aPurgeBehindABacklogOfPendingDeliveriesReadsEachCandidatesDeliveriesByTheEventIndex() throws SQLException {
        try (JdbcWebhookStore store = Fixtures.builder().dataSource(recording.dataSource()).tablePrefix(prefix).build()) {
            store.migrate();
            String p = prefix;
            // The statistics stay as they are after the ANALYZE below: the backlog arrives unseen.
            execute("ALTER TABLE " + p + "deliveries SET (autovacuum_enabled = false)");
            execute("INSERT INTO " + p + "events (id, tenant_id, event_type, ts, stored_at, body)"
                    + " SELECT 'evt_old_' || n, 'acme', 'email.sent', n * 1000000000::bigint, n * 1000000000::bigint, '{}'"
                    + " FROM generate_series(1, 20000) n");
            execute("INSERT INTO " + p + "deliveries (id, tenant_id, event_id, endpoint_id, status, attempt_count,"
                    + " next_attempt_at, replay, created_at, updated_at) SELECT 'dlv_old_' || n, 'acme', 'evt_old_' || n,"
                    + " 'ep_1', 'DELIVERED', 1, NULL, FALSE, n * 1000000000::bigint, n * 1000000000::bigint"
                    + " FROM generate_series(1, 20000) n");
            execute("ANALYZE " + p + "events, " + p + "deliveries");
            execute("INSERT INTO " + p + "events (id, tenant_id, event_type, ts, stored_at, body)"
                    + " SELECT 'evt_new_' || n, 'acme', 'email.sent', (100000 + n) * 1000000000::bigint,"
                    + " (100000 + n) * 1000000000::bigint, '{}' FROM generate_series(1, 200000) n");
            execute("INSERT INTO " + p + "deliveries (id, tenant_id, event_id, endpoint_id, status, attempt_count,"
                    + " next_attempt_at, replay, created_at, updated_at) SELECT 'dlv_new_' || n, 'acme', 'evt_new_' || n,"
                    + " 'ep_' || (n % 100), 'PENDING', 0, (100000 + n) * 1000000000::bigint, FALSE,"
                    + " (100000 + n) * 1000000000::bigint, (100000 + n) * 1000000000::bigint"
                    + " FROM generate_series(1, 200000) n");
            recording.take();

            assertThat(store.purgeEventsBefore(Instant.ofEpochSecond(10_001), 1000)).isEqualTo(1000);

            List<RecordingDataSource.Executed> statements = recording.take();
            assertThat(statements).hasSizeGreaterThanOrEqualTo(2);
            for (RecordingDataSource.Executed statement : statements) {
                String plan = explain(statement);
                assertThat(plan).as(plan).contains(prefix + "deliveries_event_idx")
                        .doesNotContain("Anti Join", prefix + "deliveries_due_idx",
                                prefix + "deliveries_pending_endpoint_idx");
                assertThat(plan).as(plan).doesNotContainPattern("Seq Scan on " + prefix + "deliveries\\b");
            }
        }
    }

    private String explain(RecordingDataSource.Executed statement) throws SQLException {
        StringBuilder plan = new StringBuilder(statement.sql()).append('\n');
        try (Connection connection = TestDatabases.postgres().getConnection();
                PreparedStatement explain = statement.prepare(connection, "EXPLAIN ");
                ResultSet rows = explain.executeQuery()) {
            while (rows.next()) {
                plan.append("    ").append(rows.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = TestDatabases.postgres().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
