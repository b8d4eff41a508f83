package com.migomail.webhooks.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryQuery;
import com.migomail.webhooks.store.EventQuery;
import com.migomail.webhooks.store.WebhookStore;
import com.migomail.webhooks.store.testkit.WebhookStoreContract;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The store contract on PostgreSQL in the layout partitioned by event day: the same tests as the
 * single tables pass, but for retention, which drops whole days (see
 * {@link PartitionedRetentionTest}); there the single-table tests are replaced by whole-day ones.
 */
class PostgresqlPartitionedStoreContractTest extends WebhookStoreContract {

    @Override
    protected WebhookStore newStore() {
        return Fixtures.builder().dataSource(TestDatabases.postgres()).tablePrefix(TestDatabases.freshPrefix())
                .partitionedByEventDay().build();
    }

    @Override
    protected WebhookStore sameDataStore(WebhookStore store) {
        return Fixtures.builder().dataSource(TestDatabases.postgres())
                .tablePrefix(((JdbcWebhookStore) store).tablePrefix()).partitionedByEventDay().build();
    }

    /** A time on the n-th day after the fixtures' first, at the hour T0 has. */
    private static Instant day(int n) {
        return T0.plus(Duration.ofDays(n));
    }

    /** The start (UTC midnight) of the n-th day after T0's. */
    private static Instant startOfDay(int n) {
        return day(n).truncatedTo(ChronoUnit.DAYS);
    }

    private static List<String> ids(int... numbers) {
        return java.util.Arrays.stream(numbers).mapToObj(n -> eventId(n)).toList();
    }

    @Test
    @Override
    protected void purgeDeletesEventsBeforeTheCutoffWithTheirDeliveriesAndAttempts() {
        givenEndpoints(EP1);
        String deliveredId = givenEvent(event(eventId(10), day(0)), EP1).deliveries().get(0).id();
        givenDelivered(deliveredId, day(0).plusSeconds(1));
        store.append(event(eventId(20), day(1)), List.of(skippedTo(EP1)));
        givenFailed(givenEvent(event(eventId(30), day(2)), EP1).deliveries().get(0).id(), day(2).plusSeconds(1));
        store.append(event(eventId(40), day(3)), List.of());
        String keptId = store.append(event(eventId(50), day(4)), List.of(skippedTo(EP1))).deliveries().get(0).id();

        // Day 3 is not over at the cutoff: kept whole, though its event is before the cutoff.
        assertThat(store.purgeEventsBefore(day(3).plusSeconds(1), 100)).isEqualTo(3);

        assertThat(allEventIds(EventQuery.between(day(-1), day(5)))).isEqualTo(ids(40, 50));
        assertThat(store.event(TENANT, eventId(10))).isEmpty();
        assertThat(store.delivery(TENANT, deliveredId)).isEmpty();
        assertThat(store.attempts(TENANT, deliveredId)).isEmpty();
        assertThat(allDeliveryIds(DeliveryQuery.all())).containsExactly(keptId);
    }

    @Test
    @Override
    protected void purgeKeepsEventsThatStillHaveAPendingDelivery() {
        givenEndpoints(EP1, EP2);
        List<Delivery> mixed = givenEvent(event(eventId(10), day(0)), EP1, EP2).deliveries();
        givenDelivered(mixed.get(0).id(), day(0).plusSeconds(1));
        store.append(event(eventId(11), day(0).plusSeconds(5)), List.of(skippedTo(EP1)));
        String retrying = givenEvent(event(eventId(20), day(1)), EP1).deliveries().get(0).id();
        claimed(retrying, NODE_A, day(1).plusSeconds(1));
        store.append(event(eventId(40), day(2)), List.of(skippedTo(EP1)));

        // Days 0 and 1 each hold a pending delivery: kept whole, the finished event of day 0 too.
        assertThat(store.purgeEventsBefore(day(5), 100)).isEqualTo(1);

        assertThat(allEventIds(EventQuery.between(day(-1), day(5)))).isEqualTo(ids(10, 11, 20));
        assertThat(allDeliveryIds(DeliveryQuery.all().withEvent(eventId(10)))).hasSize(2);
    }

    @Test
    @Override
    protected void purgeDeletesInBatchesOldestFirst() {
        givenEndpoints(EP1);
        for (int second = 10; second <= 30; second += 10) {
            store.append(event(eventId(second), day(0).plusSeconds(second)), List.of(skippedTo(EP1)));
            store.append(event(eventId(100 + second), day(1).plusSeconds(second)), List.of(skippedTo(EP1)));
        }

        // Whole days, whatever the batch size: day 0 goes at once, day 1 stays until it is over.
        assertThat(store.purgeEventsBefore(startOfDay(1).plusSeconds(1), 1)).isEqualTo(3);
        assertThat(allEventIds(EventQuery.between(day(-1), day(5)))).isEqualTo(ids(110, 120, 130));
        assertThat(store.purgeEventsBefore(day(1).plusSeconds(25), 1)).isZero();
        assertThat(store.purgeEventsBefore(startOfDay(2), 1)).isEqualTo(3);
        assertThat(store.purgeEventsBefore(startOfDay(2), 1)).isZero();
        assertThat(allEventIds(EventQuery.between(day(-1), day(5)))).isEmpty();
    }
}
