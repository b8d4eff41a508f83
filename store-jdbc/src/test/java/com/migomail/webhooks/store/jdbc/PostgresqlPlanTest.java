package com.migomail.webhooks.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.migomail.webhooks.store.AttemptCount;
import com.migomail.webhooks.store.AttemptCountQuery;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryQuery;
import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.EventQuery;
import com.migomail.webhooks.store.NewDelivery;
import com.migomail.webhooks.store.Page;
import com.migomail.webhooks.store.SortOrder;
import com.migomail.webhooks.store.StoredEvent;
import com.migomail.webhooks.store.TenantId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;

/**
 * The plans PostgreSQL chooses for the tenant-scoped statements the store runs, over tables of 200
 * tenants (2,000 endpoints, 20,000 events, deliveries and attempts): each reads its tenant through
 * an index and none scans a whole table. The statements are the store's own, recorded as it runs
 * them, and explained with their parameters; the plans are also written to
 * {@code target/postgresql-plans.txt}. The tables are filled once; each test that deletes works on
 * a tenant of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresqlPlanTest {

    private static final TenantId TENANT = TenantId.of("tenant-7");
    private static final Path REPORT = Path.of("target", "postgresql-plans.txt");

    private final RecordingDataSource recording = new RecordingDataSource(TestDatabases.postgres());
    private final String prefix = TestDatabases.freshPrefix();
    private final JdbcWebhookStore store = Fixtures.builder().dataSource(recording.dataSource())
            .tablePrefix(prefix).build();

    private static Instant second(long n) {
        return Instant.ofEpochSecond(n);
    }

    @BeforeAll
    void givenTwoHundredTenantsWithAHundredEventsEach() throws SQLException {
        store.migrate();
        String p = prefix;
        execute("INSERT INTO " + p + "endpoints (id, tenant_id, url, event_types, description, metadata, enabled,"
                + " secrets, created_at, updated_at) SELECT 'ep_' || t || '_' || n, 'tenant-' || t,"
                + " 'https://example.com/' || n, '[\"email.*\"]', '', '{}', TRUE, '[]', n, n"
                + " FROM generate_series(1, 200) t, generate_series(1, 10) n");
        execute("INSERT INTO " + p + "events (id, tenant_id, event_type, ts, stored_at, body, subscriber_key)"
                + " SELECT 'evt_' || t || '_' || n, 'tenant-' || t, 'email.sent', n * 1000000000::bigint,"
                + " n * 1000000000::bigint, '{}', CASE WHEN n % 2 = 0 THEN 'sub-' || (n % 50) END"
                + " FROM generate_series(1, 200) t, generate_series(1, 100) n");
        execute("INSERT INTO " + p + "deliveries (id, tenant_id, event_id, endpoint_id, status, attempt_count,"
                + " next_attempt_at, replay, created_at, updated_at)"
                + " SELECT 'dlv_' || t || '_' || n, 'tenant-' || t, 'evt_' || t || '_' || n, 'ep_' || t || '_' || (n % 10 + 1),"
                + " CASE WHEN n % 20 = 0 THEN 'PENDING' ELSE 'DELIVERED' END, 1,"
                + " CASE WHEN n % 20 = 0 THEN (n + 60) * 1000000000::bigint END, FALSE,"
                + " n * 1000000000::bigint, n * 1000000000::bigint"
                + " FROM generate_series(1, 200) t, generate_series(1, 100) n");
        execute("INSERT INTO " + p + "attempts (delivery_id, attempt_number, started_at, latency_nanos, status_code,"
                + " tenant_id, endpoint_id) SELECT id, 1, created_at, 1000000, CASE WHEN status = 'PENDING' THEN 503"
                + " ELSE 200 END, tenant_id, endpoint_id FROM " + p + "deliveries");
        execute("ANALYZE " + p + "endpoints, " + p + "events, " + p + "deliveries, " + p + "attempts");
    }

    @BeforeEach
    void forgetEarlierStatements() {
        recording.take();
    }

    @Test
    void listingOneTenantsEventsReadsTheTenantTimeIndex(TestInfo test) throws Exception {
        EventQuery range = EventQuery.between(second(0), second(1000)).withLimit(20);
        Page<StoredEvent> first = store.events(TENANT, range);
        assertThat(first.items()).hasSize(20);
        store.events(TENANT, range.withCursor(first.nextCursor()));
        store.events(TENANT, range.withOrder(SortOrder.NEWEST_FIRST));
        store.events(TENANT, range.withEndpoint("ep_7_3").withDeliveryStatuses(Set.of(DeliveryStatus.PENDING)));

        assertPlans(test, plans(), "events_tenant_ts_idx");
    }

    @Test
    void listingOneTenantsDeliveriesReadsTheTenantIndexOrTheFiltersOne(TestInfo test) throws Exception {
        Page<Delivery> first = store.deliveries(TENANT, DeliveryQuery.all().withLimit(20));
        store.deliveries(TENANT, DeliveryQuery.all().withLimit(20).withCursor(first.nextCursor()));
        String tenantListing = plans();
        store.deliveries(TENANT, DeliveryQuery.all().withEndpoint("ep_7_3"));
        store.deliveries(TENANT, DeliveryQuery.all().withEvent("evt_7_40"));

        assertThat(tenantListing).contains(prefix + "deliveries_tenant_idx");
        assertPlans(test, tenantListing + plans(), "deliveries_endpoint_idx", "deliveries_event_idx");
    }

    @Test
    void theFanOutAndTheEndpointListingReadTheTenantEndpointIndex(TestInfo test) throws Exception {
        assertThat(store.subscribedEndpoints(TENANT, "email.sent")).hasSize(10);
        store.endpoints(TENANT);

        assertPlans(test, plans(), "endpoints_tenant_idx");
    }

    @Test
    void anErasureBatchFindsTheSubscribersEventsByTheSubscriberIndex(TestInfo test) throws Exception {
        assertThat(store.eraseSubscriberBatch(TenantId.of("tenant-8"), "sub-10", 100).events()).isEqualTo(2);

        assertPlans(test, plans(), "events_subscriber_idx", "deliveries_event_idx", "attempts_delivery_idx", "events_pkey");
    }

    @Test
    void aTenantDeletionBatchReadsTheTenantIndexes(TestInfo test) throws Exception {
        TenantId closing = TenantId.of("tenant-9");
        assertThat(store.deleteTenantBatch(closing, 100).endpoints()).isEqualTo(10);
        assertThat(store.deleteTenantBatch(closing, 50).events()).isEqualTo(50);

        assertPlans(test, plans(), "endpoints_tenant_idx", "events_tenant_ts_idx", "deliveries_event_idx");
    }

    @Test
    void lookupsAppendAndEndpointDeletionReadByKey(TestInfo test) throws Exception {
        TenantId tenant = TenantId.of("tenant-10");
        store.event(tenant, "evt_10_1");
        store.delivery(tenant, "dlv_10_1");
        store.attempts(tenant, "dlv_10_1");
        store.countAttempts(tenant, "dlv_10_1");
        store.append(new StoredEvent("evt_new", tenant, "email.sent", second(5000), second(5000), "{}"),
                List.of(new NewDelivery("dlv_new", "ep_10_1", DeliveryStatus.PENDING)));
        store.scheduleReplay(tenant, "evt_10_2", "ep_10_3", "dlv_replay", second(6000));
        store.deleteEndpoint(tenant, "ep_10_2", second(7000));

        // Cancelling the deleted endpoint's deliveries reads only its pending ones (partial index).
        assertPlans(test, plans(), "events_pkey", "deliveries_pkey", "attempts_delivery_idx", "endpoints_pkey",
                "deliveries_pending_endpoint_idx");
    }

    @Test
    void attemptCountsAndTheLatestAttemptReadTheAttemptLogByTenantOrEndpointAndTime(TestInfo test) throws Exception {
        AttemptCountQuery hours = AttemptCountQuery.hourly(second(0), second(7200));
        assertThat(store.attemptCounts(TENANT, hours)).extracting(AttemptCount::total).containsOnly(10L);
        // ep_7_1 has the pending deliveries (every 20th), whose one attempt was answered 503: retried.
        assertThat(store.attemptCounts(TENANT, hours.withEndpoint("ep_7_1")))
                .containsExactly(new AttemptCount(second(0), "ep_7_1", 5, 5, 0));
        assertThat(store.latestAttempt(TENANT, "ep_7_1").orElseThrow().deliveryId()).isEqualTo("dlv_7_100");

        assertPlans(test, plans(), "attempts_tenant_started_idx", "attempts_endpoint_started_idx",
                "attempts_delivery_idx", "deliveries_pkey");
    }

    @Test
    void theBacklogCountReadsOnlyTheDueIndex(TestInfo test) throws Exception {
        // Every 20th delivery is pending, due 60 s after it was created: at 100 s, those of n = 20 and 40.
        assertThat(store.countDue(second(100))).isEqualTo(400);
        assertThat(store.countDue(second(1000))).isEqualTo(1000);

        assertPlans(test, plans(), "deliveries_due_idx");
    }

    /** The plans of the statements run since the last call. */
    private String plans() throws SQLException {
        return explainAll(recording.take());
    }

    private void assertPlans(TestInfo test, String plans, String... indexes) throws IOException {
        Files.writeString(REPORT, "== " + test.getDisplayName() + "\n" + plans + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        assertThat(plans).as(plans).doesNotContain("Seq Scan");
        for (String index : indexes) {
            assertThat(plans).as(plans).contains(prefix + index);
        }
    }

    /** Each statement and its plan, with the parameters it ran with. */
    private String explainAll(List<RecordingDataSource.Executed> statements) throws SQLException {
        StringBuilder plans = new StringBuilder();
        try (Connection connection = TestDatabases.postgres().getConnection()) {
            for (RecordingDataSource.Executed statement : statements) {
                if (statement.sql().startsWith("INSERT")) {
                    continue;
                }
                plans.append(statement.sql()).append("\n  ").append(statement.parameters().values()
                        .stream().map(RecordingDataSource::show).toList()).append('\n');
                try (PreparedStatement explain = statement.prepare(connection, "EXPLAIN ");
                        ResultSet rows = explain.executeQuery()) {
                    while (rows.next()) {
                        plans.append("    ").append(rows.getString(1)).append('\n');
                    }
                }
            }
        }
        return plans.toString();
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = TestDatabases.postgres().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
