package com.migomail.webhooks.delivery.internal;

import com.migomail.webhooks.store.Endpoint;
import com.migomail.webhooks.store.EndpointVersionConflictException;
import com.migomail.webhooks.store.NotFoundException;
import com.migomail.webhooks.store.WebhookStore;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Read-modify-write of one endpoint over the store's conditional update. The change is made from the
 * endpoint as read; if another write came in between (a disable during an update's address check, a
 * rotation, a health mark, another node), the store refuses it, and the same change is made again
 * from a fresh read. So a change never undoes another one, and nothing waits: a conflict means the
 * other write is done.
 */
final class EndpointUpdates {

    /**
     * Tries before the conflict is passed on. Each conflict means another write succeeded in between,
     * so only a storm of writes to one endpoint uses them up. Three threads updating, rotating and
     * disabling one endpoint on PostgreSQL as fast as they can ran out of 10 tries in 10 runs of 50,
     * and out of 50 tries in none of 200.
     */
    static final int MAX_TRIES = 50;

    private EndpointUpdates() {}

    /**
     * Stores {@code change} applied to the endpoint, trying again from a fresh read on a conflict.
     *
     * @param read the endpoint as read: the first try changes it
     * @param change the endpoint to store, made from the stored one (keeping its version), or
     *     {@code null} to leave it as it is
     * @return the endpoint as stored afterwards, or empty if {@code change} left it as it is
     * @throws NotFoundException if the endpoint is not stored (it was deleted meanwhile)
     * @throws EndpointVersionConflictException if another write came in before each of the
     *     {@link #MAX_TRIES} tries
     */
    static Optional<Endpoint> update(WebhookStore store, Endpoint read, UnaryOperator<Endpoint> change) {
        Endpoint current = read;
        for (int tried = 1; ; tried++) {
            Endpoint changed = change.apply(current);
            if (changed == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(store.updateEndpoint(changed));
            } catch (EndpointVersionConflictException e) {
                if (tried == MAX_TRIES) {
                    throw e;
                }
                current = store.endpoint(read.tenant(), read.id())
                        .orElseThrow(() -> new NotFoundException("endpoint", read.id()));
            }
        }
    }
}
