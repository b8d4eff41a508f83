package com.migomail.webhooks.transport.apache;

import com.migomail.webhooks.delivery.WebhookRequest;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Requests as the sender builds them: the wire headers (with the {@code traceparent} a sender with a
 * tracer adds), a JSON body, checked addresses, time left.
 */
final class Requests {
    static final Map<String, String> HEADERS = Map.of(
            "Content-Type", "application/json",
            "User-Agent", "Migomail-Webhooks/test",
            "X-Migomail-Event", "email.opened",
            "X-Migomail-Signature", "sha256=00ff",
            "webhook-id", "evt_01j8x4k7q3c9v2m5n8p0r6s1td",
            "webhook-timestamp", "1736950951",
            "webhook-signature", "v1,AAAA",
            "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    static final String BODY = "{\"event\":\"email.opened\",\"name\":\"Zoë\"}";

    private Requests() {}

    static WebhookRequest post(String url, List<InetAddress> addresses, Duration timeout) {
        return new WebhookRequest(URI.create(url), HEADERS, BODY, addresses, timeout);
    }

    static WebhookRequest post(String url, String address) {
        return post(url, List.of(ip(address)), Duration.ofSeconds(10));
    }

    /** An address literal (no lookup). */
    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    /** An address as the address policy's resolver returns it: with the host name it was resolved for. */
    static InetAddress ip(String host, String literal) {
        try {
            return InetAddress.getByAddress(host, ip(literal).getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
