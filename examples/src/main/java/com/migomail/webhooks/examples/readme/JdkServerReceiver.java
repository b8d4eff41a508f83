package com.migomail.webhooks.examples.readme;

import com.migomail.webhooks.core.EventFormatException;
import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.core.WebhookReceiver;
import com.migomail.webhooks.signing.WebhookVerificationException;
import com.migomail.webhooks.signing.WebhookVerifier;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/** A receiver on the JDK's built-in HTTP server: no framework, no dependency beyond core. */
public final class JdkServerReceiver {
    private static final int MAX_BODY = 1 << 20;   // 1 MiB: events are a few KiB; a larger body is refused unread

    /**
     * Serves {@code POST /webhooks/migomail} on port 8080, keyed by {@code MIGOMAIL_WEBHOOK_SECRET}.
     *
     * @param args not used
     * @throws IOException if the server cannot listen on port 8080
     */
    public static void main(String[] args) throws IOException {
        WebhookReceiver receiver = WebhookReceiver.create(WebhookVerifier.builder()
                .key(System.getenv("MIGOMAIL_WEBHOOK_SECRET"))  // whsec_…, a raw secret, or a whpk_… public key
                .build());                                      // once, at startup; thread-safe

        start(new InetSocketAddress(8080), receiver);
    }

    static HttpServer start(InetSocketAddress address, WebhookReceiver receiver) throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        server.createContext("/webhooks/migomail", exchange -> {
            byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY + 1);   // the raw bytes, as received
            int status = body.length > MAX_BODY ? 413 : handle(receiver, exchange.getRequestHeaders(), body);
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static int handle(WebhookReceiver receiver, Map<String, List<String>> headers, byte[] body) {
        try {
            WebhookEvent event = receiver.receive(headers, body);
            ReceivedEvents.handle(event);
            return 204;
        } catch (WebhookVerificationException e) {
            System.err.println("refused: " + e.reason() + ": " + e.getMessage());
            return 401;
        } catch (EventFormatException e) {
            return 400;                                                   // signed, but not an event
        }
    }
}
