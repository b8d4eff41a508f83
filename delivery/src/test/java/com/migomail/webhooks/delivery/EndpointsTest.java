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
import com.migomail.webhooks.signing.SigningKeyPair;
import com.migomail.webhooks.signing.WebhookVerificationException;
import com.migomail.webhooks.signing.WebhookSecret;
import com.migomail.webhooks.signing.WebhookVerifier;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.Endpoint;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class EndpointsTest extends SenderTestSupport {

    @Test
    void registersAnEndpointWithAGeneratedSecret() {
        WebhookSender sender = sender(b -> b);

        RegisteredEndpoint registered = sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "email.*", "campaign.sent")
                .withDescription("CRM sync").withMetadata(Map.of("team", "crm")));

        Endpoint endpoint = registered.endpoint();
        assertThat(endpoint.id()).startsWith("ep_");
        assertThat(endpoint.url()).isEqualTo(url("/hook"));
        assertThat(endpoint.eventTypes()).containsExactly("email.*", "campaign.sent");
        assertThat(endpoint.description()).isEqualTo("CRM sync");
        assertThat(endpoint.metadata()).isEqualTo(Map.of("team", "crm"));
        assertThat(endpoint.enabled()).isTrue();
        assertThat(registered.key().encoded()).startsWith("whsec_");
        assertThat(endpoint.secrets()).extracting(s -> s.key()).containsExactly(registered.key().encoded());
        assertThat(registered.toString()).doesNotContain(registered.key().encoded());
        assertThat(sender.endpoints(TENANT)).containsExactly(endpoint);
        assertThat(sender.endpoint(TENANT, endpoint.id())).contains(endpoint);
    }

    @Test
    void rejectsMalformedTypeFiltersAndUrls() {
        WebhookSender sender = sender(b -> b);

        assertThatThrownBy(() -> EndpointRegistration.of(url("/hook"), "email*"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("eventTypes: 'email*' is not a type name (email.opened), a family (email.*) or *");
        assertThatThrownBy(() -> EndpointRegistration.of(url("/hook")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("eventTypes cannot be empty (use \"*\" for all types)");
        assertThatThrownBy(() -> sender.registerEndpoint(TENANT, EndpointRegistration.of("/relative", "*")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("url must be an absolute URL with a host: /relative");
        assertThatThrownBy(() -> sender.registerEndpoint(TENANT, EndpointRegistration.of("http://user:pw@127.0.0.1/x", "*")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("url cannot carry user info (credentials)");
    }

    @Test
    void refusesToRegisterAPrivateAddressUnderTheDefaultPolicy() {
        WebhookSender sender = sender(b -> b.addressPolicy(EndpointAddressPolicy.publicHttpsOnly()
                .withResolver(host -> List.of(InetAddress.getByName("10.0.0.7")))));

        assertThatThrownBy(() -> sender.registerEndpoint(TENANT, EndpointRegistration.of("https://hooks.example.com/x", "*")))
                .isInstanceOf(EndpointAddressRejectedException.class)
                .hasMessage("endpoint URL https://hooks.example.com/x rejected: host hooks.example.com resolves to 10.0.0.7 (private network 10.0.0.0/8)");
        assertThat(sender.endpoints(TENANT)).isEmpty();
    }

    @Test
    void refusesPlainHttpUnderTheDefaultPolicy() {
        WebhookSender sender = WebhookSender.builder().store(store).build();
        try {
            assertThatThrownBy(() -> sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*")))
                    .isInstanceOf(EndpointAddressRejectedException.class)
                    .hasMessageEndingWith("scheme 'http' is not allowed (https only)");
        } finally {
            sender.close();
        }
    }

    @Test
    void checksTheAddressAgainBeforeEveryAttempt() throws Exception {
        AtomicReference<InetAddress> answer = new AtomicReference<>(InetAddress.getByName("93.184.215.14"));
        WebhookSender sender = startedSender(b -> b.addressPolicy(EndpointAddressPolicy.publicHttpsOnly()
                .withResolver(host -> List.of(answer.get()))));
        sender.registerEndpoint(TENANT, EndpointRegistration.of("https://hooks.example.com/x", "*"));
        answer.set(InetAddress.getByName("169.254.169.254"));

        String deliveryId = sender.publish(TENANT, openedEvent()).deliveryIds().get(0);

        DeliveryAttempt attempt = awaitAttempts(deliveryId, 1).get(0);
        assertThat(attempt.errorClass()).isEqualTo(EndpointAddressRejectedException.class.getName());
        // The endpoint's owner reads the log: it says what kind of address, not which.
        assertThat(attempt.errorMessage()).isEqualTo("address refused by policy: host resolves to a link-local address");
        assertThat(delivery(deliveryId).status()).isEqualTo(DeliveryStatus.PENDING);
    }

    @Test
    void rotationSignsWithBothSecretsDuringTheOverlapThenOnlyTheNewOne() {
        receiver.stubFor(post("/hook").willReturn(ok()));
        WebhookSender sender = startedSender(b -> b);
        RegisteredEndpoint original = sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));

        RegisteredEndpoint rotated = sender.rotateSecret(TENANT, original.id());

        assertThat(rotated.key().encoded()).isNotEqualTo(original.key().encoded());
        awaitStatus(sender.publish(TENANT, openedEvent()).deliveryIds().get(0), DeliveryStatus.DELIVERED);
        LoggedRequest during = lastRequest();
        assertThat(during.getHeader("webhook-signature").split(" ")).hasSize(2);
        assertThat(during.getHeader("X-Migomail-Signature").split(" ")).hasSize(2);
        assertThat(verifies(original.key().encoded(), during)).isTrue();
        assertThat(verifies(rotated.key().encoded(), during)).isTrue();

        clock.advance(Duration.ofHours(24));
        awaitStatus(sender.publish(TENANT, openedEvent()).deliveryIds().get(0), DeliveryStatus.DELIVERED);
        LoggedRequest after = lastRequest();
        assertThat(after.getHeader("webhook-signature").split(" ")).hasSize(1);
        assertThat(verifies(original.key().encoded(), after)).isFalse();
        assertThat(verifies(rotated.key().encoded(), after)).isTrue();
    }

    @Test
    void signsWithAnEd25519KeyPairWhenRegisteredWithOne() {
        receiver.stubFor(post("/hook").willReturn(ok()));
        WebhookSender sender = startedSender(b -> b);
        SigningKeyPair pair = SigningKeyPair.generate();
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*").withSigningKey(pair));

        awaitStatus(sender.publish(TENANT, openedEvent()).deliveryIds().get(0), DeliveryStatus.DELIVERED);

        LoggedRequest request = lastRequest();
        assertThat(request.getHeader("webhook-signature")).startsWith("v1a,");
        assertThat(verifies(pair.publicKey().encoded(), request)).isTrue();
    }

    @Test
    void aDisabledEndpointGetsSkippedDeliveriesThatCanBeReplayedAfterEnabling() {
        receiver.stubFor(post("/hook").willReturn(ok()));
        List<String> skipped = new CopyOnWriteArrayList<>();
        WebhookSender sender = startedSender(b -> b.listener(new DeliveryListener() {
            @Override
            public void onSkipped(com.migomail.webhooks.store.Delivery delivery) {
                skipped.add(delivery.id());
            }
        }));
        String endpointId = sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*")).id();
        Instant from = clock.instant();

        Endpoint disabled = sender.disableEndpoint(TENANT, endpointId, "maintenance");
        String deliveryId = sender.publish(TENANT, openedEvent()).deliveryIds().get(0);

        assertThat(disabled.enabled()).isFalse();
        assertThat(disabled.disabledReason()).isEqualTo("maintenance");
        assertThat(delivery(deliveryId).status()).isEqualTo(DeliveryStatus.SKIPPED);
        assertThat(skipped).containsExactly(deliveryId);
        Endpoint enabled = sender.enableEndpoint(TENANT, endpointId);
        assertThat(enabled.enabled()).isTrue();
        assertThat(enabled.disabledReason()).isNull();
        sender.replay(TENANT, ReplayRequest.between(from, clock.instant().plusSeconds(1))
                .withEndpoints(Set.of(endpointId)).withStatuses(Set.of(DeliveryStatus.SKIPPED)));
        awaitStatus(deliveryId, DeliveryStatus.DELIVERED);
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/hook")))).hasSize(1);
    }

    @Test
    void disablesAnEndpointThatFailsForTheWholeHealthPeriod() {
        receiver.stubFor(post("/hook").willReturn(serverError()));
        List<String> reasons = new CopyOnWriteArrayList<>();
        WebhookSender sender = startedSender(b -> b.endpointHealthPeriod(Duration.ofHours(1))
                .retrySchedule(RetrySchedule.fixed(Duration.ofMinutes(20), 10))
                .listener(new DeliveryListener() {
                    @Override
                    public void onEndpointDisabled(Endpoint endpoint, String reason) {
                        reasons.add(reason);
                    }
                }));
        Instant start = clock.instant();
        String endpointId = sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*")).id();
        String deliveryId = sender.publish(TENANT, openedEvent()).deliveryIds().get(0);

        for (int attempt = 1; attempt <= 3; attempt++) {
            awaitAttempts(deliveryId, attempt);
            assertThat(sender.endpoint(TENANT, endpointId).orElseThrow().enabled()).isTrue();
            clock.advance(Duration.ofMinutes(20));
        }
        awaitAttempts(deliveryId, 4);

        await().atMost(WAIT).until(() -> !sender.endpoint(TENANT, endpointId).orElseThrow().enabled());
        assertThat(sender.endpoint(TENANT, endpointId).orElseThrow().failingSince()).isEqualTo(start);
        assertThat(reasons).containsExactly("every attempt failed since " + start + " (health period PT1H)");
        clock.advance(Duration.ofMinutes(20));
        awaitStatus(deliveryId, DeliveryStatus.SKIPPED);
    }

    @Test
    void updatesUrlFiltersDescriptionAndMetadataKeepingKeys() {
        WebhookSender sender = sender(b -> b);
        RegisteredEndpoint registered = sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));

        Endpoint updated = sender.updateEndpoint(TENANT, registered.id(), EndpointRegistration.of(url("/v2"), "email.bounced")
                .withDescription("v2").withMetadata(Map.of("k", "v")));

        assertThat(updated.url()).isEqualTo(url("/v2"));
        assertThat(updated.eventTypes()).containsExactly("email.bounced");
        assertThat(updated.description()).isEqualTo("v2");
        assertThat(updated.metadata()).isEqualTo(Map.of("k", "v"));
        assertThat(updated.secrets()).isEqualTo(registered.endpoint().secrets());
        assertThatThrownBy(() -> sender.updateEndpoint(TENANT, registered.id(), EndpointRegistration.of("ftp://127.0.0.1/x", "*")))
                .isInstanceOf(EndpointAddressRejectedException.class);
    }

    @Test
    void operationsOnAnUnknownEndpointAreTypedErrors() {
        WebhookSender sender = sender(b -> b);

        assertThatThrownBy(() -> sender.rotateSecret(TENANT, "ep_01j8x4k7q3c9v2m5n8p0r6s1td"))
                .isInstanceOf(UnknownIdException.class)
                .hasMessage("endpoint not found: ep_01j8x4k7q3c9v2m5n8p0r6s1td");
        assertThatThrownBy(() -> sender.enableEndpoint(TENANT, "ep_01j8x4k7q3c9v2m5n8p0r6s1td"))
                .isInstanceOf(UnknownIdException.class);
    }

    @Test
    void aRotationThatWouldLeaveMoreKeysActiveThanARequestCarriesIsRefusedAndChangesNothing() {
        receiver.stubFor(post("/hook").willReturn(ok()));
        WebhookSender sender = startedSender(b -> b);
        RegisteredEndpoint original = sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));
        for (int i = 0; i < 9; i++) {
            sender.rotateSecret(TENANT, original.id());
        }

        assertThatThrownBy(() -> sender.rotateSecret(TENANT, original.id()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("endpoint " + original.id() + " would have 11 active keys, more than the 10 a"
                        + " request can be signed with: rotate with a shorter overlap, or wait until older keys expire");
        assertThat(sender.endpoint(TENANT, original.id()).orElseThrow().activeSecrets(clock.instant())).hasSize(10);
        awaitStatus(sender.publish(TENANT, openedEvent()).deliveryIds().get(0), DeliveryStatus.DELIVERED);
        assertThat(lastRequest().getHeader("webhook-signature").split(" ")).hasSize(10);

        RegisteredEndpoint retiring = sender.rotateSecret(TENANT, original.id(), WebhookSecret.generate(), Duration.ZERO);
        assertThat(retiring.endpoint().activeSecrets(clock.instant())).hasSize(1);
    }

    private LoggedRequest lastRequest() {
        List<LoggedRequest> requests = receiver.findAll(postRequestedFor(urlEqualTo("/hook")));
        return requests.get(requests.size() - 1);
    }

    private boolean verifies(String key, LoggedRequest request) {
        WebhookVerifier verifier = WebhookVerifier.builder().key(key).clock(clock).build();
        try {
            verifier.verify(DeliveryAttemptsTest.headersOf(request), request.getBody());
            return true;
        } catch (WebhookVerificationException e) {
            return false;
        }
    }
}
