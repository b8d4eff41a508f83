package com.migomail.webhooks.spring.autoconfigure.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;

/**
 * The {@code webhooks.received} counter, tagged {@code outcome} and {@code type}. Both come from
 * small sets ({@code type} from verified events only, the types the sender publishes), so the
 * series stay bounded whoever POSTs to the endpoint. Thread-safe.
 */
public final class MicrometerReceiverMetrics implements ReceiverMetrics {

    /** The counter's name. */
    public static final String RECEIVED = "webhooks.received";

    private final MeterRegistry registry;

    /**
     * Metrics in that registry.
     *
     * @param registry the application's registry
     */
    public MicrometerReceiverMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry cannot be null");
    }

    @Override
    public void received(String outcome, String type) {
        // The registry keeps one counter per tag set, so registering again finds the existing one.
        Counter.builder(RECEIVED)
                .description("Webhook requests received by @VerifiedWebhook arguments, by outcome and event type")
                .tag("outcome", outcome)
                .tag("type", type)
                .register(registry)
                .increment();
    }
}
