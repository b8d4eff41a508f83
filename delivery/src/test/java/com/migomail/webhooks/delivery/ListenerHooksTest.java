package com.migomail.webhooks.delivery;

import static com.migomail.webhooks.delivery.TestTenants.OTHER;
import static com.migomail.webhooks.delivery.TestTenants.TENANT;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.DeliveryOutcome;
import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.StoreException;
import com.migomail.webhooks.store.StoredEvent;
import com.migomail.webhooks.store.WebhookStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ListenerHooksTest extends SenderTestSupport {

    /** Writes down each call it hears, as "method deliveryOrEventId [detail]". */
    private static final class Recorder implements DeliveryListener {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void onPublished(StoredEvent event, List<Delivery> deliveries) {
            calls.add("published " + event.id() + " " + deliveries.stream().map(Delivery::status).toList());
        }

        @Override
        public void onAttemptStarted(Delivery delivery) {
            calls.add("started " + delivery.id());
        }

        @Override
        public void onAttempt(Delivery delivery, DeliveryAttempt attempt, DeliveryOutcome outcome) {
            calls.add("attempt " + delivery.id() + " " + outcome.status());
        }

        @Override
        public void onDelivered(Delivery delivery, DeliveryAttempt attempt) {
            calls.add("delivered " + delivery.id());
        }

        @Override
        public void onAttemptEnded(Delivery delivery, boolean recorded) {
            calls.add("ended " + delivery.id() + " " + (recorded ? "recorded" : "unrecorded"));
        }

        /**
         * The calls but the publish's: the poller may claim a delivery as soon as the store has it, so
         * its attempt can be reported before the publish is.
         */
        List<String> attemptCalls() {
            return calls.stream().filter(call -> !call.startsWith("published ")).toList();
        }
    }

    @Test
    void onPublishedHearsANewEventWithItsDeliveriesOnceAndNotItsRepublishing() {
        Recorder recorder = new Recorder();
        WebhookSender sender = sender(b -> b.listener(recorder));
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/a"), "*"));
        String off = sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/b"), "*")).endpoint().id();
        sender.disableEndpoint(TENANT, off, "paused");
        WebhookEvent event = openedEvent();

        sender.publish(TENANT, event);
        sender.publish(TENANT, event);

        assertThat(recorder.calls).containsExactly("published " + event.id() + " [PENDING, SKIPPED]");
    }

    @Test
    void eachStartedAttemptEndsOnceAfterItsRecordedOutcome() {
        receiver.stubFor(post("/hook").willReturn(ok()));
        Recorder recorder = new Recorder();
        WebhookSender sender = startedSender(b -> b.listener(recorder));
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));
        WebhookEvent event = openedEvent();
        String id = sender.publish(TENANT, event).deliveryIds().get(0);

        await().atMost(WAIT).until(() -> recorder.calls.contains("ended " + id + " recorded"));
        assertThat(recorder.calls).contains("published " + event.id() + " [PENDING]");
        assertThat(recorder.attemptCalls()).containsExactly("started " + id, "attempt " + id + " DELIVERED",
                "delivered " + id, "ended " + id + " recorded");
    }

    @Test
    void anAttemptWhoseOutcomeCouldNotBeRecordedEndsUnrecorded() {
        receiver.stubFor(post("/hook").willReturn(ok()));
        Recorder recorder = new Recorder();
        WebhookSender sender = startedSender(b -> b.store(failingToRecord(store)).listener(recorder));
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));
        String id = sender.publish(TENANT, openedEvent()).deliveryIds().get(0);

        await().atMost(WAIT).until(() -> recorder.calls.contains("ended " + id + " unrecorded"));
        assertThat(recorder.attemptCalls())
                .containsExactly("started " + id, "ended " + id + " unrecorded");
    }

    @Test
    void anAttemptStillInFlightWhenTheSenderClosesHasEndedUnrecordedWithItsSpanCancelledWhenCloseReturns() {
        receiver.stubFor(post("/hook").willReturn(ok().withFixedDelay(1000)));
        Recorder recorder = new Recorder();
        DeliveryTracerTest.RecordingTracer tracer = new DeliveryTracerTest.RecordingTracer(Map.of());
        WebhookSender sender = startedSender(b -> b.listener(recorder).tracer(tracer).shutdownTimeout(Duration.ZERO));
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));
        String id = sender.publish(TENANT, openedEvent()).deliveryIds().get(0);
        await().atMost(WAIT).until(() -> tracer.started.size() == 1);

        sender.close();

        assertThat(recorder.attemptCalls())
                .containsExactly("started " + id, "ended " + id + " unrecorded");
        assertThat(tracer.ends).containsExactly("java.util.concurrent.CancellationException");
        // The answer that arrives after the close is heard by no one: each was ended once.
        await().during(Duration.ofMillis(1500)).atMost(WAIT)
                .until(() -> recorder.calls.size() == 3 && tracer.ends.size() == 1);
        assertThat(delivery(id).leaseOwner()).isNull();
    }

    @Test
    void dueDeliveriesCountsThePendingDeliveriesDueNowOfEveryTenant() {
        WebhookSender sender = sender(b -> b);
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/a"), "*"));
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/b"), "*"));
        sender.registerEndpoint(OTHER, EndpointRegistration.of(url("/c"), "*"));
        assertThat(sender.dueDeliveries()).isZero();

        sender.publish(TENANT, openedEvent());
        sender.publish(OTHER, openedEvent());

        assertThat(sender.dueDeliveries()).isEqualTo(3);
        clock.advance(Duration.ofHours(1));
        assertThat(sender.dueDeliveries()).isEqualTo(3);
        assertThat(store.deliveries(TENANT, com.migomail.webhooks.store.DeliveryQuery.all()).items())
                .extracting(Delivery::status).containsOnly(DeliveryStatus.PENDING);
    }

    /** The store, but recording an attempt always fails, as a database that went away would. */
    private static WebhookStore failingToRecord(WebhookStore delegate) {
        return (WebhookStore) Proxy.newProxyInstance(WebhookStore.class.getClassLoader(),
                new Class<?>[] {WebhookStore.class}, (proxy, method, args) -> {
                    if (method.getName().startsWith("recordAttempt")) {
                        throw new StoreException("database went away");
                    }
                    try {
                        return method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
