package com.migomail.webhooks.delivery;

import static com.migomail.webhooks.delivery.TestTenants.TENANT;

import static org.assertj.core.api.Assertions.assertThat;

import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.DeliveryStatus;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A transport the host gives carries every attempt; what it reports is recorded without addresses. */
class TransportTest extends SenderTestSupport {

    @Test
    void aTransportTheHostGaveCarriesEveryAttemptAndIsNotClosedWithTheSender() {
        RecordingTransport transport = RecordingTransport.answering(204);
        WebhookSender sender = startedSender(b -> b.transport(transport));
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));

        String deliveryId = sender.publish(TENANT, openedEvent()).deliveryIds().get(0);
        awaitStatus(deliveryId, DeliveryStatus.DELIVERED);
        sender.close();

        assertThat(transport.requests()).hasSize(1);
        assertThat(transport.closed()).isFalse();
    }

    @Test
    void aConnectFailureThatNamesTheResolvedAddressIsRecordedWithoutIt() {
        // What Apache HttpClient 5 says when a connection is refused.
        WebhookSender sender = startedSender(b -> b.transport(RecordingTransport.failingWith(new ConnectException(
                "Connect to http://127.0.0.1:6379 [localhost/127.0.0.1] failed: Connection refused"))));
        sender.registerEndpoint(TENANT, EndpointRegistration.of("http://localhost:6379/hook", "*"));

        DeliveryAttempt attempt = awaitAttempts(sender.publish(TENANT, openedEvent()).deliveryIds().get(0), 1).get(0);

        assertThat(attempt.errorClass()).isEqualTo("java.net.ConnectException");
        assertThat(attempt.errorMessage()).isEqualTo("could not connect: connection refused or host unreachable");
    }

    @Test
    void anyOtherTransportErrorIsRecordedWithItsAddressLiteralsRemoved() {
        WebhookSender sender = startedSender(b -> b.transport(RecordingTransport.failingWith(
                new IOException("connection to localhost/127.0.0.1:6379 (or [::1]:6379) reset"))));
        sender.registerEndpoint(TENANT, EndpointRegistration.of("http://localhost:6379/hook", "*"));

        DeliveryAttempt attempt = awaitAttempts(sender.publish(TENANT, openedEvent()).deliveryIds().get(0), 1).get(0);

        assertThat(attempt.errorClass()).isEqualTo("java.io.IOException");
        assertThat(attempt.errorMessage()).isEqualTo("connection to localhost/<address> (or <address>) reset");
    }

    @Test
    void aTransportThatThrowsInsteadOfFailingItsFutureFailsTheAttempt() {
        WebhookSender sender = startedSender(b -> b.transport(request -> {
            throw new IllegalStateException("transport is closed");
        }));
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));

        DeliveryAttempt attempt = awaitAttempts(sender.publish(TENANT, openedEvent()).deliveryIds().get(0), 1).get(0);

        assertThat(attempt.errorClass()).isEqualTo("java.lang.IllegalStateException");
        assertThat(attempt.errorMessage()).isEqualTo("transport is closed");
    }

    @Test
    void aTransportThatNeverAnswersIsCutOffAfterTheAttemptTimeout() {
        WebhookSender sender = startedSender(b -> b.attemptTimeout(java.time.Duration.ofMillis(200))
                .transport(request -> new CompletableFuture<>()));
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));

        DeliveryAttempt attempt = awaitAttempts(sender.publish(TENANT, openedEvent()).deliveryIds().get(0), 1).get(0);

        assertThat(attempt.errorClass()).isEqualTo("java.util.concurrent.TimeoutException");
        assertThat(attempt.errorMessage()).isEqualTo("no response within PT0.2S");
        assertThat(attempt.latency()).isLessThan(java.time.Duration.ofSeconds(3));
    }
}
