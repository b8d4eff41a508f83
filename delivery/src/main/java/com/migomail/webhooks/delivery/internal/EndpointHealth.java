package com.migomail.webhooks.delivery.internal;

import com.migomail.webhooks.store.Endpoint;
import com.migomail.webhooks.store.WebhookStore;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tracks whether endpoints keep failing, and disables them when they fail for too long. */
final class EndpointHealth {
    private static final Logger LOG = LoggerFactory.getLogger(EndpointHealth.class);

    private final SenderConfig config;
    private final WebhookStore store;
    private final Listeners listeners;

    EndpointHealth(SenderConfig config, Listeners listeners) {
        this.config = config;
        this.store = config.store();
        this.listeners = listeners;
    }

    /** Notes an attempt outcome; disables the endpoint once it has failed for the whole health period. */
    void record(String endpointId, boolean succeeded, Instant at, Instant now) {
        Endpoint endpoint = store.recordEndpointHealth(endpointId, succeeded, at);
        if (!succeeded && endpoint.enabled() && endpoint.failingSince() != null
                && !now.isBefore(endpoint.failingSince().plus(config.endpointHealthPeriod()))) {
            disable(endpointId, "every attempt failed since " + endpoint.failingSince()
                    + " (health period " + config.endpointHealthPeriod() + ")");
        }
    }

    /** Disables an endpoint and tells the listeners, unless it is disabled already. */
    void disable(String endpointId, String reason) {
        Endpoint current = store.endpoint(endpointId).orElse(null);
        if (current == null || !current.enabled()) {
            return;
        }
        Endpoint disabled = store.updateEndpoint(withEnabled(current, false, reason, config.clock().instant()));
        LOG.warn("endpoint {} disabled: {}", endpointId, reason);
        listeners.fire("onEndpointDisabled", l -> l.onEndpointDisabled(disabled, reason));
    }

    /** A copy of the endpoint enabled or disabled (with that reason). */
    static Endpoint withEnabled(Endpoint endpoint, boolean enabled, String reason, java.time.Instant now) {
        return endpoint.withEnabled(enabled).withDisabledReason(reason).withUpdatedAt(now);
    }
}
