package com.migomail.webhooks.delivery;

import static com.migomail.webhooks.delivery.TestTenants.OTHER;
import static com.migomail.webhooks.delivery.TestTenants.TENANT;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.signing.WebhookVerifier;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.DeliveryQuery;
import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.EventQuery;
import com.migomail.webhooks.store.StoredEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link WebhookSender#sendTest}: one event, one delivery, to the named endpoint only, delivered as a publish is. */
class SendTestTest extends SenderTestSupport {

    private static final String UNKNOWN = "ep_01j8x4k7q3c9v2m5n8p0r6s1td";

    @Test
    void sendsTheEventToThatEndpointOnlyWhateverItSubscribesTo() {
        receiver.stubFor(post("/clicks").willReturn(ok()));
        receiver.stubFor(post("/all").willReturn(ok()));
        WebhookSender sender = startedSender(b -> b);
        RegisteredEndpoint clicks = sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/clicks"), "email.clicked"));
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/all"), "*"));
        WebhookEvent opened = openedEvent();

        PublishReceipt receipt = sender.sendTest(TENANT, clicks.id(), opened);

        assertThat(receipt.eventId()).isEqualTo(opened.id());
        assertThat(receipt.created()).isTrue();
        assertThat(receipt.deliveryIds()).hasSize(1);
        String deliveryId = receipt.deliveryIds().get(0);
        Delivery delivered = awaitStatus(deliveryId, DeliveryStatus.DELIVERED);
        assertThat(delivered.endpointId()).isEqualTo(clicks.id());
        assertThat(delivered.replay()).isFalse();
        List<LoggedRequest> requests = receiver.findAll(postRequestedFor(urlEqualTo("/clicks")));
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).getHeader("webhook-id")).isEqualTo(opened.id());
        WebhookVerifier verifier = WebhookVerifier.builder().key(clicks.key().encoded()).clock(clock).build();
        assertThatCode(() -> verifier.verify(DeliveryAttemptsTest.headersOf(requests.get(0)), requests.get(0).getBody()))
                .doesNotThrowAnyException();
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/all")))).isEmpty();
    }

    @Test
    void theTestEventShowsInTheLogWithItsOneDeliveryAndItsAttempt() {
        receiver.stubFor(post("/hook").willReturn(ok()));
        WebhookSender sender = startedSender(b -> b);
        String endpointId = sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "email.clicked")).id();
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/other"), "email.opened"));
        WebhookEvent opened = openedEvent();

        String deliveryId = sender.sendTest(TENANT, endpointId, opened).deliveryIds().get(0);
        awaitStatus(deliveryId, DeliveryStatus.DELIVERED);

        List<StoredEvent> events = sender.events(TENANT, EventQuery.between(clock.instant().minusSeconds(60),
                clock.instant().plusSeconds(60))).items();
        assertThat(events).extracting(StoredEvent::id, StoredEvent::type).containsExactly(tuple(opened.id(), "email.opened"));
        assertThat(sender.deliveries(TENANT, DeliveryQuery.all().withEvent(opened.id())).items())
                .extracting(Delivery::id, Delivery::endpointId).containsExactly(tuple(deliveryId, endpointId));
        assertThat(sender.attempts(TENANT, deliveryId)).extracting(DeliveryAttempt::number, DeliveryAttempt::statusCode)
                .containsExactly(tuple(1, 200));
        assertThat(sender.latestAttempt(TENANT, endpointId)).contains(sender.attempts(TENANT, deliveryId).get(0));
    }

    @Test
    void aTestEventThatFailsIsRetriedOnTheSendersSchedule() {
        receiver.stubFor(post("/hook").inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(serviceUnavailable()).willSetStateTo("up"));
        receiver.stubFor(post("/hook").inScenario("flaky").whenScenarioStateIs("up").willReturn(ok()));
        WebhookSender sender = startedSender(b -> b.retrySchedule(RetrySchedule.fixed(Duration.ofMinutes(2), 1)));
        String endpointId = sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "email.clicked")).id();
        Instant start = clock.instant();

        String deliveryId = sender.sendTest(TENANT, endpointId, openedEvent()).deliveryIds().get(0);
        awaitAttempts(deliveryId, 1);
        assertThat(delivery(deliveryId).nextAttemptAt()).isEqualTo(start.plus(Duration.ofMinutes(2)));
        clock.advance(Duration.ofMinutes(2));
        awaitStatus(deliveryId, DeliveryStatus.DELIVERED);

        assertThat(sender.attempts(TENANT, deliveryId)).extracting(DeliveryAttempt::startedAt, DeliveryAttempt::statusCode)
                .containsExactly(tuple(start, 503), tuple(start.plus(Duration.ofMinutes(2)), 200));
    }

    @Test
    void aDisabledEndpointIsRefusedAndNothingIsStored() {
        WebhookSender sender = startedSender(b -> b);
        String endpointId = sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*")).id();
        sender.disableEndpoint(TENANT, endpointId, "maintenance");
        WebhookEvent opened = openedEvent();

        assertThatThrownBy(() -> sender.sendTest(TENANT, endpointId, opened))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("endpoint " + endpointId + " is disabled: enable it to send a test event");
        assertThat(store.event(TENANT, opened.id())).isEmpty();
    }

    @Test
    void anUnknownEndpointAndAnotherTenantsAreRefusedAlike() {
        WebhookSender sender = startedSender(b -> b);
        String theirs = sender.registerEndpoint(OTHER, EndpointRegistration.of(url("/hook"), "*")).id();
        WebhookEvent opened = openedEvent();

        assertThatThrownBy(() -> sender.sendTest(TENANT, UNKNOWN, opened))
                .isInstanceOf(UnknownIdException.class)
                .hasMessage("endpoint not found: " + UNKNOWN);
        assertThatThrownBy(() -> sender.sendTest(TENANT, theirs, opened))
                .isInstanceOf(UnknownIdException.class)
                .hasMessage("endpoint not found: " + theirs);
        assertThat(store.event(TENANT, opened.id())).isEmpty();
        assertThat(store.event(OTHER, opened.id())).isEmpty();
    }

    @Test
    void aClosedSenderRefusesATestSendAsItRefusesAPublish() {
        WebhookSender sender = startedSender(b -> b);
        String endpointId = sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*")).id();
        sender.close();

        assertThatThrownBy(() -> sender.sendTest(TENANT, endpointId, openedEvent()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("sender is closed");
    }
}
