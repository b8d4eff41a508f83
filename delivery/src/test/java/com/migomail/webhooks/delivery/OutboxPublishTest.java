package com.migomail.webhooks.delivery;

import static com.migomail.webhooks.delivery.TestTenants.TENANT;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.migomail.webhooks.core.EventCodec;
import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.store.AppendResult;
import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.NewDelivery;
import com.migomail.webhooks.store.StoredEvent;
import com.migomail.webhooks.store.WebhookStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code publish(event, appender)}: the transactional outbox through the sender. */
class OutboxPublishTest extends SenderTestSupport {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopExecutors() {
        scheduler.shutdownNow();
        executor.shutdownNow();
    }

    @Test
    void buildsTheSameBodyAndFanOutAsPublishAndTheCommittedEventIsDeliveredByThePoller() {
        receiver.stubFor(post("/hook").willReturn(ok()));
        WebhookSender sender = startedSender(b -> b);
        String opened = sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "email.opened")).id();
        String paused = sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*")).id();
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/other"), "campaign.sent"));
        sender.disableEndpoint(TENANT, paused, "paused");
        StagedTransaction transaction = new StagedTransaction(store);
        WebhookEvent event = openedEvent();

        PublishReceipt receipt = sender.publish(TENANT, event, transaction);
        transaction.commit();

        StoredEvent written = transaction.events.get(0);
        assertThat(written).isEqualTo(new StoredEvent(event.id(), TENANT, "email.opened", event.timestamp(), clock.instant(),
                new String(EventCodec.write(event), StandardCharsets.UTF_8), written.subscriberKey()));
        assertThat(written.subscriberKey()).hasSize(43).doesNotContainIgnoringCase("jane");
        assertThat(transaction.deliveries.get(0)).extracting(NewDelivery::endpointId, NewDelivery::status)
                .containsExactly(tuple(opened, DeliveryStatus.PENDING),
                        tuple(paused, DeliveryStatus.SKIPPED));
        assertThat(receipt).isEqualTo(new PublishReceipt(event.id(),
                transaction.deliveries.get(0).stream().map(NewDelivery::id).toList(), true));
        awaitStatus(receipt.deliveryIds().get(0), DeliveryStatus.DELIVERED);
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/hook"))))
                .singleElement().satisfies(request -> {
                    assertThat(request.getHeader("webhook-id")).isEqualTo(event.id());
                    assertThat(request.getBody()).isEqualTo(EventCodec.write(event));
                });
        assertThat(delivery(receipt.deliveryIds().get(1)).status()).isEqualTo(DeliveryStatus.SKIPPED);
    }

    @Test
    void doesNotHandTheDeliveriesToTheDispatcherSinceTheCallerHasNotCommitted() throws Exception {
        receiver.stubFor(post("/hook").willReturn(ok()));
        WebhookSender sender = startedSender(b -> b.pollInterval(Duration.ofHours(1))
                .scheduler(scheduler).executor(executor));
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));
        drain(scheduler);   // the start-up poll has been requested...
        drain(executor);    // ...and has run; the next one is an hour away

        String deliveryId = sender.publish(TENANT, openedEvent(), store::append).deliveryIds().get(0);
        drain(executor);    // a fast-path claim would have run by now

        assertThat(delivery(deliveryId).leaseOwner()).isNull();
        assertThat(delivery(deliveryId).status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(store.attempts(TENANT, deliveryId)).isEmpty();
        assertThat(receiver.getAllServeEvents()).isEmpty();
    }

    @Test
    void aRolledBackPublishStoresAndSendsNothing() {
        receiver.stubFor(post("/hook").willReturn(ok()));
        WebhookSender sender = startedSender(b -> b);
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));
        StagedTransaction transaction = new StagedTransaction(store);
        WebhookEvent event = openedEvent();

        PublishReceipt receipt = sender.publish(TENANT, event, transaction);
        transaction.rollback();
        String committed = sender.publish(TENANT, openedEvent()).deliveryIds().get(0);

        awaitStatus(committed, DeliveryStatus.DELIVERED);
        assertThat(store.event(TENANT, event.id())).isEmpty();
        assertThat(store.delivery(TENANT, receipt.deliveryIds().get(0))).isEmpty();
        await().during(Duration.ofMillis(200)).atMost(WAIT)
                .until(() -> receiver.getAllServeEvents().size() == 1);
    }

    @Test
    void whatTheAppenderThrowsReachesTheCaller() {
        WebhookSender sender = sender(b -> b);
        IllegalStateException failure = new IllegalStateException("connection is closed");

        assertThatThrownBy(() -> sender.publish(TENANT, openedEvent(), (e, d) -> {
            throw failure;
        })).isSameAs(failure);
    }

    @Test
    void rejectsAnAppenderThatReturnsNothing() {
        WebhookSender sender = sender(b -> b);
        WebhookEvent event = openedEvent();

        assertThatThrownBy(() -> sender.publish(TENANT, event, (e, d) -> null))
                .isInstanceOf(WebhookDeliveryException.class)
                .hasMessage("appender returned no AppendResult for event " + event.id());
    }

    @Test
    void rejectsNullsAndPublishingAfterClose() {
        WebhookSender sender = sender(b -> b);

        assertThatThrownBy(() -> sender.publish(TENANT, null, store::append))
                .isInstanceOf(NullPointerException.class).hasMessage("event cannot be null");
        assertThatThrownBy(() -> sender.publish(TENANT, openedEvent(), null))
                .isInstanceOf(NullPointerException.class).hasMessage("appender cannot be null");
        sender.close();
        assertThatThrownBy(() -> sender.publish(TENANT, openedEvent(), store::append))
                .isInstanceOf(IllegalStateException.class).hasMessage("sender is closed");
    }

    /** Waits until every task queued so far on a single-threaded executor has run. */
    private static void drain(ExecutorService singleThread) throws InterruptedException, ExecutionException, TimeoutException {
        singleThread.submit(() -> { }).get(10, TimeUnit.SECONDS);
    }

    /**
     * A stand-in for the caller's database transaction: the append is written to a scratch store
     * (so it can answer as a store would) and reaches the sender's store only on commit.
     */
    private static final class StagedTransaction implements EventAppender {
        private final WebhookStore target;
        final List<StoredEvent> events = new ArrayList<>();
        final List<List<NewDelivery>> deliveries = new ArrayList<>();

        StagedTransaction(WebhookStore target) {
            this.target = target;
        }

        @Override
        public AppendResult append(StoredEvent event, List<NewDelivery> newDeliveries) {
            events.add(event);
            deliveries.add(newDeliveries);
            // What a store would report for a new event, without writing it before the commit.
            return new AppendResult(true, event, newDeliveries.stream().map(d -> d.toDelivery(event)).toList());
        }

        void commit() {
            for (int i = 0; i < events.size(); i++) {
                target.append(events.get(i), deliveries.get(i));
            }
        }

        void rollback() {
            events.clear();
            deliveries.clear();
        }
    }
}
