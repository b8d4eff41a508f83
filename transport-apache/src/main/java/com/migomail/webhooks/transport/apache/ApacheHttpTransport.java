package com.migomail.webhooks.transport.apache;

import com.migomail.webhooks.delivery.WebhookRequest;
import com.migomail.webhooks.delivery.WebhookResponse;
import com.migomail.webhooks.delivery.WebhookTransport;
import com.migomail.webhooks.transport.apache.internal.PinnedClient;
import com.migomail.webhooks.transport.apache.internal.TransportConfig;
import java.net.InetSocketAddress;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;

/**
 * A {@link WebhookTransport} on Apache HttpClient 5 that connects only to the addresses the sender's
 * {@link com.migomail.webhooks.delivery.EndpointAddressPolicy} checked for the attempt
 * ({@link WebhookRequest#addresses()}), so a DNS answer that changes between the check and the
 * connection (DNS rebinding) cannot send the request elsewhere. It never resolves a host name.
 * Thread-safe; build one per process, give it to the sender, and close it after the sender.
 *
 * <p>What it does with each request:
 * <ul>
 *   <li>Connects to the first checked address, and to the next one only if no connection could be
 *       made (nothing was sent); the URL's host name stays the {@code Host} header, the TLS server
 *       name (SNI) and the name the certificate is verified against.</li>
 *   <li>Reuses a pooled connection only if it was made to the same host name, port and checked
 *       address: a request never travels on a connection to an address outside its own checked
 *       set.</li>
 *   <li>Speaks HTTP/1.1 only, also over TLS (one attempt, one connection: the sender's
 *       per-endpoint limit is the connection count, and no HTTP/2 stream limit or GOAWAY can fail
 *       an attempt).</li>
 *   <li>Follows no redirects, retries nothing, keeps no cookies and no authentication state, asks
 *       for no compression, and ignores the JVM's proxy properties.</li>
 *   <li>Sends the request headers as given, plus {@code Host} and {@code Content-Length} (and
 *       Apache's {@code User-Agent} if the request has none).</li>
 *   <li>Reads at most {@value WebhookResponse#MAX_EXCERPT_BYTES} bytes of the body, then closes the
 *       connection; completes within {@link WebhookRequest#timeout()}, with the excerpt so far once
 *       a status has arrived, else with a {@link java.util.concurrent.TimeoutException} (without a
 *       message, like {@link CompletableFuture#orTimeout}'s).</li>
 * </ul>
 *
 * <p>With an {@linkplain Builder#egressProxy(InetSocketAddress) egress proxy} every request goes
 * through the proxy ({@code CONNECT} for {@code https}, an absolute URI for {@code http}); the proxy
 * resolves the host and is the one that must refuse private addresses, and the checked addresses
 * are not used.
 *
 * <p>The returned futures complete on the client's I/O threads or on the transport's deadline
 * thread: keep dependent stages short, or use the {@code ...Async} variants.
 */
public final class ApacheHttpTransport implements WebhookTransport {

    private final PinnedClient client;

    private ApacheHttpTransport(PinnedClient client) {
        this.client = client;
    }

    /**
     * A transport with every option at its default: direct connections to the checked addresses,
     * the JDK's default trust and hostname verification.
     *
     * @return the started transport
     */
    public static ApacheHttpTransport create() {
        return builder().build();
    }

    /**
     * A builder with every option at its documented default.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Sends the request to one of its checked addresses (or through the egress proxy), as
     * {@link WebhookTransport#send} specifies. A connection that cannot be made completes the future
     * with the {@link java.io.IOException} (for example an
     * {@code org.apache.hc.client5.http.HttpHostConnectException}); its message names the URL's host
     * and port, never the address. After {@link #close()} the future fails with an
     * {@link IllegalStateException}.
     *
     * @param request the signed request of one attempt
     * @return the response, or the error that ended the exchange
     * @throws NullPointerException if request is null
     */
    @Override
    public CompletableFuture<WebhookResponse> send(WebhookRequest request) {
        Objects.requireNonNull(request, "request cannot be null");
        return client.send(request);
    }

    /**
     * Fails the exchanges still running (with an {@link IllegalStateException}), closes the
     * connections and stops the transport's threads. Idempotent.
     */
    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "ApacheHttpTransport[" + client + "]";
    }

    /**
     * Configures an {@link ApacheHttpTransport}. Setters throw {@link NullPointerException} for null
     * and {@link IllegalArgumentException} for a bad value; {@link #build()} throws
     * {@link IllegalStateException} for a conflicting pair. Not thread-safe.
     */
    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(5);
        private int maxConnections = 128;
        private int maxConnectionsPerRoute = 16;
        private InetSocketAddress egressProxy;
        private SSLContext sslContext;

        private Builder() {}

        /**
         * How long one connection may take to open, TLS handshake included. Default: 5 s. Each
         * checked address tried takes at most this long; the request's own timeout bounds the whole.
         *
         * @param connectTimeout the timeout, positive
         * @return this builder
         * @throws NullPointerException if connectTimeout is null
         * @throws IllegalArgumentException if connectTimeout is zero or negative
         */
        public Builder connectTimeout(Duration connectTimeout) {
            Objects.requireNonNull(connectTimeout, "connectTimeout cannot be null");
            if (connectTimeout.isNegative() || connectTimeout.isZero()) {
                throw new IllegalArgumentException("connectTimeout must be positive: " + connectTimeout);
            }
            this.connectTimeout = connectTimeout;
            return this;
        }

        /**
         * At most this many connections open at once, over all endpoints. Default: 128, twice the
         * sender's default {@code maxConcurrency}. The sender's own limits ({@code maxConcurrency},
         * {@code maxConcurrencyPerEndpoint}) are the real bound on what is in flight; these caps only
         * need to be at least as large, or attempts wait for a connection inside their deadline.
         *
         * @param maxConnections the limit, at least 1
         * @return this builder
         * @throws IllegalArgumentException if maxConnections is less than 1
         */
        public Builder maxConnections(int maxConnections) {
            this.maxConnections = atLeastOne(maxConnections, "maxConnections");
            return this;
        }

        /**
         * At most this many connections open at once on one route: one host name and port through
         * one checked address (or through the proxy). Default: 16, twice the sender's default
         * {@code maxConcurrencyPerEndpoint}.
         *
         * @param maxConnectionsPerRoute the limit, at least 1
         * @return this builder
         * @throws IllegalArgumentException if maxConnectionsPerRoute is less than 1
         */
        public Builder maxConnectionsPerRoute(int maxConnectionsPerRoute) {
            this.maxConnectionsPerRoute = atLeastOne(maxConnectionsPerRoute, "maxConnectionsPerRoute");
            return this;
        }

        /**
         * Sends every request through this HTTP proxy: {@code CONNECT host:port} for {@code https},
         * the absolute URI for {@code http}. For hosts that run an SSRF-filtering egress proxy: the
         * proxy resolves the endpoint's host and must refuse private addresses itself (the checked
         * addresses are not used). No proxy authentication. Default: none, direct connections.
         *
         * @param egressProxy the proxy's address, resolved (this transport resolves no names)
         * @return this builder
         * @throws NullPointerException if egressProxy is null
         * @throws IllegalArgumentException if egressProxy is unresolved
         */
        public Builder egressProxy(InetSocketAddress egressProxy) {
            Objects.requireNonNull(egressProxy, "egressProxy cannot be null");
            if (egressProxy.isUnresolved()) {
                throw new IllegalArgumentException("egressProxy must be a resolved address: " + egressProxy);
            }
            this.egressProxy = egressProxy;
            return this;
        }

        /**
         * The TLS context: its trust managers decide which certificates are trusted (for a private
         * CA, or a test certificate). The certificate is always verified against the URL's host name.
         * Default: {@link SSLContext#getDefault()}, the JDK's default trust.
         *
         * @param sslContext the initialised context
         * @return this builder
         * @throws NullPointerException if sslContext is null
         */
        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = Objects.requireNonNull(sslContext, "sslContext cannot be null");
            return this;
        }

        /**
         * A started transport with these settings.
         *
         * @return the transport; close it when done
         * @throws IllegalStateException if maxConnectionsPerRoute exceeds maxConnections, or the
         *     JDK has no default TLS context
         */
        public ApacheHttpTransport build() {
            if (maxConnectionsPerRoute > maxConnections) {
                throw new IllegalStateException("maxConnectionsPerRoute (" + maxConnectionsPerRoute
                        + ") cannot exceed maxConnections (" + maxConnections + ")");
            }
            TransportConfig config = new TransportConfig(connectTimeout, maxConnections, maxConnectionsPerRoute,
                    egressProxy, sslContext != null ? sslContext : defaultSslContext());
            return new ApacheHttpTransport(PinnedClient.start(config));
        }

        private static SSLContext defaultSslContext() {
            try {
                return SSLContext.getDefault();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK has no default TLS context", e);
            }
        }

        private static int atLeastOne(int value, String name) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1: " + value);
            }
            return value;
        }
    }
}
