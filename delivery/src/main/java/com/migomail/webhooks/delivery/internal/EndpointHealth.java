package com.migomail.webhooks.delivery.internal;

import com.migomail.webhooks.delivery.DeliveryListener;
import com.migomail.webhooks.store.Endpoint;
import com.migomail.webhooks.store.NotFoundException;
import com.migomail.webhooks.store.TenantId;
import com.migomail.webhooks.store.WebhookStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tracks whether endpoints keep failing, and disables them when they fail for too long. */
final class EndpointHealth {
    private static final Logger LOG = LoggerFactory.getLogger(EndpointHealth.class);

    private final WebhookStore store;
    private final Clock clock;
    private final Duration period;
    private final Listeners listeners;

    /** @param period how long every attempt must have failed before the endpoint is disabled */
    EndpointHealth(WebhookStore store, Clock clock, Duration period, Listeners listeners) {
        this.store = store;
        this.clock = clock;
        this.period = period;
        this.listeners = listeners;
    }

    /**
     * Notes an attempt outcome against the endpoint as loaded for the attempt; disables the endpoint
     * once every attempt has failed for the whole health period.
     *
     * <p>Writes only a change of health, so a healthy endpoint's successes and a failing one's
     * further failures cost no store call. The loaded endpoint may be a moment stale (another attempt
     * may have changed its health since); the next attempt then sees that change, and disabling
     * always rests on the stored state, never on the loaded one.
     */
    void record(Endpoint loaded, boolean succeeded, Instant at, Instant now) {
        if (succeeded ? loaded.failingSince() == null : loaded.failingSince() != null && !failedForThePeriod(loaded, now)) {
            return;
        }
        Endpoint endpoint;
        try {
            endpoint = store.recordEndpointHealth(loaded.tenant(), loaded.id(), succeeded, at);
        } catch (NotFoundException e) {
            LOG.debug("endpoint {} was deleted during an attempt; its health is not recorded", loaded.id());
            return;
        }
        if (!succeeded && endpoint.enabled() && failedForThePeriod(endpoint, now)) {
            disable(endpoint.tenant(), endpoint.id(), DeliveryListener.FAILING_REASON_PREFIX + endpoint.failingSince()
                    + " (health period " + period + ")");
        }
    }

    private boolean failedForThePeriod(Endpoint endpoint, Instant now) {
        return endpoint.failingSince() != null && !now.isBefore(endpoint.failingSince().plus(period));
    }

    /**
     * Disables an endpoint and tells the listeners, unless it is disabled already. A conditional
     * write: a change made since the read (an update of its URL, say) is kept, not undone, and only
     * the write that turned it off tells the listeners.
     */
    void disable(TenantId tenant, String endpointId, String reason) {
        Endpoint current = store.endpoint(tenant, endpointId).orElse(null);
        if (current == null || !current.enabled()) {
            return;
        }
        Instant now = clock.instant();
        Optional<Endpoint> disabled;
        try {
            disabled = EndpointUpdates.update(store, current,
                    stored -> stored.enabled() ? withEnabled(stored, false, reason, now) : null);
        } catch (NotFoundException e) {
            return; // deleted meanwhile: nothing left to disable
        }
        disabled.ifPresent(endpoint -> {
            LOG.warn("endpoint {} disabled: {}", endpointId, reason);
            listeners.fire("onEndpointDisabled", l -> l.onEndpointDisabled(endpoint, reason));
        });
    }

    /** A copy of the endpoint enabled or disabled (with that reason). */
    static Endpoint withEnabled(Endpoint endpoint, boolean enabled, String reason, java.time.Instant now) {
        return endpoint.withEnabled(enabled).withDisabledReason(reason).withUpdatedAt(now);
    }
}
