package com.migomail.webhooks.examples.demo;

import com.migomail.webhooks.core.EventFormatException;
import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.core.WebhookReceiver;
import com.migomail.webhooks.signing.WebhookVerificationException;
import com.migomail.webhooks.signing.WebhookVerifier;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The demo's receiving side: the JDK's HTTP server on 127.0.0.1 (an ephemeral port), one path per
 * endpoint. Every request is verified before anything else; a verified event is processed once per
 * id (delivery is at-least-once, so receivers deduplicate on the event id).
 */
final class DemoReceiver implements AutoCloseable {

    /**
     * One receiving path.
     *
     * @param path e.g. {@code /acme/healthy}
     * @param name how the output calls it
     * @param receiver verifies (Standard Webhooks) and parses
     * @param label what {@code receiver} checks, e.g. {@code v1}
     * @param extraChecks more verifiers by label, e.g. {@code sha256} for {@code X-Migomail-Signature}
     * @param failFirst how many requests per event id to answer with 500, to show retries
     */
    record Path(String path, String name, WebhookReceiver receiver, String label, Map<String, WebhookVerifier> extraChecks,
            int failFirst) {}

    private final HttpServer server;
    private final Consumer<String> out;
    private final Map<String, AtomicInteger> requestsPerEvent = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> processed = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger verified = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();

    private DemoReceiver(HttpServer server, Consumer<String> out) {
        this.server = server;
        this.out = out;
    }

    /** Starts a server on 127.0.0.1 with those paths; {@code out} prints one line. */
    static DemoReceiver start(List<Path> paths, Consumer<String> out) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the demo receiver on 127.0.0.1", e);
        }
        DemoReceiver receiver = new DemoReceiver(server, out);
        paths.forEach(path -> server.createContext(path.path(), exchange -> receiver.handle(path, exchange)));
        server.start();
        return receiver;
    }

    /** The URL of a path. */
    URI url(String path) {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + path);
    }

    int requests() {
        return requests.get();
    }

    int verified() {
        return verified.get();
    }

    int refused() {
        return refused.get();
    }

    int duplicates() {
        return duplicates.get();
    }

    /** The ids of the events a path (by name) verified and processed, each once. */
    Set<String> processed(String pathName) {
        return Set.copyOf(processed.getOrDefault(pathName, Set.of()));
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(Path path, HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, List<String>> headers = exchange.getRequestHeaders();
            WebhookEvent event;
            try {
                event = path.receiver().receive(headers, body);   // verify first, then parse
                path.extraChecks().values().forEach(verifier -> verifier.verify(headers, body));
            } catch (WebhookVerificationException e) {
                refuse(path, exchange, 401, e.reason() + " (" + firstClause(e.getMessage()) + ")");
                return;
            } catch (EventFormatException e) {
                refuse(path, exchange, 400, "not an event: " + e.getMessage());
                return;
            }
            verified.incrementAndGet();
            respond(path, exchange, event);
        }
    }

    private void respond(Path path, HttpExchange exchange, WebhookEvent event) throws IOException {
        String signatures = String.join(" + ", labels(path)) + " verified";
        int request = requestsPerEvent.computeIfAbsent(path.name() + event.id(), key -> new AtomicInteger()).incrementAndGet();
        String line = String.format("%-8s %-21s %s  %s", path.name(), event.type(), event.id(), signatures);
        if (request <= path.failFirst()) {
            exchange.sendResponseHeaders(500, -1);
            out.accept("receiver " + line + "  -> 500 (failing on purpose, request " + request + ")");
        } else if (!processed.computeIfAbsent(path.name(), name -> ConcurrentHashMap.newKeySet()).add(event.id())) {
            duplicates.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            out.accept("receiver " + line + "  -> 200, duplicate id: acknowledged, not processed again");
        } else {
            exchange.sendResponseHeaders(200, -1);
            out.accept("receiver " + line + "  -> 200  " + DemoEvents.about(event.data()));
        }
    }

    private static List<String> labels(Path path) {
        return Stream.concat(Stream.of(path.label()), path.extraChecks().keySet().stream())
                .toList();
    }

    /** The start of a verifier's message, which goes on to explain what to check. */
    private static String firstClause(String message) {
        int colon = message.indexOf(':');
        return colon > 0 ? message.substring(0, colon) : message;
    }

    private void refuse(Path path, HttpExchange exchange, int status, String why) throws IOException {
        refused.incrementAndGet();
        exchange.sendResponseHeaders(status, -1);
        out.accept(String.format("receiver %-8s refused -> %d %s", path.name(), status, why));
    }
}
