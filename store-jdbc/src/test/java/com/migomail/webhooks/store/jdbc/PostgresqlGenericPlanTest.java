package com.migomail.webhooks.store.jdbc;

import static com.migomail.webhooks.store.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.NewDelivery;
import com.migomail.webhooks.store.StoredEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reads by id a sender makes on every attempt keep to the primary key even in a generic plan
 * made before the tables were ever analyzed: a connection pool keeps such a plan for as long as it
 * keeps the connection, and one that walked a {@code (tenant_id, …)} index would read every event
 * of the tenant on each attempt (it cost 126 ms per read at 100,000 events).
 */
class PostgresqlGenericPlanTest {

    private final RecordingDataSource recording = new RecordingDataSource(TestDatabases.postgres());
    private final JdbcWebhookStore store = Fixtures.withEndpoints(Fixtures.builder().dataSource(recording.dataSource())
            .tablePrefix(TestDatabases.freshPrefix()).build(), "ep_1");

    @Test
    void theEventAndDeliveryReadsByIdUseTheirPrimaryKeysInAGenericPlanOnNeverAnalyzedTables() throws SQLException {
        store.append(new StoredEvent("evt_1", Fixtures.TENANT, "email.sent", T0, T0, "{}"),
                List.of(new NewDelivery("dlv_1", "ep_1", DeliveryStatus.PENDING)));
        recording.take();

        assertThat(store.event(Fixtures.TENANT, "evt_1")).isPresent();
        assertThat(store.delivery(Fixtures.TENANT, "dlv_1")).isPresent();

        List<RecordingDataSource.Executed> reads = recording.take();
        assertThat(reads).hasSize(2);
        for (RecordingDataSource.Executed read : reads) {
            assertThat(genericPlan(read)).as(read.sql()).anyMatch(line -> line.contains("_pkey"))
                    .noneMatch(line -> line.contains("Seq Scan"));
        }
    }

    private static List<String> genericPlan(RecordingDataSource.Executed read) throws SQLException {
        try (Connection connection = TestDatabases.postgres().getConnection();
                Statement settings = connection.createStatement()) {
            settings.execute("SET plan_cache_mode = force_generic_plan");
            List<String> plan = new ArrayList<>();
            try (PreparedStatement explain = read.prepare(connection, "EXPLAIN ");
                    ResultSet rows = explain.executeQuery()) {
                while (rows.next()) {
                    plan.add(rows.getString(1));
                }
            }
            settings.execute("RESET plan_cache_mode");
            return plan;
        }
    }
}
