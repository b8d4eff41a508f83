package com.migomail.webhooks.delivery;

import static com.migomail.webhooks.delivery.TestTenants.OTHER;
import static com.migomail.webhooks.delivery.TestTenants.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.migomail.webhooks.core.TypeId;
import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.NewDelivery;
import com.migomail.webhooks.store.StoredEvent;
import com.migomail.webhooks.store.WebhookStore;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A tenant with a backlog of 100,000 due deliveries to one slow endpoint does not delay another
 * tenant's fresh event: the slow endpoint holds only its own concurrency slots, and the poller
 * passes over its backlog instead of queueing behind it.
 */
class TenantFairnessTest {
    private static final int BACKLOG = Integer.getInteger("backlog", 100_000);
    private static final Duration POLL = Duration.ofMillis(100);

    private final WebhookStore store = WebhookStore.inMemory();
    private final CountDownLatch slowRelease = new CountDownLatch(1);
    private final AtomicInteger slowInFlight = new AtomicInteger();
    private final ExecutorService threads = Executors.newFixedThreadPool(32);
    private HttpServer receiver;
    private WebhookSender sender;

    @AfterEach
    void stop() {
        slowRelease.countDown();
        if (sender != null) {
            sender.close();
        }
        receiver.stop(0);
        threads.shutdownNow();
    }

    @Test
    void anotherTenantsFreshEventIsDeliveredWithinThePollIntervalDespiteTheBacklog() throws Exception {
        startReceiver();
        sender = WebhookSender.builder().store(store).clock(Clock.systemUTC())
                .addressPolicy(EndpointAddressPolicy.allowLoopbackForTesting())
                .pollInterval(POLL).maxConcurrency(16).maxConcurrencyPerEndpoint(4)
                .attemptTimeout(Duration.ofSeconds(30)).shutdownTimeout(Duration.ZERO).build();
        String slow = sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/slow"), "*")).id();
        String fast = sender.registerEndpoint(OTHER, EndpointRegistration.of(url("/fast"), "*")).id();
        sender.start();
        Duration baseline = deliver(true);   // the first event pays for class loading and the connection
        baseline = deliver(true);
        Instant backlogDue = Instant.now().minusSeconds(60);
        for (int i = 0; i < BACKLOG; i++) {
            String eventId = TypeId.generate("evt").toString();
            store.append(new StoredEvent(eventId, TENANT, "email.opened", backlogDue, backlogDue, "{}"),
                    List.of(new NewDelivery(TypeId.generate("dlv").toString(), slow, DeliveryStatus.PENDING)));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> slowInFlight.get() == 4);

        Duration viaPoller = deliver(true);
        Duration viaFastPath = deliver(false);

        System.out.printf("fairness: another tenant's event delivered in %d ms via the poller (%d ms without the"
                + " backlog) and %d ms via the fast path, with %d due deliveries of a saturated endpoint ahead%n",
                viaPoller.toMillis(), baseline.toMillis(), viaFastPath.toMillis(), BACKLOG);
        // The usual is one poll interval plus the attempt; 2 s leaves room for a loaded CI machine. Queueing
        // behind the backlog would never end: the slow endpoint never answers while the test runs.
        assertThat(viaPoller).isLessThan(Duration.ofSeconds(2));
        assertThat(viaFastPath).isLessThan(Duration.ofSeconds(2));
        assertThat(slowInFlight.get()).isEqualTo(4);
        assertThat(sender.deliveries(OTHER, com.migomail.webhooks.store.DeliveryQuery.all().withEndpoint(fast))
                .items()).hasSize(4);
    }

    /** Publishes an event of the other tenant (through the poller only, or with the fast path) and times its delivery. */
    private Duration deliver(boolean viaPollerOnly) {
        long start = System.nanoTime();
        var event = com.migomail.webhooks.delivery.testing.TenantEvents.of(
                com.migomail.webhooks.core.EventType.EMAIL_OPENED, "jane@example.com", Clock.systemUTC());
        // The outbox path hands nothing to the dispatcher: only a poll finds the delivery.
        String deliveryId = (viaPollerOnly ? sender.publish(OTHER, event, store::append) : sender.publish(OTHER, event))
                .deliveryIds().get(0);
        await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2))
                .until(() -> store.delivery(OTHER, deliveryId).orElseThrow().status() == DeliveryStatus.DELIVERED);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        receiver.createContext("/slow", exchange -> {
            slowInFlight.incrementAndGet();
            try {
                slowRelease.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.createContext("/fast", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.setExecutor(threads);
        receiver.start();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }
}
