package com.migomail.webhooks.store.jdbc;

import static com.migomail.webhooks.store.jdbc.Fixtures.T0;
import static com.migomail.webhooks.store.jdbc.Fixtures.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.migomail.webhooks.store.AppendResult;
import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.NewDelivery;
import com.migomail.webhooks.store.NotFoundException;
import com.migomail.webhooks.store.StoredEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A plain append on PostgreSQL is one statement (one round trip, which is also its commit), and
 * every other case is answered as the reading transaction answers it, including those whose values
 * that one statement could not bind or store.
 */
class PostgresqlAppendTest {

    private final RecordingDataSource recording = new RecordingDataSource(TestDatabases.postgres());
    private final JdbcWebhookStore store = Fixtures.withEndpoints(Fixtures.builder().dataSource(recording.dataSource())
            .tablePrefix(TestDatabases.freshPrefix()).build(), "ep_1", "ep_2");

    @Test
    void aPlainAppendIsOneStatement() {
        recording.take();

        AppendResult result = store.append(new StoredEvent("evt_1", TENANT, "email.sent", T0, T0, "{}"),
                List.of(new NewDelivery("dlv_1", "ep_1", DeliveryStatus.PENDING),
                        new NewDelivery("dlv_2", "ep_2", DeliveryStatus.PENDING)));

        assertThat(result.created()).isTrue();
        assertThat(recording.take()).singleElement().satisfies(statement -> assertThat(statement.sql())
                .startsWith("WITH valid AS"));
        assertThat(store.delivery(TENANT, "dlv_1")).isPresent();
        assertThat(store.delivery(TENANT, "dlv_2")).isPresent();
    }

    @Test
    void reAppendingAStoredIdWithABodyPostgresqlCannotStoreReturnsTheStoredEvent() {
        store.append(new StoredEvent("evt_1", TENANT, "email.sent", T0, T0, "{}"), Fixtures.pendingTo("dlv_1", "ep_1"));

        AppendResult again = store.append(new StoredEvent("evt_1", TENANT, "email.sent", T0, T0, "{\"a\":\"\u0000\"}"),
                Fixtures.pendingTo("dlv_9", "ep_1"));

        assertThat(again.created()).isFalse();
        assertThat(again.event().body()).isEqualTo("{}");
        assertThat(again.deliveries()).extracting(delivery -> delivery.id()).containsExactly("dlv_1");
    }

    @Test
    void reAppendingAStoredIdWithATimeTheStoreCannotHoldReturnsTheStoredEvent() {
        store.append(new StoredEvent("evt_1", TENANT, "email.sent", T0, T0, "{}"), Fixtures.pendingTo("dlv_1", "ep_1"));
        Instant farFuture = Instant.parse("2300-01-01T00:00:00Z");

        AppendResult again = store.append(new StoredEvent("evt_1", TENANT, "email.sent", farFuture, T0, "{}"),
                Fixtures.pendingTo("dlv_9", "ep_1"));

        assertThat(again.created()).isFalse();
        assertThat(again.event().timestamp()).isEqualTo(T0);
    }

    @Test
    void aDeliveryToAnUnknownEndpointWithSuchABodyIsRefusedAsNotFoundAndWritesNothing() {
        assertThatThrownBy(() -> store.append(new StoredEvent("evt_1", TENANT, "email.sent", T0, T0,
                "{\"a\":\"\u0000\"}"), Fixtures.pendingTo("dlv_1", "ep_unknown")))
                .isInstanceOf(NotFoundException.class);

        assertThat(store.event(TENANT, "evt_1")).isEmpty();
    }
}
