package com.migomail.webhooks.delivery;

import static com.migomail.webhooks.delivery.TestTenants.TENANT;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.signing.WebhookVerifier;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.DeliveryStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplayTest extends SenderTestSupport {

    @Test
    void replaysOneEventWithTheSameBodyAndIdSignedAfresh() {
        receiver.stubFor(post("/hook").willReturn(ok()));
        WebhookSender sender = startedSender(b -> b);
        RegisteredEndpoint endpoint = sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));
        WebhookEvent event = openedEvent();
        String deliveryId = sender.publish(TENANT, event).deliveryIds().get(0);
        awaitStatus(deliveryId, DeliveryStatus.DELIVERED);
        clock.advance(Duration.ofHours(2));

        ReplayReceipt receipt = sender.replay(TENANT, event.id());

        assertThat(receipt.deliveryIds()).containsExactly(deliveryId);
        await().atMost(WAIT).until(() -> store.attempts(TENANT, deliveryId).size() == 2
                && delivery(deliveryId).status() == DeliveryStatus.DELIVERED);
        List<LoggedRequest> requests = receiver.findAll(postRequestedFor(urlEqualTo("/hook")));
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).getBody()).isEqualTo(requests.get(0).getBody());
        assertThat(requests.get(1).getHeader("webhook-id")).isEqualTo(event.id());
        assertThat(requests.get(1).getHeader("webhook-timestamp"))
                .isEqualTo(String.valueOf(clock.instant().getEpochSecond()));
        WebhookVerifier verifier = WebhookVerifier.builder().key(endpoint.key().encoded()).clock(clock).build();
        assertThatCode(() -> verifier.verify(DeliveryAttemptsTest.headersOf(requests.get(1)), requests.get(1).getBody()))
                .doesNotThrowAnyException();
        assertThat(store.attempts(TENANT, deliveryId)).extracting(DeliveryAttempt::number).containsExactly(1, 2);
        assertThat(delivery(deliveryId).replay()).isTrue();
    }

    @Test
    void replaysOneEventToOneEndpointEvenWithoutAnEarlierDelivery() {
        receiver.stubFor(post("/hook").willReturn(ok()));
        receiver.stubFor(post("/late").willReturn(ok()));
        WebhookSender sender = startedSender(b -> b);
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));
        WebhookEvent event = openedEvent();
        sender.publish(TENANT, event);
        String late = sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/late"), "*")).id();

        ReplayReceipt receipt = sender.replay(TENANT, event.id(), late);

        assertThat(receipt.count()).isEqualTo(1);
        awaitStatus(receipt.deliveryIds().get(0), DeliveryStatus.DELIVERED);
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/late")))).hasSize(1);
    }

    @Test
    void replayingAnUnknownEventIsATypedError() {
        WebhookSender sender = startedSender(b -> b);

        assertThatThrownBy(() -> sender.replay(TENANT, "evt_01j8x4k7q3c9v2m5n8p0r6s1td"))
                .isInstanceOf(UnknownIdException.class)
                .hasMessage("event not found: evt_01j8x4k7q3c9v2m5n8p0r6s1td");
    }

    @Test
    void replayingAnEventToAnUnknownEndpointIsATypedError() {
        WebhookSender sender = startedSender(b -> b);
        WebhookEvent event = openedEvent();
        sender.publish(TENANT, event);

        assertThatThrownBy(() -> sender.replay(TENANT, event.id(), "ep_01j8x4k7q3c9v2m5n8p0r6s1td"))
                .isInstanceOf(UnknownIdException.class)
                .hasMessage("endpoint not found: ep_01j8x4k7q3c9v2m5n8p0r6s1td");
    }

    @Test
    void replayingAnUnknownEventToAnEndpointIsATypedError() {
        WebhookSender sender = startedSender(b -> b);
        String endpointId = sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*")).id();

        assertThatThrownBy(() -> sender.replay(TENANT, "evt_01j8x4k7q3c9v2m5n8p0r6s1td", endpointId))
                .isInstanceOf(UnknownIdException.class)
                .hasMessage("event not found: evt_01j8x4k7q3c9v2m5n8p0r6s1td");
    }

    @Test
    void aRangeReplayNamingAnUnknownEndpointIsATypedErrorAndSchedulesNothing() {
        receiver.stubFor(post("/hook").willReturn(ok()));
        WebhookSender sender = startedSender(b -> b);
        String endpointId = sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*")).id();
        Instant from = clock.instant();
        String deliveryId = sender.publish(TENANT, openedEvent()).deliveryIds().get(0);
        awaitStatus(deliveryId, DeliveryStatus.DELIVERED);

        assertThatThrownBy(() -> sender.replay(TENANT, ReplayRequest.between(from, from.plusSeconds(1))
                .withEndpoints(Set.of(endpointId, "ep_01j8x4k7q3c9v2m5n8p0r6s1td"))))
                .isInstanceOf(UnknownIdException.class)
                .hasMessage("endpoint not found: ep_01j8x4k7q3c9v2m5n8p0r6s1td");
        assertThat(delivery(deliveryId).status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(delivery(deliveryId).replay()).isFalse();
    }

    @Test
    void anEventWithoutDeliveriesIsReplayedToNoOne() {
        WebhookSender sender = startedSender(b -> b);
        WebhookEvent event = openedEvent();
        sender.publish(TENANT, event);

        ReplayReceipt receipt = sender.replay(TENANT, event.id());

        assertThat(receipt.count()).isZero();
        assertThat(receipt.lastDueAt()).isNull();
    }

    @Test
    void replaysOnlyTheFailedDeliveriesOfARangePacedInBatches() {
        receiver.stubFor(post("/ok").willReturn(ok()));
        receiver.stubFor(post("/broken").willReturn(serverError()));
        WebhookSender sender = startedSender(b -> b.retrySchedule(RetrySchedule.none())
                .replayBatch(2, Duration.ofMinutes(1)));
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/ok"), "*"));
        String broken = sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/broken"), "*")).id();
        Instant from = clock.instant();
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            for (String id : sender.publish(TENANT, openedEvent()).deliveryIds()) {
                if (delivery(id).endpointId().equals(broken)) {
                    failed.add(awaitStatus(id, DeliveryStatus.FAILED).id());
                }
            }
            clock.advance(Duration.ofSeconds(10));
        }
        receiver.stubFor(post("/broken").willReturn(ok()));

        ReplayReceipt receipt = sender.replay(TENANT, ReplayRequest.between(from, clock.instant()).onlyFailedOrSkipped());

        assertThat(receipt.deliveryIds()).containsExactlyElementsOf(failed);
        assertThat(receipt.lastDueAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
        awaitStatus(failed.get(0), DeliveryStatus.DELIVERED);
        awaitStatus(failed.get(1), DeliveryStatus.DELIVERED);
        assertThat(delivery(failed.get(2)).status()).isEqualTo(DeliveryStatus.PENDING);
        clock.advance(Duration.ofMinutes(1));
        awaitStatus(failed.get(2), DeliveryStatus.DELIVERED);
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/ok")))).hasSize(3);
    }

    @Test
    void replaysARangeToANamedEndpointOfSomeTypesOnly() {
        receiver.stubFor(post("/hook").willReturn(ok()));
        WebhookSender sender = startedSender(b -> b);
        Instant from = clock.instant();
        WebhookEvent event = openedEvent();
        sender.publish(TENANT, event);
        String late = sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "email.*")).id();

        assertThat(sender.replay(TENANT, ReplayRequest.between(from, from.plusSeconds(1))
                .withTypes(Set.of("email.clicked")).withEndpoints(Set.of(late))).count()).isZero();
        ReplayReceipt receipt = sender.replay(TENANT, ReplayRequest.between(from, from.plusSeconds(1))
                .withTypes(Set.of("email.opened")).withEndpoints(Set.of(late)));

        assertThat(receipt.count()).isEqualTo(1);
        awaitStatus(receipt.deliveryIds().get(0), DeliveryStatus.DELIVERED);
    }

    @Test
    void aFailingReplayDoesNotCountAgainstEndpointHealth() {
        receiver.stubFor(post("/hook").willReturn(ok()));
        WebhookSender sender = startedSender(b -> b.retrySchedule(RetrySchedule.none()));
        String endpointId = sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*")).id();
        WebhookEvent event = openedEvent();
        String deliveryId = sender.publish(TENANT, event).deliveryIds().get(0);
        awaitStatus(deliveryId, DeliveryStatus.DELIVERED);
        receiver.stubFor(post("/hook").willReturn(serverError()));

        sender.replay(TENANT, event.id());

        await().atMost(WAIT).until(() -> delivery(deliveryId).status() == DeliveryStatus.FAILED);
        assertThat(sender.endpoint(TENANT, endpointId).orElseThrow().failingSince()).isNull();
    }
}
