package com.migomail.webhooks.delivery;

import java.util.concurrent.CompletableFuture;

/**
 * Sends the signed HTTP request of one delivery attempt: the sender's one connection to the network.
 *
 * <p>The default transport runs on {@code java.net.http} (one {@code HttpClient}, no proxy, no
 * redirects). A transport on a client with a resolver hook can connect only to the addresses the
 * {@link EndpointAddressPolicy} checked ({@link WebhookRequest#addresses()}), which closes the DNS
 * rebinding window that {@code java.net.http} leaves open; the optional
 * {@code migomail-webhooks-transport-apache} module is one.
 *
 * <p>Implementations must be thread-safe, must not block the calling thread (the sender's workers
 * are shared by every endpoint), must not follow redirects, and must read at most
 * {@link WebhookResponse#MAX_EXCERPT_BYTES} of a response body. The sender never closes a transport
 * that the host gave it.
 */
public interface WebhookTransport extends AutoCloseable {

    /**
     * Sends the request. The returned future completes within {@link WebhookRequest#timeout()}:
     * normally once the status line and headers have arrived and the body excerpt has been read
     * (up to {@link WebhookResponse#MAX_EXCERPT_BYTES}, or what arrived before the timeout: once a
     * status has arrived the attempt has its answer, and the excerpt is best effort); exceptionally
     * when no status arrived in time ({@link java.util.concurrent.TimeoutException}) or the exchange
     * failed (typically an {@link java.io.IOException}). Cancelling the future should abort the
     * exchange.
     *
     * @param request the signed request of one attempt
     * @return the response, or the error that ended the exchange
     */
    CompletableFuture<WebhookResponse> send(WebhookRequest request);

    /** Releases what the transport owns (connections, threads). Does nothing by default. */
    @Override
    default void close() {}
}
