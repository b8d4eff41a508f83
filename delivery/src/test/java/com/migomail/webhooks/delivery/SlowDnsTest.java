package com.migomail.webhooks.delivery;

import static com.migomail.webhooks.delivery.TestTenants.OTHER;
import static com.migomail.webhooks.delivery.TestTenants.TENANT;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.DeliveryStatus;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Address checks run on threads of their own: a slow nameserver holds up only its own endpoint. */
class SlowDnsTest extends SenderTestSupport {
    private final ScriptedResolver resolver = ScriptedResolver.answering("127.0.0.1");
    private final EndpointAddressPolicy policy = EndpointAddressPolicy.allowLoopbackForTesting().withResolver(resolver);

    @AfterEach
    void releaseTheNameserver() {
        resolver.release();
    }

    @Test
    void anEndpointWhoseNameserverTakesEightSecondsDoesNotDelayAnotherEndpoint() {
        receiver.stubFor(post("/hook").willReturn(ok()));
        WebhookSender sender = startedSender(b -> b.addressPolicy(policy));
        sender.registerEndpoint(OTHER, EndpointRegistration.of(url("/hook"), "*"));
        String warmUp = sender.publish(OTHER, openedEvent()).deliveryIds().get(0);
        await().atMost(WAIT).until(() -> store.delivery(OTHER, warmUp).orElseThrow().status() == DeliveryStatus.DELIVERED);
        sender.registerEndpoint(TENANT, EndpointRegistration.of(slowUrl("slow.example"), "*"));
        resolver.holding(host -> host.equals("slow.example"));
        List<String> slow = IntStream.range(0, 4)
                .mapToObj(i -> sender.publish(TENANT, openedEvent()).deliveryIds().get(0)).toList();
        await().atMost(WAIT).until(() -> resolver.asked().stream().filter("slow.example"::equals).count() >= 2);

        String healthy = sender.publish(OTHER, openedEvent()).deliveryIds().get(0);

        await().atMost(Duration.ofSeconds(2))
                .until(() -> store.delivery(OTHER, healthy).orElseThrow().status() == DeliveryStatus.DELIVERED);
        assertThat(slow).allSatisfy(id -> assertThat(store.attempts(TENANT, id)).isEmpty());
        // The four waiting deliveries share one lookup (the other was the registration's): the slow
        // nameserver holds one DNS thread.
        assertThat(resolver.asked()).filteredOn("slow.example"::equals).hasSize(2);
    }

    @Test
    void aLookupThatOutlastsTheDnsTimeoutIsAFailedAttemptRetriedOnSchedule() {
        WebhookSender sender = startedSender(b -> b.addressPolicy(policy).dnsTimeout(Duration.ofMillis(200)));
        sender.registerEndpoint(TENANT, EndpointRegistration.of(slowUrl("slow.example"), "*"));
        resolver.holding(host -> host.equals("slow.example"));

        String deliveryId = sender.publish(TENANT, openedEvent()).deliveryIds().get(0);

        DeliveryAttempt attempt = awaitAttempts(deliveryId, 1).get(0);
        assertThat(attempt.errorClass()).isEqualTo("java.util.concurrent.TimeoutException");
        assertThat(attempt.errorMessage()).isEqualTo("address check timed out: host slow.example did not resolve within PT0.2S");
        assertThat(attempt.latency()).isLessThan(Duration.ofSeconds(2));
        assertThat(delivery(deliveryId).status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(delivery(deliveryId).nextAttemptAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
    }

    @Test
    void theDnsTimeoutNeverOutlastsTheAttemptTimeout() {
        WebhookSender sender = startedSender(b -> b.addressPolicy(policy).attemptTimeout(Duration.ofMillis(300)));
        sender.registerEndpoint(TENANT, EndpointRegistration.of(slowUrl("slow.example"), "*"));
        resolver.holding(host -> host.equals("slow.example"));

        String deliveryId = sender.publish(TENANT, openedEvent()).deliveryIds().get(0);

        assertThat(awaitAttempts(deliveryId, 1).get(0).errorMessage())
                .isEqualTo("address check timed out: host slow.example did not resolve within PT0.3S");
    }

    @Test
    void aCheckThatFindsEveryDnsThreadBusyAndTheQueueFullIsRefusedAtOnce() {
        WebhookSender sender = startedSender(b -> b.addressPolicy(policy).dnsThreads(1).dnsTimeout(Duration.ofSeconds(4)));
        // One lookup runs, four wait (4 per thread), the sixth host finds no room.
        IntStream.rangeClosed(1, 6).forEach(i -> sender.registerEndpoint(TENANT,
                EndpointRegistration.of(slowUrl("slow-" + i + ".example"), "*")));
        resolver.holding(host -> host.startsWith("slow-"));

        List<String> deliveries = sender.publish(TENANT, openedEvent()).deliveryIds();

        await().atMost(Duration.ofSeconds(2)).until(() -> deliveries.stream()
                .anyMatch(id -> !store.attempts(TENANT, id).isEmpty()));
        List<DeliveryAttempt> attempts = deliveries.stream().flatMap(id -> store.attempts(TENANT, id).stream()).toList();
        assertThat(attempts).singleElement().satisfies(attempt -> {
            assertThat(attempt.errorClass()).isEqualTo("java.util.concurrent.RejectedExecutionException");
            assertThat(attempt.errorMessage())
                    .isEqualTo("address check refused: no DNS thread free (1 busy, 4 lookups waiting)");
            assertThat(attempt.latency()).isLessThan(Duration.ofSeconds(1));
        });
    }

    private String slowUrl(String host) {
        return "http://" + host + ":" + receiver.port() + "/hook";
    }
}
