package com.migomail.webhooks.delivery;

import static com.migomail.webhooks.delivery.TestTenants.TENANT;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.migomail.webhooks.store.DeliveryStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** An attempt is sent only on a lease that outlasts it: the test clock runs out the lease mid-wait. */
class StaleLeaseTest extends SenderTestSupport {

    @Test
    void aDeliveryWhoseLeaseRanOutWhileItWaitedForDnsIsNeitherSentNorRecordedOnIt() {
        receiver.stubFor(post("/hook").willReturn(ok()));
        ScriptedResolver resolver = ScriptedResolver.answering("127.0.0.1");
        WebhookSender sender = startedSender(b -> b.leaseDuration(Duration.ofMinutes(1))
                .addressPolicy(EndpointAddressPolicy.allowLoopbackForTesting().withResolver(resolver)));
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));
        AtomicBoolean firstCheck = new AtomicBoolean(true);
        // The first attempt's lookup takes two minutes by the sender's clock: its one-minute lease is gone.
        resolver.onLookup(() -> {
            if (firstCheck.getAndSet(false)) {
                clock.advance(Duration.ofMinutes(2));
            }
        });
        Instant afterTheLookup = clock.instant().plus(Duration.ofMinutes(2));

        String deliveryId = sender.publish(TENANT, openedEvent()).deliveryIds().get(0);

        awaitStatus(deliveryId, DeliveryStatus.DELIVERED);
        // Sent once, by the next claim: not also on the stale lease, whose attempt could not be recorded.
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/hook")))).hasSize(1);
        assertThat(store.attempts(TENANT, deliveryId)).singleElement().satisfies(attempt -> {
            assertThat(attempt.number()).isEqualTo(1);
            assertThat(attempt.startedAt()).isEqualTo(afterTheLookup);
            assertThat(attempt.statusCode()).isEqualTo(200);
        });
    }
}
