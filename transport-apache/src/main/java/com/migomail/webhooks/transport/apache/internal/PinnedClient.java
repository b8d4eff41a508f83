package com.migomail.webhooks.transport.apache.internal;

import com.migomail.webhooks.delivery.WebhookRequest;
import com.migomail.webhooks.delivery.WebhookResponse;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.ssl.TLS;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The Apache async client set up as the transport needs it, and the deadline thread that ends
 * exchanges on time. Thread-safe.
 */
public final class PinnedClient {
    private static final TimeValue MAX_IDLE = TimeValue.ofMinutes(1);

    private final CloseableHttpAsyncClient client;
    private final ScheduledThreadPoolExecutor deadlines;
    private final InetSocketAddress egressProxy;
    private final Set<Exchange> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private PinnedClient(CloseableHttpAsyncClient client, ScheduledThreadPoolExecutor deadlines,
            InetSocketAddress egressProxy) {
        this.client = client;
        this.deadlines = deadlines;
        this.egressProxy = egressProxy;
    }

    /**
     * Builds and starts the client.
     *
     * @param config the validated settings
     * @return the running client
     */
    public static PinnedClient start(TransportConfig config) {
        ScheduledThreadPoolExecutor deadlines = new ScheduledThreadPoolExecutor(1, daemons("migomail-apache-deadline"));
        // A deadline is cancelled as soon as its exchange ends: drop it then instead of holding it
        // (and its exchange) until it would have fired.
        deadlines.setRemoveOnCancelPolicy(true);
        CloseableHttpAsyncClient client = HttpAsyncClients.custom()
                .setConnectionManager(connectionManager(config))
                .setRoutePlanner(new CheckedAddressRoutePlanner(proxyHost(config.egressProxy())))
                .setIOReactorConfig(IOReactorConfig.custom().setSoKeepAlive(true).build())
                .setThreadFactory(daemons("migomail-apache-io"))
                .addExecInterceptorAfter(ChainElement.CONNECT.name(), ConnectedMarker.NAME, new ConnectedMarker())
                // HTTP/1.1 keeps connections open without being asked; the receiver sees the same
                // headers as from the default transport.
                .addRequestInterceptorLast((request, entity, context) -> request.removeHeaders(HttpHeaders.CONNECTION))
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableConnectionState()
                .disableContentCompression()
                .disableRequestPriority()
                .evictIdleConnections(MAX_IDLE)
                .build();
        client.start();
        return new PinnedClient(client, deadlines, config.egressProxy());
    }

    private static PoolingAsyncClientConnectionManager connectionManager(TransportConfig config) {
        Timeout connectTimeout = Timeout.ofMilliseconds(config.connectTimeout().toMillis());
        return PoolingAsyncClientConnectionManagerBuilder.create()
                .setTlsStrategy(ClientTlsStrategyBuilder.create()
                        .setSslContext(config.sslContext())
                        .setTlsVersions(TLS.V_1_3, TLS.V_1_2)
                        // The JDK's own check (the one java.net.http makes), against the route's host
                        // name, never the address.
                        .setHostVerificationPolicy(HostnameVerificationPolicy.BUILTIN)
                        .buildAsync())
                .setDnsResolver(RefusingDnsResolver.INSTANCE)
                .setMaxConnTotal(config.maxConnections())
                .setMaxConnPerRoute(config.maxConnectionsPerRoute())
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connectTimeout).build())
                .setDefaultTlsConfig(TlsConfig.custom()
                        .setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1)
                        .setHandshakeTimeout(connectTimeout)
                        .build())
                .build();
    }

    private static HttpHost proxyHost(InetSocketAddress proxy) {
        return proxy == null ? null : new HttpHost("http", proxy.getAddress(), proxy.getHostString(), proxy.getPort());
    }

    /**
     * Sends one request.
     *
     * @param request the request
     * @return its response or error, within its timeout
     */
    public CompletableFuture<WebhookResponse> send(WebhookRequest request) {
        if (closed) {
            return CompletableFuture.failedFuture(closedError());
        }
        List<InetAddress> targets = egressProxy != null ? Collections.singletonList(null) : request.addresses();
        Exchange exchange = new Exchange(client, request, targets);
        // Registered before the second look at the flag: either this send sees the close, or the
        // close sees this exchange; no exchange is left waiting on a client that is gone.
        inFlight.add(exchange);
        if (closed) {
            exchange.abort(closedError());
        }
        CompletableFuture<WebhookResponse> result = exchange.start(deadlines);
        result.whenComplete((response, error) -> inFlight.remove(exchange));
        return result;
    }

    /**
     * Fails the exchanges in flight, then closes connections and threads; idempotent. Apache's
     * client does not complete an exchange that its shutdown cuts off, and waits for it a while.
     */
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Exchange exchange : inFlight) {
            exchange.abort(closedError());
        }
        // Every exchange has failed already, so nothing is left to finish: a graceful close would
        // wait (seconds, under load) on a connection whose cancellation Apache has not yet acted on.
        client.close(CloseMode.IMMEDIATE);
        deadlines.shutdownNow();
    }

    private static IllegalStateException closedError() {
        return new IllegalStateException("transport is closed");
    }

    @Override
    public String toString() {
        return egressProxy == null ? "direct to checked addresses"
                : "via egress proxy " + egressProxy.getHostString() + ":" + egressProxy.getPort();
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
