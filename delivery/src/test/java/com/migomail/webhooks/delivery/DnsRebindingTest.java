package com.migomail.webhooks.delivery;

import static com.migomail.webhooks.delivery.TestTenants.TENANT;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.DeliveryStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A hostile nameserver answers a public address first and loopback next. The check before every
 * attempt catches a second answer that points inside, whatever the transport; a transport that
 * connects only to {@link WebhookRequest#addresses()} is handed exactly the checked ones, so an
 * answer after the check cannot move it (the JDK transport cannot do that: see
 * {@code JdkHttpTransportTest} and {@code JavaNetHttpCannotPinTest}).
 */
class DnsRebindingTest extends SenderTestSupport {

    @Test
    void theCheckBeforeTheAttemptRefusesASecondAnswerThatPointsAtLoopback() {
        ScriptedResolver resolver = ScriptedResolver.answering("93.184.215.14", "127.0.0.1");
        WebhookSender sender = startedSender(b -> b.addressPolicy(EndpointAddressPolicy.publicHttpsOnly().withResolver(resolver)));
        sender.registerEndpoint(TENANT, EndpointRegistration.of("https://rebind.example:" + receiver.port() + "/hook", "*"));

        String deliveryId = sender.publish(TENANT, openedEvent()).deliveryIds().get(0);

        DeliveryAttempt attempt = awaitAttempts(deliveryId, 1).get(0);
        assertThat(attempt.errorClass()).isEqualTo(EndpointAddressRejectedException.class.getName());
        assertThat(attempt.errorMessage()).isEqualTo("address refused by policy: host resolves to a loopback address");
        assertThat(delivery(deliveryId).status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(receiver.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void theRefusalIsRecordedByTheKindOfAddressNotByTheAddressTheHostResolvedTo() {
        ScriptedResolver resolver = ScriptedResolver.answering("93.184.215.14", "93.184.215.14, 10.20.30.40");
        WebhookSender sender = startedSender(b -> b.addressPolicy(EndpointAddressPolicy.publicHttpsOnly().withResolver(resolver)));
        sender.registerEndpoint(TENANT, EndpointRegistration.of("https://rebind.example:6379/hook", "*"));

        String deliveryId = sender.publish(TENANT, openedEvent()).deliveryIds().get(0);

        DeliveryAttempt attempt = awaitAttempts(deliveryId, 1).get(0);
        assertThat(attempt.errorMessage()).isEqualTo("address refused by policy: host resolves to a private network address");
    }

    @Test
    void theTransportIsHandedExactlyTheAddressesThatWereCheckedAndNothingResolvesTheHostAgain() {
        ScriptedResolver resolver = ScriptedResolver.answering(
                "93.184.215.14", "2606:4700::6810:85e5, 93.184.215.15", "127.0.0.1");
        RecordingTransport transport = RecordingTransport.answering(204);
        WebhookSender sender = startedSender(b -> b.transport(transport)
                .addressPolicy(EndpointAddressPolicy.publicHttpsOnly().withResolver(resolver)));
        sender.registerEndpoint(TENANT, EndpointRegistration.of("https://rebind.example/hook", "*"));

        String deliveryId = sender.publish(TENANT, openedEvent()).deliveryIds().get(0);

        awaitStatus(deliveryId, DeliveryStatus.DELIVERED);
        assertThat(transport.requests()).singleElement().satisfies(request -> {
            assertThat(request.url()).hasToString("https://rebind.example/hook");
            assertThat(request.addresses()).containsExactly(
                    ScriptedResolver.literal("2606:4700::6810:85e5"), ScriptedResolver.literal("93.184.215.15"));
            assertThat(request.timeout()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(5));
        });
        assertThat(resolver.asked()).containsExactly("rebind.example", "rebind.example");
    }
}
