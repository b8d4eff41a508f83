package com.migomail.webhooks.store.jdbc;

import static com.migomail.webhooks.store.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.migomail.webhooks.core.EmailSent;
import com.migomail.webhooks.core.Subscriber;
import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.delivery.EndpointAddressPolicy;
import com.migomail.webhooks.delivery.EndpointRegistration;
import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.store.AppendLease;
import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.DueWorkSubscription;
import com.migomail.webhooks.store.NewDelivery;
import com.migomail.webhooks.store.StoredEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * PostgreSQL LISTEN/NOTIFY wake-ups ({@link JdbcWebhookStore.Builder#dueWorkNotifications()}): which
 * writes notify (and only at their commit), the listener that wakes subscribers and comes back after
 * its connection is killed, and a sender that delivers an outbox publish long before its next poll.
 */
class DueWorkNotificationsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final String prefix = TestDatabases.freshPrefix();
    private final JdbcWebhookStore store = Fixtures.withEndpoints(Fixtures.builder().dataSource(TestDatabases.postgres())
            .tablePrefix(prefix).dueWorkNotifications().build(), "ep_1", "ep_2");
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
        store.close();
    }

    @Test
    void anOutboxAppendNotifiesAtTheCallersCommitAndNotBefore() throws SQLException {
        Connection listening = listen();
        try (Connection caller = TestDatabases.postgres().getConnection()) {
            caller.setAutoCommit(false);
            store.append(caller, Fixtures.event("evt_1"), Fixtures.pendingTo("dlv_1", "ep_1"));
            assertThat(notificationsSoFar(listening)).as("before the commit").isEmpty();
            caller.commit();
        }
        assertThat(notificationsSoFar(listening)).hasSize(1);
    }

    @Test
    void aRolledBackOutboxAppendNotifiesNothing() throws SQLException {
        Connection listening = listen();
        try (Connection caller = TestDatabases.postgres().getConnection()) {
            caller.setAutoCommit(false);
            store.append(caller, Fixtures.event("evt_1"), Fixtures.pendingTo("dlv_1", "ep_1"));
            caller.rollback();
        }
        store.append(Fixtures.event("evt_2"), Fixtures.pendingTo("dlv_2", "ep_1"));

        // One notification, the committed append's: the two would be separate (PostgreSQL folds
        // identical ones within a transaction only).
        assertThat(notificationsSoFar(listening)).hasSize(1);
    }

    @Test
    void aPublishWhoseDeliveriesAreAllLeasedNotifiesNothingAndOneWithAnUnleasedDeliveryNotifies() throws SQLException {
        Connection listening = listen();
        store.append(Fixtures.event("evt_1"), Fixtures.pendingTo("dlv_1", "ep_1"),
                new AppendLease("node-a", Duration.ofMinutes(1), Set.of("dlv_1")));
        store.append(Fixtures.event("evt_2"), List.of(new NewDelivery("dlv_2", "ep_1", DeliveryStatus.PENDING),
                new NewDelivery("dlv_3", "ep_2", DeliveryStatus.PENDING)),
                new AppendLease("node-a", Duration.ofMinutes(1), Set.of("dlv_2")));

        assertThat(notificationsSoFar(listening)).as("the second append's only").hasSize(1);
    }

    @Test
    void releasingALeaseNotifiesAndAFailedReleaseDoesNot() throws SQLException {
        store.append(Fixtures.event("evt_1"), Fixtures.pendingTo("dlv_1", "ep_1"),
                new AppendLease("node-a", Duration.ofMinutes(1), Set.of("dlv_1")));
        Connection listening = listen();

        assertThat(store.release("dlv_1", "node-b")).isFalse();
        assertThat(store.release("dlv_1", "node-a")).isTrue();

        assertThat(notificationsSoFar(listening)).hasSize(1);
    }

    @Test
    void aReplayNotifies() throws SQLException {
        store.append(Fixtures.event("evt_1"), List.of(new NewDelivery("dlv_1", "ep_1", DeliveryStatus.SKIPPED)));
        Connection listening = listen();

        store.scheduleReplay(Fixtures.TENANT, "evt_1", "ep_2", "dlv_2", T0);

        assertThat(notificationsSoFar(listening)).hasSize(1);
    }

    @Test
    void aSubscriberIsWokenWhenItStartsListeningAndByEveryNotifyingCommitUntilItCloses() {
        AtomicInteger wakeUps = new AtomicInteger();
        DueWorkSubscription subscription = store.onDueWork(wakeUps::incrementAndGet);
        await().atMost(WAIT).until(() -> wakeUps.get() == 1); // on listening: what came before went unheard

        store.append(Fixtures.event("evt_1"), Fixtures.pendingTo("dlv_1", "ep_1"));
        await().atMost(WAIT).until(() -> wakeUps.get() == 2);

        subscription.close();
        await().atMost(WAIT).until(() -> !listenerRunning());
        store.append(Fixtures.event("evt_2"), Fixtures.pendingTo("dlv_2", "ep_1"));
        assertThat(wakeUps).hasValue(2);
    }

    @Test
    void aKilledListeningConnectionIsReplacedAndItsSubscribersWokenOnceItListensAgain() throws SQLException {
        AtomicInteger wakeUps = new AtomicInteger();
        toClose.add(store.onDueWork(wakeUps::incrementAndGet));
        await().atMost(WAIT).until(() -> wakeUps.get() == 1 && listenerBackends() == 1);

        try (Connection admin = TestDatabases.postgres().getConnection(); Statement statement = admin.createStatement()) {
            statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN "
                    + prefix + "due_work'");
        }
        await().atMost(WAIT).until(() -> wakeUps.get() == 2); // the catch-up wake of the new connection

        store.append(Fixtures.event("evt_1"), Fixtures.pendingTo("dlv_1", "ep_1"));
        await().atMost(WAIT).until(() -> wakeUps.get() == 3);
    }

    @Test
    void aSenderDeliversAnOutboxPublishAtOnceThoughItsNextPollIsAnHourAway() throws IOException, SQLException {
        LoopbackReceiver receiver = LoopbackReceiver.start();
        toClose.add(receiver);
        WebhookSender sender = WebhookSender.builder().store(store)
                .addressPolicy(EndpointAddressPolicy.allowLoopbackForTesting())
                .pollInterval(Duration.ofHours(1))
                .shutdownTimeout(Duration.ofSeconds(1))
                .build();
        toClose.add(sender);
        sender.registerEndpoint(Fixtures.TENANT, EndpointRegistration.of(receiver.url(), "email.*"));
        sender.start();
        await().atMost(WAIT).until(() -> listenerBackends() == 1);

        WebhookEvent event = WebhookEvent.of(new EmailSent("msg_1", null, Subscriber.of("zoe@example.com"), null));
        try (Connection connection = TestDatabases.postgres().getConnection()) {
            connection.setAutoCommit(false);
            sender.publish(Fixtures.TENANT, event, (e, d) -> store.append(connection, e, d));
            connection.commit();
        }

        await().atMost(WAIT).until(() -> receiver.eventIds().contains(event.id()));
    }

    @Test
    void anH2FileWithNotificationsIsRefusedAtBuild(@TempDir Path dir) {
        assertThatThrownBy(() -> Fixtures.builder().h2File(dir.resolve("webhooks")).dueWorkNotifications().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("needs PostgreSQL");
        assertThatThrownBy(() -> Fixtures.builder().dataSource(new JdbcDataSource()).dialect(Dialect.H2)
                .dueWorkNotifications().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("needs PostgreSQL");
    }

    @Test
    void anH2DataSourceWithNotificationsFailsTheFirstOperation(@TempDir Path dir) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(Fixtures.h2Url(dir.resolve("webhooks")));
        try (JdbcWebhookStore detected = Fixtures.builder().dataSource(h2).dueWorkNotifications().build()) {
            assertThatThrownBy(() -> detected.onDueWork(() -> { }))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("the database is H2");
        }
    }

    @Test
    void aStoreWithoutNotificationsNeverWakes() {
        try (JdbcWebhookStore plain = Fixtures.postgresStore()) {
            assertThat(plain.onDueWork(() -> { })).isSameAs(DueWorkSubscription.NONE);
        }
    }

    /** A connection of the test's own listening on the store's channel. */
    private Connection listen() throws SQLException {
        Connection connection = TestDatabases.postgres().getConnection();
        toClose.add(connection);
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + prefix + "due_work");
        }
        return connection;
    }

    /**
     * The store's notifications that reached the listening connection before a marker notified now
     * on a channel of the test's own: PostgreSQL queues notifications in commit order, so every one
     * of a write committed before the marker is among them, with no waiting for something not to come.
     */
    private List<PGNotification> notificationsSoFar(Connection listening) throws SQLException {
        String marker = prefix + "marker";
        try (Statement statement = listening.createStatement()) {
            statement.execute("LISTEN " + marker);
        }
        try (Connection other = TestDatabases.postgres().getConnection(); Statement statement = other.createStatement()) {
            statement.execute("NOTIFY " + marker);
        }
        List<PGNotification> received = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            PGNotification[] batch = listening.unwrap(PGConnection.class).getNotifications(1_000);
            for (PGNotification notification : batch == null ? new PGNotification[0] : batch) {
                if (notification.getName().equals(marker)) {
                    return received;
                }
                assertThat(notification.getName()).isEqualTo(prefix + "due_work");
                received.add(notification);
            }
        }
        throw new AssertionError("the marker notification did not arrive within " + WAIT);
    }

    private boolean listenerRunning() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals("migomail-webhooks-" + prefix + "due_work"));
    }

    private int listenerBackends() throws SQLException {
        try (Connection admin = TestDatabases.postgres().getConnection(); Statement statement = admin.createStatement();
                var rows = statement.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE query = 'LISTEN "
                        + prefix + "due_work'")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
