package com.migomail.webhooks.store.jdbc;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A webhook receiver on 127.0.0.1 (the JDK's HttpServer) that answers 204 and counts requests per
 * {@code webhook-id}, optionally holding each response for a while like a slow endpoint.
 */
final class LoopbackReceiver implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(32);
    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final long holdMillis;

    private LoopbackReceiver(long holdMillis) throws IOException {
        this.holdMillis = holdMillis;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.createContext("/hooks", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** A receiver answering at once. */
    static LoopbackReceiver start() throws IOException {
        return new LoopbackReceiver(0);
    }

    /** A receiver holding each response for that many milliseconds. */
    static LoopbackReceiver holdingResponses(long holdMillis) throws IOException {
        return new LoopbackReceiver(holdMillis);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
        }
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        if (holdMillis > 0) {
            hold();
        }
        received.computeIfAbsent(String.valueOf(id), key -> new AtomicInteger()).incrementAndGet();
        requests.incrementAndGet();
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    private void hold() {
        try {
            TimeUnit.MILLISECONDS.sleep(holdMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How many distinct event ids arrived. */
    int distinctEvents() {
        return received.size();
    }

    /** How many requests arrived in all. */
    int requests() {
        return requests.get();
    }

    /** The event ids of these that arrived. */
    Set<String> eventIds() {
        return Set.copyOf(received.keySet());
    }

    /** The event ids that arrived more than once. */
    Set<String> duplicated() {
        return received.entrySet().stream().filter(entry -> entry.getValue().get() > 1)
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
