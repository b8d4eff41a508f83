package com.migomail.webhooks.store;

import com.migomail.webhooks.store.internal.InMemoryWebhookStore;
import java.util.ArrayList;
import java.util.List;

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
     * Appends as {@link #append(StoredEvent, List)} does, and stores the deliveries that the lease
     * names already leased to its owner, as if claimed at the event's {@link StoredEvent#storedAt()}
     * for the lease's duration: the publishing node can attempt them at once, without a separate
     * claim. If the event id is already stored nothing is written and nothing is leased.
     *
     * <p>The default appends, then claims each named delivery by id ({@link #claim});
     * a named delivery that another node claimed in between is returned as stored. The built-in
     * stores write the leases with the deliveries, in the same transaction.
     *
     * @param event the event; its id decides whether it is new
     * @param deliveries its deliveries, at most one per endpoint; may be empty
     * @param lease the owner, duration and ids of the pending deliveries to lease
     * @return whether the event was new, and the event and its deliveries as stored afterwards (the
     *     leased ones with their lease)
     * @throws IllegalArgumentException as {@link #append(StoredEvent, List)}, or if the lease names a
     *     delivery that is not a pending delivery of this append (nothing is written)
     * @throws NotFoundException as {@link #append(StoredEvent, List)}
     * @throws StoreException as {@link #append(StoredEvent, List)}
     */
    default AppendResult append(StoredEvent event, List<NewDelivery> deliveries, AppendLease lease) {
        StoreArguments.checkAppend(event, deliveries, lease);
        AppendResult result = append(event, deliveries);
        if (!result.created() || lease.deliveryIds().isEmpty()) {
            return result;
        }
        List<Delivery> leased = new ArrayList<>(result.deliveries().size());
        for (Delivery delivery : result.deliveries()) {
            leased.add(lease.deliveryIds().contains(delivery.id())
                    ? claim(delivery.id(), event.storedAt(), lease.owner(), lease.duration()).orElse(delivery)
                    : delivery);
        }
        return new AppendResult(true, result.event(), leased);
    }

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
