package com.migomail.webhooks.delivery;

import static com.migomail.webhooks.delivery.TestTenants.TENANT;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.migomail.webhooks.store.DeliveryStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DispatchTest extends SenderTestSupport {

    @Test
    void sendsAJustPublishedDeliveryWithoutWaitingForThePoller() {
        receiver.stubFor(post("/hook").willReturn(ok()));
        WebhookSender sender = startedSender(b -> b.pollInterval(Duration.ofHours(1)));
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));

        String deliveryId = sender.publish(TENANT, openedEvent()).deliveryIds().get(0);

        awaitStatus(deliveryId, DeliveryStatus.DELIVERED);
    }

    @Test
    void drainsABacklogBeyondTheConcurrencyLimitWithoutWaitingForPollTicks() {
        receiver.stubFor(post("/hook").willReturn(ok()));
        WebhookSender sender = startedSender(b -> b.pollInterval(Duration.ofHours(1)).maxConcurrencyPerEndpoint(2));
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));
        List<String> deliveryIds = new ArrayList<>();

        for (int i = 0; i < 30; i++) {
            deliveryIds.addAll(sender.publish(TENANT, openedEvent()).deliveryIds());
        }

        await().atMost(WAIT).until(() -> deliveryIds.stream()
                .allMatch(id -> delivery(id).status() == DeliveryStatus.DELIVERED));
    }

    @Test
    void deliversWhatWasPublishedBeforeStart() {
        receiver.stubFor(post("/hook").willReturn(ok()));
        WebhookSender sender = sender(b -> b);
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));
        String deliveryId = sender.publish(TENANT, openedEvent()).deliveryIds().get(0);
        assertThat(delivery(deliveryId).status()).isEqualTo(DeliveryStatus.PENDING);

        sender.start();

        awaitStatus(deliveryId, DeliveryStatus.DELIVERED);
    }

    @Test
    void aSlowEndpointDoesNotDelayDeliveriesToAFastOne() {
        receiver.stubFor(post("/slow").willReturn(ok().withFixedDelay(3_000)));
        receiver.stubFor(post("/fast").willReturn(ok()));
        WebhookSender sender = startedSender(b -> b.maxConcurrency(8).maxConcurrencyPerEndpoint(2)
                .attemptTimeout(Duration.ofSeconds(10)));
        String slow = sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/slow"), "*")).id();
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/fast"), "*"));
        List<String> slowDeliveries = new ArrayList<>();
        List<String> fastDeliveries = new ArrayList<>();

        for (int i = 0; i < 6; i++) {
            for (String deliveryId : sender.publish(TENANT, openedEvent()).deliveryIds()) {
                (delivery(deliveryId).endpointId().equals(slow) ? slowDeliveries : fastDeliveries).add(deliveryId);
            }
        }

        // Every fast delivery is done before the first slow response (held 3 s) has even arrived.
        await().atMost(WAIT).until(() -> fastDeliveries.stream()
                .allMatch(id -> delivery(id).status() == DeliveryStatus.DELIVERED));
        assertThat(slowDeliveries).filteredOn(id -> delivery(id).status() == DeliveryStatus.DELIVERED).isEmpty();
        assertThat(fastDeliveries).hasSize(6);
        await().atMost(WAIT).until(() -> slowDeliveries.stream()
                .filter(id -> delivery(id).status() == DeliveryStatus.DELIVERED).count() >= 2);
    }

    @Test
    void aNewSenderDeliversWhatAClosedOneLeftOutstanding() {
        receiver.stubFor(post("/hook").willReturn(ok().withFixedDelay(1_000)));
        WebhookSender first = startedSender(b -> b.maxConcurrencyPerEndpoint(1).shutdownTimeout(Duration.ZERO));
        first.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));
        List<String> deliveryIds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            deliveryIds.addAll(first.publish(TENANT, openedEvent()).deliveryIds());
        }
        await().atMost(WAIT).until(() -> receiver.getAllServeEvents().size() >= 1);

        first.close();

        assertThat(deliveryIds).allSatisfy(id -> {
            assertThat(delivery(id).status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(delivery(id).leaseOwner()).isNull();
        });
        receiver.stubFor(post("/hook").willReturn(ok()));
        startedSender(b -> b);
        await().atMost(WAIT).until(() -> deliveryIds.stream()
                .allMatch(id -> delivery(id).status() == DeliveryStatus.DELIVERED));
    }

    @Test
    void closeLetsInFlightAttemptsFinishWithinTheShutdownTimeout() {
        receiver.stubFor(post("/hook").willReturn(ok().withFixedDelay(300)));
        WebhookSender sender = startedSender(b -> b.shutdownTimeout(Duration.ofSeconds(5)));
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));
        String deliveryId = sender.publish(TENANT, openedEvent()).deliveryIds().get(0);
        await().atMost(WAIT).until(() -> receiver.getAllServeEvents().size() == 1);

        sender.close();

        assertThat(delivery(deliveryId).status()).isEqualTo(DeliveryStatus.DELIVERED);
    }

    @Test
    void publishAfterCloseIsRefused() {
        WebhookSender sender = startedSender(b -> b);
        sender.close();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sender.publish(TENANT, openedEvent()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("sender is closed");
    }

    @Test
    void anEventWithNoSubscribedEndpointIsStillStored() {
        WebhookSender sender = startedSender(b -> b);
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "campaign.*"));

        PublishReceipt receipt = sender.publish(TENANT, openedEvent());

        assertThat(receipt.deliveryIds()).isEmpty();
        assertThat(receipt.created()).isTrue();
        assertThat(store.event(TENANT, receipt.eventId())).isPresent();
    }

    @Test
    void publishingTheSameEventTwiceStoresItOnce() {
        receiver.stubFor(post("/hook").willReturn(ok()));
        WebhookSender sender = startedSender(b -> b);
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));
        var event = openedEvent();

        PublishReceipt first = sender.publish(TENANT, event);
        PublishReceipt second = sender.publish(TENANT, event);

        assertThat(second.created()).isFalse();
        assertThat(second.deliveryIds()).isEqualTo(first.deliveryIds());
        awaitStatus(first.deliveryIds().get(0), DeliveryStatus.DELIVERED);
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/hook")))).hasSize(1);
    }
}
