package com.migomail.webhooks.delivery.internal;

import com.migomail.webhooks.delivery.DeliveryListener;
import com.migomail.webhooks.delivery.DeliveryTracer;
import com.migomail.webhooks.delivery.EndpointAddressPolicy;
import com.migomail.webhooks.delivery.RetrySchedule;
import com.migomail.webhooks.delivery.WebhookTransport;
import com.migomail.webhooks.store.WebhookStore;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The validated settings of a sender, as the builder leaves them. {@code transport},
 * {@code httpClient}, {@code scheduler} and {@code executor} are {@code null} when the sender is to
 * create its own; at most one of {@code transport}, {@code httpClient} and {@code egressProxy} is set.
 *
 * @param store the store of events, endpoints and deliveries
 * @param transport the host's transport for every request, or {@code null} for the sender's own
 * @param httpClient the client of the sender's own transport, or {@code null} for the sender's own
 * @param egressProxy the proxy the sender's own client connects through, or {@code null} for none
 * @param clock the time source
 * @param scheduler runs the poller and the purge, or {@code null} for the sender's own
 * @param executor runs store calls and signing, or {@code null} for the sender's own
 * @param retrySchedule when to retry failed attempts
 * @param attemptTimeout the overall deadline of one attempt
 * @param connectTimeout the connect timeout of the sender's own HTTP client
 * @param dnsThreads how many address checks (DNS lookups) may run at once
 * @param dnsTimeout the longest an attempt waits for its address check
 * @param maxConcurrency the most attempts in flight at once, over all endpoints
 * @param maxConcurrencyPerEndpoint the most attempts in flight at once to one endpoint
 * @param userAgent the {@code User-Agent} header
 * @param leaseDuration how long a claimed delivery is leased; at least {@link #LEASE_MARGIN}
 *     longer than the attempt timeout
 * @param pollInterval how often the store is polled for due deliveries
 * @param addressPolicy which endpoint URLs may be reached
 * @param disableEndpointOnGone whether {@code 410 Gone} disables the endpoint
 * @param endpointHealthPeriod how long an endpoint may fail every attempt before it is disabled
 * @param retention how long events and attempts are kept
 * @param purgeInterval how often expired events are purged
 * @param secretOverlap how long old secrets stay valid after a rotation
 * @param maxRetryAfter the longest delay a {@code Retry-After} header may impose
 * @param replayBatchSize how many replayed deliveries fall due per interval
 * @param replayBatchInterval the pacing interval of range replays
 * @param shutdownTimeout how long closing lets in-flight attempts finish
 * @param nodeId this sender's lease-owner name in the store
 * @param subscriberIndexKey the host's key of the subscriber index, or {@code null} for the store's
 * @param listeners the listeners, in calling order
 * @param tracer the tracer of publishes and attempts
 */
public record SenderConfig(
        WebhookStore store,
        WebhookTransport transport,
        HttpClient httpClient,
        InetSocketAddress egressProxy,
        Clock clock,
        ScheduledExecutorService scheduler,
        Executor executor,
        RetrySchedule retrySchedule,
        Duration attemptTimeout,
        Duration connectTimeout,
        int dnsThreads,
        Duration dnsTimeout,
        int maxConcurrency,
        int maxConcurrencyPerEndpoint,
        String userAgent,
        Duration leaseDuration,
        Duration pollInterval,
        EndpointAddressPolicy addressPolicy,
        boolean disableEndpointOnGone,
        Duration endpointHealthPeriod,
        Duration retention,
        Duration purgeInterval,
        Duration secretOverlap,
        Duration maxRetryAfter,
        int replayBatchSize,
        Duration replayBatchInterval,
        Duration shutdownTimeout,
        String nodeId,
        byte[] subscriberIndexKey,
        List<DeliveryListener> listeners,
        DeliveryTracer tracer) {

    /** How much longer than the attempt timeout a lease must be (store calls around the HTTP call). */
    public static final Duration LEASE_MARGIN = Duration.ofSeconds(10);

    /**
     * Copies the listeners; the builder has validated everything else.
     *
     * @param store the store of events, endpoints and deliveries
     * @param transport the host's transport for every request, or {@code null} for the sender's own
     * @param httpClient the client of the sender's own transport, or {@code null} for the sender's own
     * @param egressProxy the proxy the sender's own client connects through, or {@code null} for none
     * @param clock the time source
     * @param scheduler runs the poller and the purge, or {@code null} for the sender's own
     * @param executor runs store calls and signing, or {@code null} for the sender's own
     * @param retrySchedule when to retry failed attempts
     * @param attemptTimeout the overall deadline of one attempt
     * @param connectTimeout the connect timeout of the sender's own HTTP client
     * @param dnsThreads how many address checks (DNS lookups) may run at once
     * @param dnsTimeout the longest an attempt waits for its address check
     * @param maxConcurrency the most attempts in flight at once, over all endpoints
     * @param maxConcurrencyPerEndpoint the most attempts in flight at once to one endpoint
     * @param userAgent the {@code User-Agent} header
     * @param leaseDuration how long a claimed delivery is leased; at least {@link #LEASE_MARGIN}
     *     longer than the attempt timeout
     * @param pollInterval how often the store is polled for due deliveries
     * @param addressPolicy which endpoint URLs may be reached
     * @param disableEndpointOnGone whether {@code 410 Gone} disables the endpoint
     * @param endpointHealthPeriod how long an endpoint may fail every attempt before it is disabled
     * @param retention how long events and attempts are kept
     * @param purgeInterval how often expired events are purged
     * @param secretOverlap how long old secrets stay valid after a rotation
     * @param maxRetryAfter the longest delay a {@code Retry-After} header may impose
     * @param replayBatchSize how many replayed deliveries fall due per interval
     * @param replayBatchInterval the pacing interval of range replays
     * @param shutdownTimeout how long closing lets in-flight attempts finish
     * @param nodeId this sender's lease-owner name in the store
     * @param subscriberIndexKey the host's key of the subscriber index, or {@code null} for the store's
     * @param listeners the listeners, in calling order; copied
     * @param tracer the tracer of publishes and attempts
     * @throws NullPointerException if listeners or a listener is null
     */
    public SenderConfig {
        listeners = List.copyOf(listeners);
    }
}
