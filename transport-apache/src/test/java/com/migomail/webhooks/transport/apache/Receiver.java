package com.migomail.webhooks.transport.apache;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A loopback endpoint on the JDK's HTTP(S) server that records every request it gets. */
final class Receiver implements AutoCloseable {

    /** One request as the endpoint saw it; header names lower-cased, first value each. */
    record Received(String method, String uri, Map<String, String> headers, String body) {}

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private Receiver(HttpServer server) {
        this.server = server;
        server.setExecutor(handlers);
    }

    /** Plain HTTP on 127.0.0.1, an ephemeral port. */
    static Receiver http() {
        return http(InetAddress.getLoopbackAddress(), 0);
    }

    static Receiver http(InetAddress address, int port) {
        try {
            return new Receiver(HttpServer.create(new InetSocketAddress(address, port), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** HTTPS on 127.0.0.1 with this configurator's certificate. */
    static Receiver https(HttpsConfigurator configurator) {
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(configurator);
            return new Receiver(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers requests to path (after recording them) with the handler; call before start. */
    Receiver on(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            received.add(record(exchange));
            handler.handle(exchange);
        });
        return this;
    }

    Receiver start() {
        server.start();
        return this;
    }

    int port() {
        return server.getAddress().getPort();
    }

    List<Received> received() {
        return received;
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }

    /** A handler that answers with this status and body. */
    static HttpHandler answer(int status, String body) {
        return exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        };
    }

    private static Received record(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        return new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body);
    }
}
