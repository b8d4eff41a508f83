package com.migomail.webhooks.spring.autoconfigure;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A JDK HTTP server on a random loopback port: {@code /hooks} answers 204 and keeps every request's
 * headers, {@code /gone} answers 410 Gone.
 */
final class LoopbackReceiver implements AutoCloseable {

    private final HttpServer server;
    private final List<Map<String, List<String>>> requests = new CopyOnWriteArrayList<>();

    private LoopbackReceiver(HttpServer server) {
        this.server = server;
    }

    static LoopbackReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        LoopbackReceiver receiver = new LoopbackReceiver(server);
        server.createContext("/hooks", exchange -> {
            exchange.getRequestBody().readAllBytes();
            receiver.requests.add(Map.copyOf(exchange.getRequestHeaders()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/gone", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(410, -1);
            exchange.close();
        });
        server.start();
        return receiver;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    String goneUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/gone";
    }

    /** The headers of each request received so far, as the JDK server names them (first letter capital). */
    List<Map<String, List<String>>> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
