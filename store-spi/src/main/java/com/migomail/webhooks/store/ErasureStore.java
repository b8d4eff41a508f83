package com.migomail.webhooks.store;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Deletion of a tenant's data: account closure, and the erasure of one subscriber's events. Both
 * work in bounded batches, each a short transaction, so that a large tenant never holds up
 * publishing or delivering for the others: callers repeat a call until it returns
 * {@link ErasureCounts#isEmpty() nothing}. Both are idempotent and safe with several sender nodes
 * at work; a delivery deleted while its attempt is in flight is not recorded afterwards (the
 * attempt's {@link DeliveryStore#recordAttempt} finds no delivery).
 */
public interface ErasureStore {

    /**
     * Deletes one batch of a tenant's data: first its endpoints (keys included), at most
     * {@code batchSize}; once it has none, at most {@code batchSize} of its events with their
     * deliveries and attempts. Repeat until the result {@linkplain ErasureCounts#isEmpty() is empty};
     * then nothing of the tenant remains but what was published for it meanwhile. One call may
     * delete the last endpoints and a first batch of events, but never an event while an endpoint
     * remains.
     *
     * <p>Between the endpoint batches and the event batches, the deleted endpoints' pending
     * deliveries are still stored as pending (they are not cancelled one by one: they are about to
     * go); a sender that claims one meanwhile finds no endpoint and cancels it, so nothing is sent
     * to a deleted endpoint.
     *
     * @param tenant the tenant to delete
     * @param batchSize the most endpoints, or events, to delete in this call, at least 1
     * @return what this call deleted; empty when the tenant has nothing left (or never existed)
     * @throws IllegalArgumentException if {@code batchSize} is less than 1
     */
    ErasureCounts deleteTenantBatch(TenantId tenant, int batchSize);

    /**
     * Deletes at most {@code batchSize} of the tenant's events whose
     * {@link StoredEvent#subscriberKey()} is {@code subscriberKey}, with their deliveries and
     * attempts, pending ones included (they are not sent afterwards). Events of other tenants with
     * the same key are kept. Repeat until the result {@linkplain ErasureCounts#isEmpty() is empty}.
     *
     * @param tenant the tenant whose events to erase
     * @param subscriberKey the keyed hash of the subscriber's lower-cased address, as the sender
     *     stored it
     * @param batchSize the most events to delete in this call, at least 1
     * @return what this call deleted ({@code endpoints} is 0)
     * @throws IllegalArgumentException if {@code batchSize} is less than 1
     */
    ErasureCounts eraseSubscriberBatch(TenantId tenant, String subscriberKey, int batchSize);

    /**
     * The secret key the sender hashes subscriber addresses with for {@link StoredEvent#subscriberKey()},
     * unless the host configures its own: 32 random bytes, created on the first call and the same
     * afterwards for every store instance over the same data (every node of a shared database), so
     * that the index is a keyed hash, not a hash anyone can recompute from a guessed address.
     *
     * @return a copy of the key, 32 bytes
     */
    byte[] subscriberIndexKey();

    /**
     * Up to {@code limit} of the tenant's events of those types that have no
     * {@link StoredEvent#subscriberKey()}, oldest first: events stored before the store indexed
     * subscribers (the rows of JDBC schema version 1, say), which the sender indexes with
     * {@link #setSubscriberKeys} before it erases a subscriber.
     *
     * @param tenant the tenant whose events to read
     * @param types the wire types whose events name a subscriber; empty finds nothing
     * @param limit the most events to return, at least 1
     * @return the events, at most {@code limit}; empty when every such event has a key
     * @throws IllegalArgumentException if {@code limit} is less than 1
     */
    List<StoredEvent> eventsWithoutSubscriberKey(TenantId tenant, Set<String> types, int limit);

    /**
     * Sets the subscriber key of those of the tenant's events that have none; an event of another
     * tenant, an unknown one, or one that has a key already is left as it is.
     *
     * @param tenant the tenant of the events
     * @param keysByEventId the key for each event id
     * @return how many events took their key
     */
    int setSubscriberKeys(TenantId tenant, Map<String, String> keysByEventId);
}
