package com.migomail.webhooks.micrometer.internal;

import com.migomail.webhooks.delivery.DeliveryListener;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.DeliveryOutcome;
import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.Endpoint;
import com.migomail.webhooks.store.StoredEvent;
import com.migomail.webhooks.store.TenantId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns the sender's listener calls into meters. Every tag value comes from a fixed set (outcome,
 * status class, reason) or from the event type, except the tenant and endpoint ids, which are added
 * only when asked for.
 */
public final class MetricsListener implements DeliveryListener {

    private final MeterRegistry registry;
    private final boolean tenantTags;
    private final boolean endpointTags;
    private final AtomicLong inFlight = new AtomicLong();

    /**
     * Registers the in-flight gauge; the other meters are registered when first used.
     *
     * @param registry where the meters go
     * @param tenantTags whether meters carry a {@code tenant} tag
     * @param endpointTags whether meters carry an {@code endpoint} tag
     */
    public MetricsListener(MeterRegistry registry, boolean tenantTags, boolean endpointTags) {
        this.registry = registry;
        this.tenantTags = tenantTags;
        this.endpointTags = endpointTags;
        Gauge.builder(MeterNames.IN_FLIGHT, inFlight, AtomicLong::get).strongReference(true)
                .description("Attempts this sender has started and not yet ended").register(registry);
    }

    @Override
    public void onPublished(StoredEvent event, List<Delivery> deliveries) {
        Counter.builder(MeterNames.PUBLISHED).description("Events newly stored by publish, sendTest or an outbox append")
                .tags(tenant(event.tenant()).and(MeterNames.TYPE, event.type())).register(registry).increment();
    }

    @Override
    public void onAttemptStarted(Delivery delivery) {
        inFlight.incrementAndGet();
    }

    @Override
    public void onAttemptEnded(Delivery delivery, boolean recorded) {
        inFlight.decrementAndGet();
    }

    @Override
    public void onAttempt(Delivery delivery, DeliveryAttempt attempt, DeliveryOutcome outcome) {
        Timer.builder(MeterNames.ATTEMPTS).description("Recorded delivery attempts and their latency")
                .tags(of(delivery).and(MeterNames.OUTCOME, attemptOutcome(attempt, outcome))
                        .and(MeterNames.STATUS_CLASS, statusClass(attempt.statusCode())))
                .register(registry).record(attempt.latency());
    }

    @Override
    public void onDelivered(Delivery delivery, DeliveryAttempt attempt) {
        completed(delivery, MeterNames.SUCCESS);
        if (!delivery.replay()) {
            Duration lag = Duration.between(delivery.createdAt(), attempt.startedAt().plus(attempt.latency()));
            Timer.builder(MeterNames.LAG).description("From publishing an event to its successful receipt by an endpoint")
                    .tags(of(delivery)).register(registry).record(lag.isNegative() ? Duration.ZERO : lag);
        }
    }

    @Override
    public void onFailed(Delivery delivery, DeliveryAttempt attempt) {
        completed(delivery, isGone(attempt) ? MeterNames.GONE : MeterNames.FAILED);
    }

    @Override
    public void onSkipped(Delivery delivery) {
        completed(delivery, MeterNames.SKIPPED);
    }

    @Override
    public void onEndpointDisabled(Endpoint endpoint, String reason) {
        Counter.builder(MeterNames.ENDPOINTS_DISABLED).description("Endpoints the sender disabled by itself")
                .tags(tenant(endpoint.tenant()).and(endpoint(endpoint.id())).and(MeterNames.REASON, disabledReason(reason)))
                .register(registry).increment();
    }

    private void completed(Delivery delivery, String outcome) {
        Counter.builder(MeterNames.DELIVERIES_COMPLETED).description("Deliveries that reached a final status")
                .tags(of(delivery).and(MeterNames.OUTCOME, outcome)).register(registry).increment();
    }

    /** The optional tenant and endpoint tags of a delivery. */
    private Tags of(Delivery delivery) {
        return tenant(delivery.tenant()).and(endpoint(delivery.endpointId()));
    }

    private Tags tenant(TenantId tenant) {
        return tenantTags ? Tags.of(MeterNames.TENANT, tenant.value()) : Tags.empty();
    }

    private Tags endpoint(String endpointId) {
        return endpointTags ? Tags.of(Tag.of(MeterNames.ENDPOINT, endpointId)) : Tags.empty();
    }

    static String attemptOutcome(DeliveryAttempt attempt, DeliveryOutcome outcome) {
        if (outcome.status() == DeliveryStatus.DELIVERED) {
            return MeterNames.SUCCESS;
        }
        if (outcome.status() == DeliveryStatus.PENDING) {
            return MeterNames.RETRY;
        }
        return isGone(attempt) ? MeterNames.GONE : MeterNames.FAILED;
    }

    private static boolean isGone(DeliveryAttempt attempt) {
        return attempt.statusCode() != null && attempt.statusCode() == 410;
    }

    /** {@code 1xx} to {@code 5xx}, {@code none} without a response, {@code other} for a status outside 100 to 599. */
    static String statusClass(Integer statusCode) {
        if (statusCode == null) {
            return "none";
        }
        return statusCode >= 100 && statusCode < 600 ? (statusCode / 100) + "xx" : "other";
    }

    /** {@code gone} or {@code failing} by the sender's documented reasons; {@code other} for any other text. */
    static String disabledReason(String reason) {
        if (DeliveryListener.GONE_REASON.equals(reason)) {
            return MeterNames.GONE;
        }
        return reason != null && reason.startsWith(DeliveryListener.FAILING_REASON_PREFIX) ? "failing" : "other";
    }
}
