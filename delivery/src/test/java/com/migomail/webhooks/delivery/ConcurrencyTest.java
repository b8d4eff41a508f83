package com.migomail.webhooks.delivery;

import static com.migomail.webhooks.delivery.TestTenants.TENANT;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.migomail.webhooks.store.DeliveryStatus;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A JDK HTTP server on loopback that holds each request briefly and counts how many overlap. */
class ConcurrencyTest extends SenderTestSupport {
    private final ExecutorService serverThreads = Executors.newFixedThreadPool(16);
    private final Map<String, AtomicInteger> current = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> peak = new ConcurrentHashMap<>();
    private final List<String> eventIds = java.util.Collections.synchronizedList(new ArrayList<>());
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(serverThreads);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        track(path, +1);
        track("all", +1);
        try {
            exchange.getRequestBody().readAllBytes();
            eventIds.add(exchange.getRequestHeaders().getFirst("webhook-id"));
            Thread.sleep(150);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // Counted down before the response goes out: the sender holds its slot until after it
            // has the response, so what is counted here never exceeds what the sender has in flight.
            track(path, -1);
            track("all", -1);
        }
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    private void track(String key, int delta) {
        int now = current.computeIfAbsent(key, k -> new AtomicInteger()).addAndGet(delta);
        peak.computeIfAbsent(key, k -> new AtomicInteger()).accumulateAndGet(now, Math::max);
    }

    private String serverUrl(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void keepsWithinTheGlobalAndPerEndpointLimits() {
        WebhookSender sender = startedSender(b -> b.maxConcurrency(3).maxConcurrencyPerEndpoint(2));
        sender.registerEndpoint(TENANT, EndpointRegistration.of(serverUrl("/a"), "*"));
        sender.registerEndpoint(TENANT, EndpointRegistration.of(serverUrl("/b"), "*"));
        List<String> deliveryIds = new ArrayList<>();

        for (int i = 0; i < 8; i++) {
            deliveryIds.addAll(sender.publish(TENANT, openedEvent()).deliveryIds());
        }

        await().atMost(WAIT).until(() -> deliveryIds.stream()
                .allMatch(id -> delivery(id).status() == DeliveryStatus.DELIVERED));
        assertThat(peak.get("all").get()).isBetween(2, 3);
        assertThat(peak.get("/a").get()).isBetween(1, 2);
        assertThat(peak.get("/b").get()).isBetween(1, 2);
    }

    @Test
    void twoSendersOverOneStoreDeliverEachEventOnce() {
        startedSender(b -> b.nodeId("node-1"));
        startedSender(b -> b.nodeId("node-2"));
        WebhookSender publisher = sender(b -> b.nodeId("publisher"));
        publisher.registerEndpoint(TENANT, EndpointRegistration.of(serverUrl("/a"), "*"));
        List<String> published = new ArrayList<>();
        List<String> deliveryIds = new ArrayList<>();

        for (int i = 0; i < 20; i++) {
            PublishReceipt receipt = publisher.publish(TENANT, openedEvent());
            published.add(receipt.eventId());
            deliveryIds.addAll(receipt.deliveryIds());
        }

        await().atMost(WAIT).until(() -> deliveryIds.stream()
                .allMatch(id -> delivery(id).status() == DeliveryStatus.DELIVERED));
        assertThat(eventIds).containsExactlyInAnyOrderElementsOf(published);
        assertThat(deliveryIds).allSatisfy(id -> assertThat(store.attempts(TENANT, id)).hasSize(1));
    }
}
