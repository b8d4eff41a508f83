package com.migomail.webhooks.spring.autoconfigure.internal;

import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.micrometer.WebhookMetrics;
import java.util.Objects;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Binds the {@code webhooks.backlog} gauge of the metrics to the sender once every singleton exists
 * (the store migrated), so that the gauge's first count does not race the start-up.
 */
public final class BacklogBinding implements SmartInitializingSingleton {

    private final WebhookMetrics metrics;
    private final WebhookSender sender;

    /**
     * A binding.
     *
     * @param metrics the metrics whose gauge is bound
     * @param sender the sender the gauge counts the backlog of
     */
    public BacklogBinding(WebhookMetrics metrics, WebhookSender sender) {
        this.metrics = Objects.requireNonNull(metrics, "metrics cannot be null");
        this.sender = Objects.requireNonNull(sender, "sender cannot be null");
    }

    @Override
    public void afterSingletonsInstantiated() {
        metrics.bindBacklog(sender);
    }
}
