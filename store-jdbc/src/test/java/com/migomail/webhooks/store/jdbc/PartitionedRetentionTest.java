package com.migomail.webhooks.store.jdbc;

import static com.migomail.webhooks.store.jdbc.Fixtures.TENANT;
import static com.migomail.webhooks.store.jdbc.Fixtures.endpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.migomail.webhooks.store.AppendResult;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.NewDelivery;
import com.migomail.webhooks.store.NotFoundException;
import com.migomail.webhooks.store.StoreException;
import com.migomail.webhooks.store.StoredEvent;
import com.migomail.webhooks.store.TenantId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/**
 * The layout partitioned by event day on a real PostgreSQL: which partitions exist (read from the
 * catalog), what a drop keeps, ids unique across days, and the tables of the other layout refused.
 */
class PartitionedRetentionTest {

    /** A day far from today, so that only the test's own appends create its partitions. */
    private static final Instant DAY0 = Instant.parse("2024-05-10T08:00:00Z");

    private final String prefix = TestDatabases.freshPrefix();

    private JdbcWebhookStore partitionedStore() {
        return Fixtures.partitionedPostgresStore(prefix);
    }

    private static Instant day(int n) {
        return DAY0.plus(Duration.ofDays(n));
    }

    private static StoredEvent event(String id, Instant timestamp) {
        return Fixtures.event(TENANT, id, timestamp);
    }

    private static StoredEvent event(TenantId tenant, String id, Instant timestamp) {
        return Fixtures.event(tenant, id, timestamp);
    }

    /** The days whose partition of that table exists, as yyyyMMdd suffixes, from the catalog. */
    private List<String> partitionDays(String table) throws SQLException {
        List<String> days = new ArrayList<>();
        try (Connection connection = TestDatabases.postgres().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT c.relname FROM pg_inherits i JOIN pg_class c"
                        + " ON c.oid = i.inhrelid WHERE i.inhparent = to_regclass('" + prefix + table + "')"
                        + " ORDER BY c.relname")) {
            while (rows.next()) {
                days.add(rows.getString(1).substring((prefix + table + "_p").length()));
            }
        }
        return days;
    }

    private static String suffix(Instant time) {
        return LocalDate.ofInstant(time, ZoneOffset.UTC).toString().replace("-", "");
    }

    private static String suffix(LocalDate day) {
        return day.toString().replace("-", "");
    }

    @Test
    void aNewStoreCreatesTodayAndTheNextTwoDaysInAllThreeTables() throws SQLException {
        try (JdbcWebhookStore store = partitionedStore()) {
            store.migrate();
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (String table : List.of("events", "deliveries", "attempts")) {
            assertThat(partitionDays(table)).contains(suffix(today), suffix(today.plusDays(1)),
                    suffix(today.plusDays(2)));
        }
    }

    @Test
    void anEventOfADayWithoutPartitionsCreatesThemOnItsAppendInAllThreeTables() throws SQLException {
        try (JdbcWebhookStore store = Fixtures.withEndpoints(partitionedStore(), "ep1")) {
            AppendResult appended = store.append(event("evt_old", day(0)), Fixtures.pendingTo("dlv_old", "ep1"));

            assertThat(appended.created()).isTrue();
            assertThat(store.event(TENANT, "evt_old")).contains(appended.event());
            for (String table : List.of("events", "deliveries", "attempts")) {
                assertThat(partitionDays(table)).contains(suffix(day(0)));
            }
        }
    }

    @Test
    void anOutboxAppendOfADayWithoutPartitionsCreatesThemOutsideTheCallersTransaction() throws SQLException {
        try (JdbcWebhookStore store = Fixtures.withEndpoints(partitionedStore(), "ep1");
                Connection connection = TestDatabases.postgres().getConnection()) {
            connection.setAutoCommit(false);
            store.append(connection, event("evt_outbox", day(3)), Fixtures.pendingTo("dlv_outbox", "ep1"));
            connection.rollback();

            assertThat(store.event(TENANT, "evt_outbox")).isEmpty();
            assertThat(partitionDays("events")).contains(suffix(day(3)));
        }
    }

    @Test
    void aPurgeDropsTheDaysPartitionsNotJustTheirRows() throws SQLException {
        try (JdbcWebhookStore store = Fixtures.withEndpoints(partitionedStore(), "ep1")) {
            store.append(event("evt_a", day(0)), List.of(new NewDelivery("dlv_a", "ep1", DeliveryStatus.SKIPPED)));
            store.append(event("evt_b", day(1)), List.of(new NewDelivery("dlv_b", "ep1", DeliveryStatus.SKIPPED)));

            assertThat(store.purgeEventsBefore(day(1).truncatedTo(ChronoUnit.DAYS), 500)).isEqualTo(1);

            for (String table : List.of("events", "deliveries", "attempts")) {
                assertThat(partitionDays(table)).doesNotContain(suffix(day(0))).contains(suffix(day(1)));
            }
            assertThat(store.event(TENANT, "evt_a")).isEmpty();
            assertThat(store.delivery(TENANT, "dlv_a")).isEmpty();
            assertThat(store.event(TENANT, "evt_b")).isPresent();
        }
    }

    @Test
    void aDayIsKeptWhileAnyOfItsDeliveriesIsPendingAndDroppedOnceNoneIs() throws SQLException {
        try (JdbcWebhookStore store = Fixtures.withEndpoints(partitionedStore(), "ep1")) {
            store.append(event("evt_done", day(0)), List.of(new NewDelivery("dlv_done", "ep1", DeliveryStatus.SKIPPED)));
            store.append(event("evt_pending", day(0).plusSeconds(60)), Fixtures.pendingTo("dlv_pending", "ep1"));
            Instant cutoff = day(2);

            assertThat(store.purgeEventsBefore(cutoff, 500)).isZero();
            assertThat(partitionDays("events")).contains(suffix(day(0)));
            assertThat(store.event(TENANT, "evt_done")).isPresent();

            Delivery claimed = store.claim("dlv_pending", day(1), "node-a", Duration.ofSeconds(30)).orElseThrow();
            assertThat(store.recordAttempt("node-a", new com.migomail.webhooks.store.DeliveryAttempt(claimed.id(), 1,
                    day(1), Duration.ofMillis(5), 200, null, null, "ok"),
                    com.migomail.webhooks.store.DeliveryOutcome.delivered(), day(1))).isTrue();

            assertThat(store.purgeEventsBefore(cutoff, 500)).isEqualTo(2);
            assertThat(partitionDays("events")).doesNotContain(suffix(day(0)));
            assertThat(partitionDays("attempts")).doesNotContain(suffix(day(0)));
        }
    }

    @Test
    void eventIdsStayUniqueAcrossDays() {
        try (JdbcWebhookStore store = Fixtures.withEndpoints(partitionedStore(), "ep1")) {
            store.createEndpoint(endpoint("other_ep", TenantId.of("other")));
            AppendResult first = store.append(event("evt_1", day(0)), Fixtures.pendingTo("dlv_1", "ep1"));

            AppendResult again = store.append(event("evt_1", day(5)), Fixtures.pendingTo("dlv_2", "ep1"));

            assertThat(again.created()).isFalse();
            assertThat(again.event()).isEqualTo(first.event());
            assertThat(again.deliveries()).extracting(Delivery::id).containsExactly("dlv_1");
            assertThatThrownBy(() -> store.append(event(TenantId.of("other"), "evt_1", day(6)),
                    Fixtures.pendingTo("dlv_3", "other_ep"))).isInstanceOf(StoreException.class)
                    .hasMessageContaining("event id is taken");
            assertThat(store.delivery(TENANT, "dlv_2")).isEmpty();
        }
    }

    @Test
    void deliveryIdsStayUniqueAcrossDaysAndTenants() {
        try (JdbcWebhookStore store = Fixtures.withEndpoints(partitionedStore(), "ep1")) {
            store.createEndpoint(endpoint("other_ep", TenantId.of("other")));
            store.append(event("evt_1", day(0)), Fixtures.pendingTo("dlv_1", "ep1"));

            assertThatThrownBy(() -> store.append(event(TenantId.of("other"), "evt_2", day(4)),
                    Fixtures.pendingTo("dlv_1", "other_ep"))).isInstanceOf(StoreException.class)
                    .hasMessageContaining("delivery id is taken");
            store.createEndpoint(endpoint("ep2"));
            assertThatThrownBy(() -> store.scheduleReplay(TENANT, "evt_1", "ep2", "dlv_1", day(1)))
                    .isInstanceOf(StoreException.class).hasMessageContaining("delivery id is taken");
            assertThat(store.event(TenantId.of("other"), "evt_2")).isEmpty();
            assertThat(store.delivery(TENANT, "dlv_1")).map(Delivery::eventId).contains("evt_1");
        }
    }

    @Test
    void concurrentAppendsOfOneIdOnDifferentDaysCreateOneEvent() throws Exception {
        try (JdbcWebhookStore store = Fixtures.withEndpoints(partitionedStore(), "ep1")) {
            store.createEventDayPartitions(day(0), day(20));
            for (int round = 0; round < 20; round++) {
                String id = "evt_race_" + round;
                CyclicBarrier start = new CyclicBarrier(4);
                List<CompletableFuture<AppendResult>> appends = new ArrayList<>();
                for (int writer = 0; writer < 4; writer++) {
                    int n = writer;
                    appends.add(CompletableFuture.supplyAsync(() -> {
                        Fixtures.await(start);
                        return store.append(event(id, day(n * 5)), Fixtures.pendingTo(id + "_dlv_" + n, "ep1"));
                    }));
                }
                List<AppendResult> results = appends.stream().map(CompletableFuture::join).toList();

                assertThat(results).filteredOn(AppendResult::created).hasSize(1);
                AppendResult created = results.stream().filter(AppendResult::created).findFirst().orElseThrow();
                assertThat(results).allSatisfy(result -> assertThat(result.event()).isEqualTo(created.event()));
                assertThat(store.deliveries(TENANT, com.migomail.webhooks.store.DeliveryQuery.all().withEvent(id))
                        .items()).hasSize(1);
            }
        }
    }

    @Test
    void anAppendToADayAnotherNodeDroppedRecreatesIt() throws SQLException {
        try (JdbcWebhookStore dropper = Fixtures.withEndpoints(partitionedStore(), "ep1");
                JdbcWebhookStore publisher = partitionedStore()) {
            publisher.append(event("evt_1", day(0)), List.of(new NewDelivery("dlv_1", "ep1", DeliveryStatus.SKIPPED)));
            assertThat(dropper.purgeEventsBefore(day(1), 500)).isEqualTo(1);
            assertThat(partitionDays("events")).doesNotContain(suffix(day(0)));

            // The publisher still remembers day 0's partitions; its insert finds none and creates them.
            AppendResult late = publisher.append(event("evt_2", day(0).plusSeconds(5)),
                    List.of(new NewDelivery("dlv_2", "ep1", DeliveryStatus.SKIPPED)));

            assertThat(late.created()).isTrue();
            assertThat(publisher.event(TENANT, "evt_2")).isPresent();
        }
    }

    @Test
    void aReplayRacingADropEitherKeepsTheDayOrFindsTheEventGone() throws Exception {
        try (JdbcWebhookStore store = Fixtures.withEndpoints(partitionedStore(), "ep1")) {
            for (int r = 0; r < 30; r++) {
                int round = r;
                Instant at = day(round);
                String eventId = "evt_r" + round;
                store.append(event(eventId, at), List.of(new NewDelivery("dlv_r" + round, "ep1", DeliveryStatus.SKIPPED)));
                CyclicBarrier start = new CyclicBarrier(2);
                CompletableFuture<Integer> purge = CompletableFuture.supplyAsync(() -> {
                    Fixtures.await(start);
                    return store.purgeEventsBefore(day(round + 1).truncatedTo(ChronoUnit.DAYS), 500);
                });
                CompletableFuture<Delivery> replay = CompletableFuture.supplyAsync(() -> {
                    Fixtures.await(start);
                    try {
                        return store.scheduleReplay(TENANT, eventId, "ep1", "dlv_new" + round, at.plusSeconds(1));
                    } catch (NotFoundException gone) {
                        return null;
                    }
                });
                Delivery replayed = replay.join();
                int purged = purge.join();

                if (replayed != null) {
                    // Re-armed before the drop's check, or after it found the day not over: kept.
                    assertThat(replayed.status()).isEqualTo(DeliveryStatus.PENDING);
                    assertThat(purged).isZero();
                    assertThat(store.delivery(TENANT, replayed.id())).map(Delivery::status)
                            .contains(DeliveryStatus.PENDING);
                    assertThat(store.claim(replayed.id(), at.plusSeconds(2), "node-a", Duration.ofSeconds(30)))
                            .isPresent();
                } else {
                    assertThat(purged).isEqualTo(1);
                    assertThat(store.event(TENANT, eventId)).isEmpty();
                }
            }
        }
    }

    @Test
    void aPartitionedStoreRefusesSingleTablesAndASingleTableStoreRefusesPartitions() throws SQLException {
        try (JdbcWebhookStore single = Fixtures.builder().dataSource(TestDatabases.postgres()).tablePrefix(prefix)
                .build()) {
            single.migrate();
        }
        try (JdbcWebhookStore partitioned = partitionedStore()) {
            assertThatThrownBy(partitioned::migrate).isInstanceOf(TableLayoutMismatchException.class)
                    .hasMessageContaining("is a single table")
                    .satisfies(e -> assertThat(((TableLayoutMismatchException) e).foundPartitioned()).isFalse());
        }
        assertThat(partitionDays("events")).isEmpty();

        String otherPrefix = TestDatabases.freshPrefix();
        try (JdbcWebhookStore partitioned = Fixtures.builder().dataSource(TestDatabases.postgres())
                .tablePrefix(otherPrefix).partitionedByEventDay().build()) {
            partitioned.migrate();
        }
        try (JdbcWebhookStore single = Fixtures.builder().dataSource(TestDatabases.postgres()).tablePrefix(otherPrefix)
                .build()) {
            assertThatThrownBy(single::migrate).isInstanceOf(TableLayoutMismatchException.class)
                    .hasMessageContaining("partitionedByEventDay()")
                    .satisfies(e -> assertThat(((TableLayoutMismatchException) e).foundPartitioned()).isTrue());
        }
    }

    @Test
    void partitionsAreForPostgresqlOnly() {
        assertThatThrownBy(() -> Fixtures.builder().h2File(java.nio.file.Path.of("unused")).partitionedByEventDay()
                .build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("PostgreSQL");
        try (JdbcWebhookStore single = Fixtures.postgresStore()) {
            assertThatThrownBy(() -> single.createEventDayPartitions(day(0), day(1)))
                    .isInstanceOf(IllegalStateException.class);
        }
    }
}
