package com.migomail.webhooks.spring.autoconfigure.internal;

import com.migomail.webhooks.delivery.DeliveryListener;
import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.store.Endpoint;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the endpoints a sender disabled by itself (410 Gone, failing for its whole health period)
 * since it was built, for the health's details: the store lists endpoints per tenant only, so a
 * count across tenants would read every tenant's endpoints on every health check. Thread-safe.
 */
public final class DisabledEndpointsCounter implements DeliveryListener {

    private final AtomicLong disabled = new AtomicLong();
    private volatile boolean attached;

    /** A counter at zero, not yet attached to a sender. */
    public DisabledEndpointsCounter() {
    }

    /**
     * Adds this counter to a sender's listeners.
     *
     * @param builder the sender's builder
     */
    public void attachTo(WebhookSender.Builder builder) {
        builder.listener(this);
        attached = true;
    }

    /**
     * Whether a sender was built with this counter, so that its count means something.
     *
     * @return true once {@link #attachTo} was called
     */
    public boolean isAttached() {
        return attached;
    }

    /**
     * The count.
     *
     * @return the endpoints disabled so far
     */
    public long count() {
        return disabled.get();
    }

    @Override
    public void onEndpointDisabled(Endpoint endpoint, String reason) {
        disabled.incrementAndGet();
    }
}
