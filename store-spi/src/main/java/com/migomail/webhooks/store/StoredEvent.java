package com.migomail.webhooks.store;

import java.time.Instant;
import java.util.Objects;

/**
 * An event as the store keeps it: the envelope fields needed for queries and the exact body that
 * every attempt and every replay sends.
 *
 * @param id the event id ({@code evt_…}), unique across tenants
 * @param tenant the tenant it was published for; only that tenant's endpoints get it
 * @param type the wire name of the event type
 * @param timestamp when the event happened (the time that range queries and retention use)
 * @param storedAt when the store accepted it
 * @param body the JSON body, byte for byte what receivers get (as UTF-8)
 * @param subscriberKey a keyed hash of the lower-cased address of the subscriber the event names
 *     (the index {@link ErasureStore#eraseSubscriberBatch} finds it by, which is no copy of the address),
 *     or {@code null} when it names none
 */
public record StoredEvent(
        String id, TenantId tenant, String type, Instant timestamp, Instant storedAt, String body,
        String subscriberKey) {

    /**
     * Validates that no required component is null.
     *
     * @param id the event id ({@code evt_…}), unique across tenants
     * @param tenant the tenant it was published for
     * @param type the wire name of the event type
     * @param timestamp when the event happened
     * @param storedAt when the store accepted it
     * @param body the JSON body, byte for byte what receivers get
     * @param subscriberKey the keyed hash of the subscriber's address, or {@code null}
     * @throws NullPointerException if a component other than {@code subscriberKey} is null
     */
    public StoredEvent {
        Objects.requireNonNull(id, "id cannot be null");
        Objects.requireNonNull(tenant, "tenant cannot be null");
        Objects.requireNonNull(type, "type cannot be null");
        Objects.requireNonNull(timestamp, "timestamp cannot be null");
        Objects.requireNonNull(storedAt, "storedAt cannot be null");
        Objects.requireNonNull(body, "body cannot be null");
    }

    /**
     * An event that names no subscriber ({@code subscriberKey} {@code null}).
     *
     * @param id the event id ({@code evt_…}), unique across tenants
     * @param tenant the tenant it was published for
     * @param type the wire name of the event type
     * @param timestamp when the event happened
     * @param storedAt when the store accepted it
     * @param body the JSON body, byte for byte what receivers get
     * @throws NullPointerException if an argument is null
     */
    public StoredEvent(String id, TenantId tenant, String type, Instant timestamp, Instant storedAt, String body) {
        this(id, tenant, type, timestamp, storedAt, body, null);
    }
}
