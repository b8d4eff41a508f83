package com.migomail.webhooks.spring.autoconfigure.internal;

import com.migomail.webhooks.delivery.EndpointAddressPolicy;
import com.migomail.webhooks.delivery.RetrySchedule;
import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.spring.autoconfigure.WebhookSenderCustomizer;
import com.migomail.webhooks.spring.autoconfigure.WebhooksProperties;
import com.migomail.webhooks.store.WebhookStore;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** Builds the sender from {@code migomail.webhooks.sender.*}: only set values reach the builder. */
public final class SenderFactory {

    private SenderFactory() {
    }

    /**
     * A sender over the store, not started.
     *
     * @param store the store
     * @param properties the sender's properties
     * @param customizers applied in order, after the properties
     * @return the sender
     * @throws IllegalArgumentException if a value is out of range (the builder's message)
     * @throws IllegalStateException if two values conflict (the builder's message)
     */
    public static WebhookSender create(WebhookStore store, WebhooksProperties.Sender properties,
            List<WebhookSenderCustomizer> customizers) {
        WebhookSender.Builder builder = WebhookSender.builder().store(store);
        builder.addressPolicy(addressPolicy(properties.getAddressPolicy()));
        builder.retrySchedule(retrySchedule(properties));
        set(properties.getAttemptTimeout(), builder::attemptTimeout);
        set(properties.getConnectTimeout(), builder::connectTimeout);
        set(properties.getMaxConcurrency(), builder::maxConcurrency);
        set(properties.getMaxConcurrencyPerEndpoint(), builder::maxConcurrencyPerEndpoint);
        set(properties.getRetention(), builder::retention);
        set(properties.getPurgeInterval(), builder::purgeInterval);
        set(properties.getUserAgent(), builder::userAgent);
        set(properties.getNodeId(), builder::nodeId);
        set(properties.getLeaseDuration(), builder::leaseDuration);
        set(properties.getPollInterval(), builder::pollInterval);
        set(properties.getShutdownTimeout(), builder::shutdownTimeout);
        customizers.forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    static RetrySchedule retrySchedule(WebhooksProperties.Sender properties) {
        List<Duration> offsets = properties.getRetrySchedule();
        RetrySchedule schedule = offsets == null ? RetrySchedule.defaults()
                : RetrySchedule.of(offsets.toArray(Duration[]::new));
        return properties.getRetryJitter() == 0 ? schedule : schedule.withJitter(properties.getRetryJitter());
    }

    static EndpointAddressPolicy addressPolicy(WebhooksProperties.AddressPolicy policy) {
        return switch (policy) {
            case PUBLIC_HTTPS_ONLY -> EndpointAddressPolicy.publicHttpsOnly();
            case ALLOW_LOOPBACK_FOR_TESTING -> EndpointAddressPolicy.allowLoopbackForTesting();
            case ALLOW_PRIVATE_NETWORKS_UNSAFE -> EndpointAddressPolicy.allowPrivateNetworksUnsafe();
        };
    }

    private static <T> void set(T value, Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }
}
