package com.migomail.webhooks.examples.cli;

import com.migomail.webhooks.core.EventFormatException;
import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.core.WebhookReceiver;
import com.migomail.webhooks.signing.WebhookVerificationException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Handles one request for {@code listen}: verify, then parse, then answer and print. Requests are
 * handled one at a time (the server's single dispatcher thread), so printed lines never interleave.
 */
final class ListenHandler implements HttpHandler {
    /** Webhook bodies are small; a larger request is refused before it is verified. */
    static final int MAX_BODY = 1 << 20;
    private static final int REMEMBERED_IDS = 10_000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final WebhookReceiver receiver;
    private final Terminal terminal;
    private final Set<String> seen = Collections.newSetFromMap(new LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_IDS;
        }
    });

    ListenHandler(WebhookReceiver receiver, Terminal terminal) {
        this.receiver = receiver;
        this.terminal = terminal;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try (exchange) {
            String request = exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath();
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                refuse(exchange, request, 405, "webhooks are sent with POST");
                return;
            }
            byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                refuse(exchange, request, 413, "the body is larger than " + MAX_BODY + " bytes");
                return;
            }
            receive(exchange, request, body);
        } catch (IOException | RuntimeException e) {
            // The client went away, or a bug: one line, never a stack trace.
            terminal.err().println(now() + " error while handling a request: " + e);
        }
    }

    private void receive(HttpExchange exchange, String request, byte[] body) throws IOException {
        WebhookEvent event;
        try {
            event = receiver.receive(exchange.getRequestHeaders(), body);
        } catch (WebhookVerificationException e) {
            refuse(exchange, request, 401, e.reason() + ": " + e.getMessage());
            return;
        } catch (EventFormatException e) {
            refuse(exchange, request, 400, "the signature is valid, but the body is not an event: " + e.getMessage());
            return;
        }
        boolean duplicate = !seen.add(event.id());
        // Printed before answering, so the line is there by the time the sender hears back.
        terminal.out().println(now() + " " + request + " -> 200 " + event.type() + " " + event.id()
                + (duplicate ? " (duplicate id: a retry or replay of an event received before)" : ""));
        terminal.out().println(new String(body, StandardCharsets.UTF_8));
        respond(exchange, 200, "ok");
    }

    private void refuse(HttpExchange exchange, String request, int status, String why) throws IOException {
        terminal.err().println(now() + " " + request + " -> " + status + " refused: " + why);
        respond(exchange, status, why);
    }

    private static void respond(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String now() {
        return LocalTime.now().truncatedTo(ChronoUnit.SECONDS).format(TIME);
    }
}
