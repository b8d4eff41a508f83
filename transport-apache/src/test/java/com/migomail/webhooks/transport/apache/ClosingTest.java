package com.migomail.webhooks.transport.apache;

import static com.migomail.webhooks.transport.apache.Requests.ip;
import static com.migomail.webhooks.transport.apache.Requests.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.migomail.webhooks.delivery.WebhookResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ClosingTest {

    @Test
    void closingFailsTheExchangesInFlightAtOnce() throws Exception {
        CountDownLatch received = new CountDownLatch(1);
        CountDownLatch released = new CountDownLatch(1);
        try (Receiver receiver = Receiver.http().on("/hook", exchange -> {
            received.countDown();
            try {
                released.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }).start()) {
            ApacheHttpTransport transport = ApacheHttpTransport.create();
            CompletableFuture<WebhookResponse> inFlight = transport.send(post(
                    "http://hooks.example.test:" + receiver.port() + "/hook", List.of(ip("127.0.0.1")), Duration.ofSeconds(60)));
            assertThat(received.await(20, TimeUnit.SECONDS)).isTrue();
            long start = System.nanoTime();

            transport.close();

            assertThatThrownBy(() -> inFlight.get(2, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(IllegalStateException.class).hasMessage("transport is closed");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        } finally {
            released.countDown();
        }
    }

    @Test
    void aClosedTransportFailsEverySendAndClosesOnlyOnce() {
        ApacheHttpTransport transport = ApacheHttpTransport.create();
        transport.close();
        transport.close();

        assertThatThrownBy(() -> transport.send(post("http://hooks.example.test/hook", "127.0.0.1")).get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalStateException.class).hasMessage("transport is closed");
        assertThatThrownBy(() -> transport.send(null))
                .isInstanceOf(NullPointerException.class).hasMessage("request cannot be null");
    }
}
