package com.migomail.webhooks.store;

/**
 * Everything the delivery engine persists: events, endpoints, deliveries with their leases and
 * attempts, and retention. Implementations are thread-safe and take all time from the caller.
 */
public interface WebhookStore extends EventStore, EndpointStore, DeliveryStore, RetentionStore {

    /**
     * A new, empty, thread-safe in-memory store, for tests, demos and single processes that may lose
     * the log on restart.
     */
    static WebhookStore inMemory() {
        throw new UnsupportedOperationException("skeleton: P1.3");
    }
}
