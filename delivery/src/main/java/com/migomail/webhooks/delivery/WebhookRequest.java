package com.migomail.webhooks.delivery;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The signed POST of one delivery attempt, as a {@link WebhookTransport} sends it.
 *
 * @param url the endpoint URL
 * @param headers the request headers (content type, user agent, event type and the signature
 *     headers), by name; copied
 * @param body the JSON body, sent as its UTF-8 bytes (the bytes that were signed)
 * @param addresses the addresses the {@link EndpointAddressPolicy} resolved the URL's host to and
 *     allowed, just before this attempt, in the resolver's order; a transport that chooses where it
 *     connects connects only to one of these; copied
 * @param timeout what is left of the attempt's deadline for the whole exchange: connect, request,
 *     status and headers, and the body excerpt
 */
public record WebhookRequest(URI url, Map<String, String> headers, String body, List<InetAddress> addresses,
        Duration timeout) {

    /**
     * Validates and copies.
     *
     * @param url the endpoint URL
     * @param headers the request headers; copied
     * @param body the JSON body
     * @param addresses the checked addresses of the URL's host, at least one; copied
     * @param timeout the time left for the exchange, positive
     * @throws NullPointerException if any argument or element is null
     * @throws IllegalArgumentException if addresses is empty or timeout is not positive
     */
    public WebhookRequest {
        Objects.requireNonNull(url, "url cannot be null");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body cannot be null");
        addresses = List.copyOf(addresses);
        Objects.requireNonNull(timeout, "timeout cannot be null");
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("addresses cannot be empty: the policy checked at least one");
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }
}
