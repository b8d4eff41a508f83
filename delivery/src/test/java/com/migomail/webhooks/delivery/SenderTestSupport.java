package com.migomail.webhooks.delivery;

import com.migomail.webhooks.delivery.testing.MutableClock;
import static com.migomail.webhooks.delivery.TestTenants.TENANT;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.migomail.webhooks.core.EmailOpened;
import com.migomail.webhooks.core.Subscriber;
import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.WebhookStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A loopback WireMock receiver, an in-memory store, a test clock, and senders that are closed after each test. */
abstract class SenderTestSupport {
    static final Duration WAIT = Duration.ofSeconds(10);

    final MutableClock clock = MutableClock.at("2026-01-15T14:22:31Z");
    final WebhookStore store = WebhookStore.inMemory();
    final WireMockServer receiver = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final List<WebhookSender> senders = new ArrayList<>();

    @BeforeEach
    void startReceiver() {
        receiver.start();
    }

    @AfterEach
    void stopEverything() {
        senders.forEach(WebhookSender::close);
        receiver.stop();
    }

    /** A started sender with test settings, adjusted by {@code options}. */
    WebhookSender startedSender(UnaryOperator<WebhookSender.Builder> options) {
        WebhookSender sender = sender(options);
        sender.start();
        return sender;
    }

    /** A sender (not started) with test settings: loopback allowed, fast polling, the test clock. */
    WebhookSender sender(UnaryOperator<WebhookSender.Builder> options) {
        WebhookSender sender = options.apply(WebhookSender.builder()
                        .store(store)
                        .clock(clock)
                        .addressPolicy(EndpointAddressPolicy.allowLoopbackForTesting())
                        .pollInterval(Duration.ofMillis(20))
                        .attemptTimeout(Duration.ofSeconds(5))
                        .shutdownTimeout(Duration.ofSeconds(1)))
                .build();
        senders.add(sender);
        return sender;
    }

    String url(String path) {
        return "http://127.0.0.1:" + receiver.port() + path;
    }

    WebhookEvent openedEvent() {
        return WebhookEvent.of(new EmailOpened("msg_01j8x4k7q3c9v2m5n8p0r6s1td", "cmp_8f2a1b",
                Subscriber.of("jane@example.com", "Jane Smith", "lst_98c2f"), "203.0.113.42",
                "Apple Mail/16.0", "Apple Mail", "iPhone"), clock);
    }

    List<DeliveryAttempt> awaitAttempts(String deliveryId, int count) {
        await().atMost(WAIT).until(() -> store.attempts(TENANT, deliveryId).size() >= count
                && store.delivery(TENANT, deliveryId).orElseThrow().leaseOwner() == null);
        return store.attempts(TENANT, deliveryId);
    }

    Delivery awaitStatus(String deliveryId, DeliveryStatus status) {
        await().atMost(WAIT).until(() -> store.delivery(TENANT, deliveryId).orElseThrow().status() == status);
        return store.delivery(TENANT, deliveryId).orElseThrow();
    }

    Delivery delivery(String deliveryId) {
        return store.delivery(TENANT, deliveryId).orElseThrow();
    }
}
