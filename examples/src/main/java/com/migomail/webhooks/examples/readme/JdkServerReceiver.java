package com.migomail.webhooks.examples.readme;

import com.migomail.webhooks.core.EventFormatException;
import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.core.WebhookReceiver;
import com.migomail.webhooks.signing.WebhookVerificationException;
import com.migomail.webhooks.signing.WebhookVerifier;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/** A receiver on the JDK's built-in HTTP server: no framework, no dependency beyond core. */
public final class JdkServerReceiver {
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

        HttpServer server = HttpServer.create(new InetSocketAddress(8080), 0);
        server.createContext("/webhooks/migomail", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();   // the raw bytes, as received
            int status;
            try {
                WebhookEvent event = receiver.receive(exchange.getRequestHeaders(), body);
                ReceivedEvents.handle(event);
                status = 204;
            } catch (WebhookVerificationException e) {
                System.err.println("refused: " + e.reason() + ": " + e.getMessage());
                status = 401;
            } catch (EventFormatException e) {
                status = 400;                                         // signed, but not an event
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }
}
