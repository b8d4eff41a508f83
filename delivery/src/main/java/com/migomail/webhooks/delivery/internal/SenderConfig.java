package com.migomail.webhooks.delivery.internal;

import com.migomail.webhooks.delivery.DeliveryListener;
import com.migomail.webhooks.delivery.EndpointAddressPolicy;
import com.migomail.webhooks.delivery.RetrySchedule;
import com.migomail.webhooks.store.WebhookStore;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The validated settings of a sender, as the builder leaves them. {@code httpClient},
 * {@code scheduler} and {@code executor} are {@code null} when the sender is to create its own.
 */
public record SenderConfig(
        WebhookStore store,
        HttpClient httpClient,
        Clock clock,
        ScheduledExecutorService scheduler,
        Executor executor,
        RetrySchedule retrySchedule,
        Duration attemptTimeout,
        Duration connectTimeout,
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
        List<DeliveryListener> listeners) {

    /** How much longer than the attempt timeout a lease must be (store calls around the HTTP call). */
    public static final Duration LEASE_MARGIN = Duration.ofSeconds(10);

    /** Copies the listeners. */
    public SenderConfig {
        listeners = List.copyOf(listeners);
    }
}
