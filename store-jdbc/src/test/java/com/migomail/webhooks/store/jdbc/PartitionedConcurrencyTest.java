package com.migomail.webhooks.store.jdbc;

import static com.migomail.webhooks.store.jdbc.Fixtures.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.migomail.webhooks.store.AppendResult;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.DeliveryOutcome;
import com.migomail.webhooks.store.DeliveryQuery;
import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.NewDelivery;
import com.migomail.webhooks.store.StoreException;
import com.migomail.webhooks.store.StoredEvent;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The partitioned layout's maintenance beside the traffic that shares its tables: drops and
 * creations next to attempt readers and recorders (which take the tables in another order), purges
 * from several nodes at once, and appends in a transaction isolation that would defeat the id locks.
 */
class PartitionedConcurrencyTest {

    private static final Instant DAY0 = Instant.parse("2023-09-01T06:00:00Z");

    private final String prefix = TestDatabases.freshPrefix();

    private JdbcWebhookStore store() {
        return Fixtures.partitionedPostgresStore(prefix);
    }

    private static Instant day(int n) {
        return DAY0.plus(Duration.ofDays(n));
    }

    private static StoredEvent event(String id, Instant at) {
        return Fixtures.event(TENANT, id, at);
    }

    @Test
    void dropsAndCreationsBesideAttemptReadersAndRecordersNeverDeadlockOrFail() throws Exception {
        try (JdbcWebhookStore store = Fixtures.withEndpoints(store(), "ep1")) {
            Instant live = day(400);
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger recorded = new AtomicInteger();
            List<CompletableFuture<Void>> traffic = new ArrayList<>();
            for (int worker = 0; worker < 3; worker++) {
                int w = worker;
                traffic.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; running.get(); i++) {
                        String id = "w" + w + "_" + i;
                        Delivery delivery = store.append(event(id, live), Fixtures.pendingTo("dlv_" + id, "ep1"))
                                .deliveries().get(0);
                        store.claim(delivery.id(), live, "node-" + w, Duration.ofSeconds(30)).orElseThrow();
                        assertThat(store.recordAttempt("node-" + w, new DeliveryAttempt(delivery.id(), 1, live,
                                Duration.ofMillis(1), 200, null, null, "ok"), DeliveryOutcome.delivered(), live))
                                .isTrue();
                        assertThat(store.attempts(TENANT, delivery.id())).hasSize(1);
                        assertThat(store.countAttempts(TENANT, delivery.id())).isEqualTo(1);
                        recorded.incrementAndGet();
                    }
                }));
            }
            // Each round creates a day by an append and drops it, while the workers write and read.
            for (int round = 0; round < 40; round++) {
                store.append(event("old_" + round, day(round)),
                        List.of(new NewDelivery("dlv_old_" + round, "ep1", DeliveryStatus.SKIPPED)));
                assertThat(store.purgeEventsBefore(day(round + 1).truncatedTo(java.time.temporal.ChronoUnit.DAYS), 500))
                        .isEqualTo(1);
            }
            running.set(false);
            CompletableFuture.allOf(traffic.toArray(CompletableFuture[]::new)).join();
            assertThat(recorded.get()).isPositive();
        }
    }

    @Test
    void purgesFromSeveralNodesAtOnceDropEachDayOnceAndFailNone() {
        try (JdbcWebhookStore a = Fixtures.withEndpoints(store(), "ep1"); JdbcWebhookStore b = store()) {
            for (int round = 0; round < 10; round++) {
                for (int d = 0; d < 3; d++) {
                    a.append(event("evt_" + round + "_" + d, day(round * 3 + d)),
                            List.of(new NewDelivery("dlv_" + round + "_" + d, "ep1", DeliveryStatus.SKIPPED)));
                }
                Instant cutoff = day(round * 3 + 3).truncatedTo(java.time.temporal.ChronoUnit.DAYS);
                CyclicBarrier start = new CyclicBarrier(2);
                CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> {
                    Fixtures.await(start);
                    return a.purgeEventsBefore(cutoff, 500);
                });
                CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> {
                    Fixtures.await(start);
                    return b.purgeEventsBefore(cutoff, 500);
                });

                assertThat(first.join() + second.join()).isEqualTo(3);
                assertThat(a.deliveries(TENANT, DeliveryQuery.all()).items()).isEmpty();
            }
        }
    }

    @Test
    void aStoreOverARepeatableReadPoolStillStoresAnIdOnce() {
        com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
        config.setJdbcUrl(TestDatabases.postgresUrl());
        config.setUsername("postgres");
        config.setMaximumPoolSize(8);
        config.setTransactionIsolation("TRANSACTION_REPEATABLE_READ");
        try (HikariDataSource repeatableRead = new HikariDataSource(config)) {
            try (JdbcWebhookStore store = Fixtures.withEndpoints(Fixtures.builder().dataSource(repeatableRead)
                    .tablePrefix(prefix).partitionedByEventDay().build(), "ep1")) {
                store.createEventDayPartitions(day(0), day(20));
                for (int round = 0; round < 20; round++) {
                    String id = "evt_rr_" + round;
                    CyclicBarrier start = new CyclicBarrier(4);
                    List<CompletableFuture<AppendResult>> appends = new ArrayList<>();
                    for (int writer = 0; writer < 4; writer++) {
                        int n = writer;
                        appends.add(CompletableFuture.supplyAsync(() -> {
                            Fixtures.await(start);
                            return store.append(event(id, day(n * 5)), Fixtures.pendingTo(id + "_" + n, "ep1"));
                        }));
                    }
                    assertThat(appends.stream().map(CompletableFuture::join).filter(AppendResult::created)).hasSize(1);
                }
            }
        }
    }

    @Test
    void anOutboxAppendInARepeatableReadTransactionIsRefusedBeforeItWrites() throws Exception {
        try (JdbcWebhookStore store = Fixtures.withEndpoints(store(), "ep1");
                Connection connection = TestDatabases.postgres().getConnection()) {
            store.createEventDayPartitions(day(0), day(0));
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                assertThatThrownBy(() -> store.append(connection, event("evt_rr", day(0)),
                        Fixtures.pendingTo("dlv_rr", "ep1"))).isInstanceOf(StoreException.class)
                        .hasMessageContaining("REPEATABLE READ");
            } finally {
                connection.rollback();
                connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                connection.setAutoCommit(true);
            }
            assertThat(store.event(TENANT, "evt_rr")).isEmpty();
        }
    }

    @Test
    void anOutboxTransactionThatHoldsTheTablesGetsAClearErrorForADayWithoutPartitions() throws Exception {
        try (JdbcWebhookStore store = Fixtures.withEndpoints(store(), "ep1");
                Connection connection = TestDatabases.postgres().getConnection()) {
            store.createEventDayPartitions(day(0), day(0));
            connection.setAutoCommit(false);
            try {
                store.append(connection, event("evt_first", day(0)), Fixtures.pendingTo("dlv_first", "ep1"));
                // Its own first append holds the tables: a day's partitions cannot be created now.
                assertThatThrownBy(() -> store.append(connection, event("evt_second", day(7)),
                        Fixtures.pendingTo("dlv_second", "ep1"))).isInstanceOf(StoreException.class)
                        .hasMessageContaining("createEventDayPartitions");
                connection.commit();
            } finally {
                connection.setAutoCommit(true);
            }
            // Nothing of the refused append; the first one committed with the caller.
            assertThat(store.event(TENANT, "evt_first")).isPresent();
            assertThat(store.event(TENANT, "evt_second")).isEmpty();

            store.createEventDayPartitions(day(7), day(7));
            connection.setAutoCommit(false);
            store.append(connection, event("evt_third", day(0)), Fixtures.pendingTo("dlv_third", "ep1"));
            store.append(connection, event("evt_second", day(7)), Fixtures.pendingTo("dlv_second", "ep1"));
            connection.commit();
            connection.setAutoCommit(true);
            assertThat(store.event(TENANT, "evt_second")).isPresent();
        }
    }
}
