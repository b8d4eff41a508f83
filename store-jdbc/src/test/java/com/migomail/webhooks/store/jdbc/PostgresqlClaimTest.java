package com.migomail.webhooks.store.jdbc;

import static com.migomail.webhooks.store.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.migomail.webhooks.store.AppendLease;
import com.migomail.webhooks.store.AttemptResult;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.DeliveryOutcome;
import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.NewDelivery;
import com.migomail.webhooks.store.StoredEvent;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** PostgreSQL specifics: claims skip rows other transactions hold, and the due query has its index. */
class PostgresqlClaimTest {

    private final JdbcWebhookStore store = Fixtures.withEndpoints(Fixtures.postgresStore(), "ep_1");

    @Test
    void aClaimSkipsDeliveriesLockedByAnotherTransactionInsteadOfWaiting() throws SQLException {
        for (int i = 1; i <= 3; i++) {
            store.append(new StoredEvent("evt_" + i, Fixtures.TENANT, "email.sent", T0, T0.plusMillis(i), "{}"),
                    List.of(new NewDelivery("dlv_" + i, "ep_1", DeliveryStatus.PENDING)));
        }
        try (Connection other = TestDatabases.postgres().getConnection();
                Statement statement = other.createStatement()) {
            other.setAutoCommit(false);
            statement.executeQuery("SELECT id FROM " + store.tablePrefix() + "deliveries WHERE id = 'dlv_1' FOR UPDATE")
                    .close();

            List<Delivery> claimed = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> store.claimDue(T0.plusSeconds(1), 10, "node-a", Duration.ofMinutes(1), Set.of()));

            assertThat(claimed).extracting(Delivery::id).containsExactly("dlv_2", "dlv_3");
            other.rollback();
        }
        assertThat(store.claimDue(T0.plusSeconds(1), 10, "node-b", Duration.ofMinutes(1), Set.of()))
                .extracting(Delivery::id).containsExactly("dlv_1");
    }

    @Test
    void aBatchOfRecordsSkipsARowAnotherTransactionHoldsThenRecordsItOnceItIsFree() throws Exception {
        Instant stored = T0.plusMillis(1);
        for (int i = 1; i <= 3; i++) {
            store.append(new StoredEvent("evt_" + i, Fixtures.TENANT, "email.sent", T0, stored, "{}"),
                    List.of(new NewDelivery("dlv_" + i, "ep_1", DeliveryStatus.PENDING)),
                    new AppendLease("node-a", Duration.ofMinutes(1), Set.of("dlv_" + i)));
        }
        List<AttemptResult> results = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            results.add(new AttemptResult(new DeliveryAttempt("dlv_" + i, 1, stored, Duration.ofMillis(3), 200, null,
                    null, "ok"), DeliveryOutcome.delivered()));
        }
        ExecutorService recorder = Executors.newSingleThreadExecutor();
        try (Connection other = TestDatabases.postgres().getConnection();
                Statement statement = other.createStatement()) {
            other.setAutoCommit(false);
            statement.executeQuery("SELECT id FROM " + store.tablePrefix() + "deliveries WHERE id = 'dlv_2' FOR UPDATE")
                    .close();

            Future<Set<String>> recorded = recorder.submit(() -> store.recordAttempts("node-a", results,
                    stored.plusSeconds(1)));

            // The free rows are written at once, by the batch statement; the held one waits for its lock.
            await().atMost(Duration.ofSeconds(10)).until(() -> store.delivery(Fixtures.TENANT, "dlv_1")
                    .map(Delivery::status).orElseThrow() == DeliveryStatus.DELIVERED);
            assertThat(store.delivery(Fixtures.TENANT, "dlv_3")).map(Delivery::status).contains(DeliveryStatus.DELIVERED);
            assertThat(recorded).isNotDone();
            other.rollback();

            assertThat(recorded.get(10, TimeUnit.SECONDS)).containsExactlyInAnyOrder("dlv_1", "dlv_2", "dlv_3");
        } finally {
            recorder.shutdownNow();
        }
        assertThat(store.delivery(Fixtures.TENANT, "dlv_2")).map(Delivery::status).contains(DeliveryStatus.DELIVERED);
        assertThat(store.attempts(Fixtures.TENANT, "dlv_2")).hasSize(1);
    }

    @Test
    void theDueClaimAndTheTimeRangeListingHaveIndexes() throws SQLException {
        store.migrate();
        String prefix = store.tablePrefix();
        List<String> duePlan = plan("SELECT id FROM " + prefix + "deliveries WHERE status = 'PENDING'"
                + " AND next_attempt_at <= 0 ORDER BY next_attempt_at LIMIT 10");
        List<String> rangePlan = plan("SELECT id FROM " + prefix + "events WHERE ts >= 0 AND ts < 10"
                + " ORDER BY ts, id LIMIT 10");
        assertThat(String.join("\n", duePlan)).contains(prefix + "deliveries_due_idx");
        assertThat(String.join("\n", rangePlan)).contains(prefix + "events_ts_idx");
    }

    /** The plan PostgreSQL chooses when it may not scan whole tables (they are empty here). */
    private static List<String> plan(String query) throws SQLException {
        try (Connection connection = TestDatabases.postgres().getConnection();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("SET LOCAL enable_seqscan = off");
            List<String> lines = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("EXPLAIN " + query)) {
                while (rows.next()) {
                    lines.add(rows.getString(1));
                }
            }
            connection.rollback();
            return lines;
        }
    }
}
