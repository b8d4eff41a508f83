package com.migomail.webhooks.store;

import com.migomail.webhooks.store.internal.InMemoryWebhookStore;

/**
 * Everything the delivery engine persists: events, endpoints, deliveries with their leases and
 * attempts, retention and erasure, each endpoint, event and delivery owned by one
 * {@linkplain TenantId tenant}. Implementations are thread-safe and take all time from the caller.
 *
 * <p>Every method rejects a {@code null} argument with a {@link NullPointerException} unless its
 * javadoc allows it (the checks are in {@link StoreArguments}). An implementation proves it keeps
 * this contract by passing the contract test kit,
 * {@code com.migomail.webhooks.store.testkit.WebhookStoreContract}, in the artifact
 * {@code migomail-webhooks-store-testkit}.
 */
public interface WebhookStore extends EventStore, EndpointStore, DeliveryStore, RetentionStore, ErasureStore {

    /**
     * A new, empty, thread-safe in-memory store, for tests, demos and single processes that may lose
     * the log on restart: everything lives in this JVM's heap and is gone when it stops, and it
     * cannot be shared between processes. Claiming, recording and lookups by id take logarithmic
     * or constant time, however many deliveries are stored.
     *
     * @return a new store, independent of every other
     */
    static WebhookStore inMemory() {
        return new InMemoryWebhookStore();
    }
}
