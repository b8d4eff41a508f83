package com.migomail.webhooks.store.jdbc;

import static com.migomail.webhooks.store.jdbc.Version1Database.T0;
import static com.migomail.webhooks.store.jdbc.Version1Database.hasColumn;
import static com.migomail.webhooks.store.jdbc.Version1Database.hasIndex;
import static com.migomail.webhooks.store.jdbc.Version1Database.strings;
import static com.migomail.webhooks.store.jdbc.Version1Database.versions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.migomail.webhooks.store.AttemptCount;
import com.migomail.webhooks.store.AttemptCountQuery;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.DeliveryOutcome;
import com.migomail.webhooks.store.DeliveryQuery;
import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.Endpoint;
import com.migomail.webhooks.store.EndpointSecret;
import com.migomail.webhooks.store.EndpointVersionConflictException;
import com.migomail.webhooks.store.ErasureCounts;
import com.migomail.webhooks.store.EventQuery;
import com.migomail.webhooks.store.NewDelivery;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upgrading a database of the released schema version 1 (no tenants), holding real rows, to
 * version 2 and on: with {@code tenantForExistingRows} everything becomes that tenant's and works;
 * without it the store refuses and the database stays at version 1. And upgrading one of version 2
 * to version 3 (the endpoint version), which needs no option: its endpoints start at version 0.
 */
class SchemaUpgradeTest {

    static final TenantId LEGACY = TenantId.of("legacy-account");
    static final TenantId OTHER = TenantId.of("other");

    /** The same specification on each database. */
    abstract static class Spec {

        final List<JdbcWebhookStore> opened = new ArrayList<>();

        abstract Connection connect() throws SQLException;

        abstract Dialect dialect();

        abstract String prefix();

        /** A store over the database, built with that tenant for existing rows, or without one. */
        abstract JdbcWebhookStore store(TenantId tenantForExistingRows);

        @AfterEach
        void closeStores() {
            opened.forEach(JdbcWebhookStore::close);
        }

        void givenVersion1(boolean withRows) throws SQLException {
            try (Connection connection = connect()) {
                Version1Database database = new Version1Database(connection, dialect(), prefix()).create();
                if (withRows) {
                    database.withRows();
                }
            }
        }

        void givenVersion2() throws SQLException {
            try (Connection connection = connect()) {
                new Version1Database(connection, dialect(), prefix()).create().withRows()
                        .upgradedToVersion2(LEGACY.value());
            }
        }

        List<String> recordedVersions() throws SQLException {
            try (Connection connection = connect()) {
                return versions(connection, prefix());
            }
        }

        void execute(String sql) throws SQLException {
            try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }

        @Test
        void migratesEveryRowToTheNamedTenantAsItWas() throws SQLException {
            givenVersion1(true);
            JdbcWebhookStore store = store(LEGACY);

            store.migrate();

            assertThat(recordedVersions()).containsExactly("1 V1__init", "2 V2__tenants", "3 V3__endpoint_version",
                "4 V4__attempt_log_by_endpoint", "5 V5__trace_context");
            assertThat(store.endpoint(LEGACY, "ep_1")).contains(new Endpoint("ep_1", LEGACY,
                    "https://hooks.example.com/ep_1", List.of("email.*"), "endpoint ep_1", Map.of("team", "mail"), true,
                    List.of(new EndpointSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", T0, null)), null, null, T0,
                    T0));
            assertThat(store.endpoints(LEGACY)).extracting(Endpoint::id, Endpoint::enabled, Endpoint::disabledReason)
                    .containsExactly(tuple("ep_1", true, null), tuple("ep_2", false, "paused"));
            assertThat(store.subscribedEndpoints(LEGACY, "email.sent")).extracting(Endpoint::id)
                    .containsExactly("ep_1", "ep_2");
            assertThat(store.events(LEGACY, EventQuery.between(T0, T0.plusSeconds(10))).items())
                    .extracting(StoredEvent::id, StoredEvent::tenant, StoredEvent::type, StoredEvent::subscriberKey)
                    .containsExactly(tuple("evt_1", LEGACY, "email.sent", null),
                            tuple("evt_2", LEGACY, "email.bounced", null), tuple("evt_3", LEGACY, "email.sent", null));
            assertThat(store.event(LEGACY, "evt_2").orElseThrow().body())
                    .isEqualTo("{\"id\":\"evt_2\",\"event\":\"email.bounced\"}");
            // Version 5 gave events a trace context; the rows stored before it have none.
            assertThat(store.events(LEGACY, EventQuery.between(T0, T0.plusSeconds(10))).items())
                    .extracting(StoredEvent::traceContext).containsOnly(Map.of());
            assertThat(store.deliveries(LEGACY, DeliveryQuery.all()).items())
                    .extracting(Delivery::id, Delivery::tenant, Delivery::status, Delivery::attemptCount)
                    .containsExactly(tuple("dlv_1", LEGACY, DeliveryStatus.DELIVERED, 1),
                            tuple("dlv_2", LEGACY, DeliveryStatus.PENDING, 1),
                            tuple("dlv_3", LEGACY, DeliveryStatus.SKIPPED, 0));
            assertThat(store.attempts(LEGACY, "dlv_1")).extracting(DeliveryAttempt::statusCode).containsExactly(200);
            assertThat(store.countAttempts(LEGACY, "dlv_2")).isEqualTo(1);
            // Version 4 copied each attempt's tenant and endpoint from its delivery.
            assertThat(store.attemptCounts(LEGACY, AttemptCountQuery.hourly(T0, T0.plusSeconds(3600))))
                    .containsExactly(new AttemptCount(T0, "ep_1", 1, 1, 0));
            assertThat(store.latestAttempt(LEGACY, "ep_1").orElseThrow())
                    .extracting(DeliveryAttempt::deliveryId, DeliveryAttempt::statusCode).containsExactly("dlv_2", 503);
            assertThat(store.latestAttempt(OTHER, "ep_1")).isEmpty();
        }

        @Test
        void aSubscribersEventsStoredUnderVersion1AreFoundAndErasedToo() throws SQLException {
            givenVersion1(true);
            com.migomail.webhooks.core.WebhookEvent jane = com.migomail.webhooks.delivery.testing.TenantEvents.of(
                    com.migomail.webhooks.core.EventType.EMAIL_OPENED, "jane@example.com", java.time.Clock.systemUTC());
            long nanos = T0.getEpochSecond() * 1_000_000_000L;
            try (Connection connection = connect();
                    java.sql.PreparedStatement insert = connection.prepareStatement("INSERT INTO " + prefix()
                            + "events (id, event_type, ts, stored_at, body) VALUES (?, 'email.opened', ?, ?, ?)")) {
                insert.setString(1, jane.id());
                insert.setLong(2, nanos);
                insert.setLong(3, nanos);
                insert.setString(4, com.migomail.webhooks.core.EventCodec.writeString(jane));
                insert.executeUpdate();
            }
            JdbcWebhookStore store = store(LEGACY);

            try (com.migomail.webhooks.delivery.WebhookSender sender = com.migomail.webhooks.delivery.WebhookSender
                    .builder().store(store).build()) {
                // Version 1 kept no subscriber keys: the erasure indexes the old events before it looks them up.
                assertThat(sender.eraseSubscriber(LEGACY, "JANE@example.com").events()).isEqualTo(1);
                assertThat(sender.eraseSubscriber(LEGACY, "jane@example.com").isEmpty()).isTrue();
            }
            assertThat(store.event(LEGACY, jane.id())).isEmpty();
            assertThat(store.event(LEGACY, "evt_1")).isPresent();
            assertThat(store.eventsWithoutSubscriberKey(LEGACY, Set.of("email.sent", "email.bounced", "email.opened"), 10))
                    .isEmpty();
        }

        @Test
        void theMigratedRowsAreNoOtherTenantsAndTheirIdsStayTaken() throws SQLException {
            givenVersion1(true);
            JdbcWebhookStore store = store(LEGACY);

            assertThat(store.endpoints(OTHER)).isEmpty();
            assertThat(store.endpoint(OTHER, "ep_1")).isEmpty();
            assertThat(store.event(OTHER, "evt_1")).isEmpty();
            assertThat(store.events(OTHER, EventQuery.between(T0, T0.plusSeconds(10))).items()).isEmpty();
            assertThat(store.delivery(OTHER, "dlv_1")).isEmpty();
            assertThat(store.deliveries(OTHER, DeliveryQuery.all()).items()).isEmpty();
            assertThat(store.attempts(OTHER, "dlv_1")).isEmpty();
            assertThatThrownBy(() -> store.scheduleReplay(OTHER, "evt_1", "ep_1", "dlv_9", T0))
                    .isInstanceOf(NotFoundException.class).hasMessage("event not found: evt_1");
            assertThatThrownBy(() -> store.append(new StoredEvent("evt_1", OTHER, "email.sent", T0, T0, "{}"),
                    List.of())).isExactlyInstanceOf(StoreException.class).hasMessage("event id is taken: evt_1");
            assertThat(store.deleteTenantBatch(OTHER, 100)).isEqualTo(ErasureCounts.NONE);
            assertThat(store.endpoints(LEGACY)).hasSize(2);
        }

        @Test
        void theMigratedRowsAreClaimedRecordedReplayedAndPublishedTo() throws SQLException {
            givenVersion1(true);
            JdbcWebhookStore store = store(LEGACY);

            List<Delivery> claimed = store.claimDue(T0.plusSeconds(61), 10, "node-a", Duration.ofMinutes(1), Set.of());
            assertThat(claimed).extracting(Delivery::id, Delivery::tenant).containsExactly(tuple("dlv_2", LEGACY));
            DeliveryAttempt second = new DeliveryAttempt("dlv_2", 2, T0.plusSeconds(61), Duration.ofMillis(3), 204,
                    null, null, "");
            assertThat(store.recordAttempt("node-a", second, DeliveryOutcome.delivered(), T0.plusSeconds(62))).isTrue();
            assertThat(store.countAttempts(LEGACY, "dlv_2")).isEqualTo(2);

            Delivery replay = store.scheduleReplay(LEGACY, "evt_1", "ep_1", "dlv_9", T0.plusSeconds(100));
            assertThat(replay).extracting(Delivery::id, Delivery::status, Delivery::replay, Delivery::attemptCount)
                    .containsExactly("dlv_1", DeliveryStatus.PENDING, true, 0);

            StoredEvent fresh = new StoredEvent("evt_4", LEGACY, "email.sent", T0.plusSeconds(200), T0.plusSeconds(200),
                    "{}", "subscriber-key-1")
                    .withTraceContext(Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
            assertThat(store.append(fresh, List.of(new NewDelivery("dlv_4", "ep_1", DeliveryStatus.PENDING))).created())
                    .isTrue();
            assertThat(store.event(LEGACY, "evt_4")).contains(fresh);
            assertThat(store.eraseSubscriberBatch(LEGACY, "subscriber-key-1", 10))
                    .isEqualTo(new ErasureCounts(1, 1, 0, 0));
            assertThat(store.deleteEndpoint(LEGACY, "ep_2", T0.plusSeconds(300))).isTrue();
            assertThat(store.endpoints(LEGACY)).extracting(Endpoint::id).containsExactly("ep_1");
        }

        @Test
        void withoutATenantForTheRowsEveryOperationFailsAndTheDatabaseStaysAtVersion1() throws SQLException {
            givenVersion1(true);
            JdbcWebhookStore store = store(null);
            String p = prefix();

            assertThatThrownBy(store::migrate)
                    .isInstanceOfSatisfying(MissingTenantForExistingRowsException.class, e -> {
                        assertThat(e.foundVersion()).isEqualTo(1);
                        assertThat(e.tables()).containsExactly(p + "endpoints", p + "events", p + "deliveries");
                    })
                    .hasMessage("the database holds rows of schema version 1 (in " + p + "endpoints, " + p + "events, "
                            + p + "deliveries), which has no tenants, and schema version 2 needs the tenant they"
                            + " belong to: build the store with"
                            + " JdbcWebhookStore.builder().tenantForExistingRows(TenantId.of(\"...\"))"
                            + " (the same for an H2 file: builder().h2File(file)) to migrate them to that tenant;"
                            + " the database was not changed");
            assertThatThrownBy(() -> store.endpoints(LEGACY)).isInstanceOf(MissingTenantForExistingRowsException.class);

            assertThat(recordedVersions()).containsExactly("1 V1__init");
            try (Connection connection = connect()) {
                for (String table : List.of("endpoints", "events", "deliveries")) {
                    assertThat(hasColumn(connection, p + table, "tenant_id")).as(table).isFalse();
                }
                assertThat(hasColumn(connection, p + "events", "subscriber_key")).isFalse();
                assertThat(hasIndex(connection, p + "deliveries", p + "deliveries_created_idx")).isTrue();
                assertThat(strings(connection, "SELECT COUNT(*) FROM " + p + "attempts")).containsExactly("2");
            }

            JdbcWebhookStore upgraded = store(LEGACY);
            upgraded.migrate();
            assertThat(upgraded.deliveries(LEGACY, DeliveryQuery.all()).items()).hasSize(3);
        }

        @Test
        void aVersion1DatabaseWithoutRowsNeedsNoTenant() throws SQLException {
            givenVersion1(false);
            JdbcWebhookStore store = store(null);

            store.migrate();

            assertThat(recordedVersions()).containsExactly("1 V1__init", "2 V2__tenants", "3 V3__endpoint_version",
                "4 V4__attempt_log_by_endpoint", "5 V5__trace_context");
            assertThat(store.endpoints(LEGACY)).isEmpty();
        }

        @Test
        void aSecondStoreOverTheMigratedDatabaseChangesNothingWhateverItsTenantForExistingRows() throws SQLException {
            givenVersion1(true);
            store(LEGACY).migrate();
            List<String> installed = installed();

            JdbcWebhookStore second = store(OTHER);
            second.migrate();
            second.migrate();

            assertThat(installed()).isEqualTo(installed).hasSize(JdbcWebhookStore.SCHEMA_VERSION);
            assertThat(second.endpoints(OTHER)).isEmpty();
            assertThat(second.endpoints(LEGACY)).hasSize(2);
            assertThat(store(null).deliveries(LEGACY, DeliveryQuery.all()).items()).hasSize(3);
        }

        @Test
        void aVersion2DatabaseIsMigratedToVersion3WithoutAnOptionAndItsEndpointsStartAtVersion0()
                throws SQLException {
            givenVersion2();
            assertThat(recordedVersions()).containsExactly("1 V1__init", "2 V2__tenants");
            JdbcWebhookStore store = store(null);

            store.migrate();

            assertThat(recordedVersions()).containsExactly("1 V1__init", "2 V2__tenants", "3 V3__endpoint_version",
                "4 V4__attempt_log_by_endpoint", "5 V5__trace_context");
            assertThat(store.endpoints(LEGACY)).extracting(Endpoint::id, Endpoint::version, Endpoint::disabledReason)
                    .containsExactly(tuple("ep_1", 0L, null), tuple("ep_2", 0L, "paused"));
            assertThat(store.deliveries(LEGACY, DeliveryQuery.all()).items()).hasSize(3);
        }

        @Test
        void theEndpointsOfAVersion2DatabaseTakeConditionalUpdatesAfterTheMigration() throws SQLException {
            givenVersion2();
            JdbcWebhookStore store = store(null);
            Endpoint read = store.endpoint(LEGACY, "ep_1").orElseThrow();

            Endpoint disabled = store.updateEndpoint(read.withEnabled(false).withDisabledReason("abuse"));

            assertThat(disabled.version()).isEqualTo(1);
            assertThatThrownBy(() -> store.updateEndpoint(read.withUrl("https://hooks.example.com/stale")))
                    .isInstanceOfSatisfying(EndpointVersionConflictException.class,
                            e -> assertThat(e.storedVersion()).isEqualTo(1));
            assertThat(store.endpoint(LEGACY, "ep_1")).contains(disabled);
            assertThat(store.recordEndpointHealth(LEGACY, "ep_2", false, T0).version()).isEqualTo(1);
            Endpoint created = store.createEndpoint(new Endpoint("ep_3", LEGACY, "https://hooks.example.com/ep_3",
                    List.of("*"), "", Map.of(), true, List.of(), null, null, T0, T0));
            assertThat(created.version()).isZero();
            assertThat(store.endpoint(LEGACY, "ep_3")).contains(created);
        }

        @Test
        void anEndpointRowInsertedWithoutAVersionAfterTheMigrationIsAtVersion0() throws SQLException {
            givenVersion2();
            JdbcWebhookStore store = store(null);
            store.migrate();

            // As a bulk load by hand would: the column keeps its default.
            execute("INSERT INTO " + prefix() + "endpoints (id, tenant_id, url, event_types, description, metadata,"
                    + " enabled, secrets, created_at, updated_at) VALUES ('ep_9', 'legacy-account',"
                    + " 'https://hooks.example.com/ep_9', '[\"*\"]', '', '{}', TRUE, '[]', 0, 0)");

            Endpoint loaded = store.endpoint(LEGACY, "ep_9").orElseThrow();
            assertThat(loaded.version()).isZero();
            assertThat(store.updateEndpoint(loaded.withDescription("loaded")).version()).isEqualTo(1);
        }

        private List<String> installed() throws SQLException {
            try (Connection connection = connect()) {
                return strings(connection, "SELECT version || ' ' || script || ' ' || installed_at FROM " + prefix()
                        + "schema_version ORDER BY version");
            }
        }
    }

    @Nested
    class OnPostgresql extends Spec {
        private final String prefix = TestDatabases.freshPrefix();

        @Override
        Connection connect() throws SQLException {
            return TestDatabases.postgres().getConnection();
        }

        @Override
        Dialect dialect() {
            return Dialect.POSTGRESQL;
        }

        @Override
        String prefix() {
            return prefix;
        }

        @Override
        JdbcWebhookStore store(TenantId tenantForExistingRows) {
            JdbcWebhookStore.Builder builder = Fixtures.builder().dataSource(TestDatabases.postgres())
                    .tablePrefix(prefix);
            return tenantForExistingRows == null ? builder.build()
                    : builder.tenantForExistingRows(tenantForExistingRows).build();
        }

        @Test
        void theMigrationFillsTheTenantWithoutRewritingTheTables() throws SQLException {
            givenVersion1(true);
            List<String> before = fileNodes();

            store(LEGACY).migrate();

            assertThat(fileNodes()).as("a rewrite would give the tables new files").isEqualTo(before);
        }

        @Test
        void theMigrationToVersion3FillsTheVersionWithoutRewritingTheEndpoints() throws SQLException {
            givenVersion2();
            List<String> before = fileNodes();

            store(null).migrate();

            assertThat(fileNodes()).as("a rewrite would give the tables new files").isEqualTo(before);
        }

        private List<String> fileNodes() throws SQLException {
            try (Connection connection = connect()) {
                return strings(connection, "SELECT relname || ' ' || relfilenode FROM pg_class WHERE relname IN ('"
                        + prefix + "endpoints', '" + prefix + "events', '" + prefix + "deliveries') ORDER BY relname");
            }
        }

        @Test
        void aMigrationThatFailsHalfWayLeavesVersion1AsItWas() throws SQLException {
            givenVersion1(true);
            // Makes the migration's fifth statement fail, after it added tenant_id to two tables.
            execute("ALTER TABLE " + prefix + "events ADD COLUMN subscriber_key INTEGER");

            assertThatThrownBy(store(LEGACY)::migrate).isExactlyInstanceOf(StoreException.class)
                    .hasMessageStartingWith("schema migration failed: ")
                    .hasMessageContaining("\"subscriber_key\"");

            assertThat(recordedVersions()).containsExactly("1 V1__init");
            try (Connection connection = connect()) {
                assertThat(hasColumn(connection, prefix + "endpoints", "tenant_id")).isFalse();
                assertThat(hasColumn(connection, prefix + "events", "tenant_id")).isFalse();
            }
            execute("ALTER TABLE " + prefix + "events DROP COLUMN subscriber_key");
            JdbcWebhookStore retried = store(LEGACY);
            retried.migrate();
            assertThat(retried.endpoints(LEGACY)).hasSize(2);
        }
    }

    @Nested
    class OnH2 extends Spec {
        @TempDir
        Path dir;

        Path file() {
            return dir.resolve("webhooks");
        }

        @Override
        Connection connect() throws SQLException {
            return DriverManager.getConnection(Fixtures.h2Url(file()));
        }

        @Override
        Dialect dialect() {
            return Dialect.H2;
        }

        @Override
        String prefix() {
            return JdbcWebhookStore.Builder.DEFAULT_TABLE_PREFIX;
        }

        @Override
        JdbcWebhookStore store(TenantId tenantForExistingRows) {
            JdbcWebhookStore store = tenantForExistingRows == null ? Fixtures.h2File(file())
                    : Fixtures.builder().h2File(file()).tenantForExistingRows(tenantForExistingRows).build();
            opened.add(store);
            return store;
        }

        @Test
        void aMigrationThatStoppedHalfWayCompletesOnTheNextStart() throws SQLException {
            givenVersion1(true);
            // What the first statement of V2 leaves behind if the process dies right after it.
            execute("ALTER TABLE mwh_endpoints ADD COLUMN tenant_id VARCHAR(64) DEFAULT 'legacy-account' NOT NULL");

            JdbcWebhookStore store = store(LEGACY);
            store.migrate();

            assertThat(recordedVersions()).containsExactly("1 V1__init", "2 V2__tenants", "3 V3__endpoint_version",
                "4 V4__attempt_log_by_endpoint", "5 V5__trace_context");
            assertThat(store.endpoints(LEGACY)).hasSize(2);
            assertThat(store.deliveries(LEGACY, DeliveryQuery.all()).items()).hasSize(3);
        }

        @Test
        void aMigrationToVersion3ThatStoppedHalfWayCompletesOnTheNextStart() throws SQLException {
            givenVersion2();
            // What the first statement of V3 leaves behind if the process dies right after it.
            execute("ALTER TABLE mwh_endpoints ADD COLUMN version BIGINT DEFAULT 0 NOT NULL");

            JdbcWebhookStore store = store(null);
            store.migrate();

            assertThat(recordedVersions()).containsExactly("1 V1__init", "2 V2__tenants", "3 V3__endpoint_version",
                "4 V4__attempt_log_by_endpoint", "5 V5__trace_context");
            assertThat(store.endpoints(LEGACY)).extracting(Endpoint::version).containsExactly(0L, 0L);
        }

        @Test
        void aMigrationToVersion4ThatStoppedHalfWayCompletesOnTheNextStart() throws SQLException {
            givenVersion2();
            execute("ALTER TABLE mwh_endpoints ADD COLUMN version BIGINT DEFAULT 0 NOT NULL");
            execute("INSERT INTO mwh_schema_version (version, script) VALUES (3, 'V3__endpoint_version')");
            // What the first statements of V4 leave behind if the process dies right after them.
            execute("ALTER TABLE mwh_attempts ADD COLUMN tenant_id VARCHAR(64)");
            execute("ALTER TABLE mwh_attempts ADD COLUMN endpoint_id VARCHAR(255)");

            JdbcWebhookStore store = store(null);
            store.migrate();

            assertThat(recordedVersions()).containsExactly("1 V1__init", "2 V2__tenants", "3 V3__endpoint_version",
                    "4 V4__attempt_log_by_endpoint", "5 V5__trace_context");
            assertThat(store.attemptCounts(LEGACY, AttemptCountQuery.hourly(T0, T0.plusSeconds(3600))))
                    .containsExactly(new AttemptCount(T0, "ep_1", 1, 1, 0));
        }
    }
}
