package com.migomail.webhooks.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.migomail.webhooks.core.EmailSent;
import com.migomail.webhooks.core.Subscriber;
import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.delivery.DeliveryListener;
import com.migomail.webhooks.delivery.EndpointAddressPolicy;
import com.migomail.webhooks.delivery.EndpointRegistration;
import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.TenantId;
import com.migomail.webhooks.store.WebhookStore;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The README's metrics example, delivering to a receiver on loopback: both listeners hear it, the meters count it. */
class MetricsExampleTest {
    private static final TenantId ACME = TenantId.of("acme");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private HttpServer receiver;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void theMetricsCountADeliveryBesideTheApplicationsOwnListenerAndClosingRemovesTheBacklogGauge() {
        AtomicInteger alerted = new AtomicInteger();
        DeliveryListener alerts = new DeliveryListener() {
            @Override
            public void onDelivered(Delivery delivery, DeliveryAttempt attempt) {
                alerted.incrementAndGet();
            }
        };
        WebhookSender.Builder builder = WebhookSender.builder().store(WebhookStore.inMemory())
                .addressPolicy(EndpointAddressPolicy.allowLoopbackForTesting()).pollInterval(Duration.ofMillis(50));

        try (MetricsExample.MeteredSender metered = MetricsExample.withMetrics(builder, registry, alerts)) {
            WebhookSender sender = metered.sender();
            sender.start();
            sender.registerEndpoint(ACME, EndpointRegistration.of(
                    "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", "email.*"));
            sender.publish(ACME, WebhookEvent.of(EmailSent.builder("msg_1", Subscriber.of("zoe@example.com")).build()));

            await().atMost(Duration.ofSeconds(10)).until(() -> alerted.get() == 1
                    && registry.get("webhooks.in_flight").gauge().value() == 0);
            assertThat(registry.get("webhooks.published").tags("type", "email.sent").counter().count()).isEqualTo(1);
            assertThat(registry.get("webhooks.attempts").tags("outcome", "success", "status_class", "2xx").timer()
                    .count()).isEqualTo(1);
            assertThat(registry.get("webhooks.deliveries.completed").tags("outcome", "success").counter().count())
                    .isEqualTo(1);
            assertThat(registry.get("webhooks.delivery.lag").timer().count()).isEqualTo(1);
            // Counted when bound, before anything was published (and not again within the 10 s interval).
            await().atMost(Duration.ofSeconds(10)).until(() -> registry.get("webhooks.backlog").gauge().value() == 0);
        }
        assertThat(registry.find("webhooks.backlog").gauge()).isNull();
    }
}
