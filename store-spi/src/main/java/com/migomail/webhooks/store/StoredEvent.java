package com.migomail.webhooks.store;

import java.time.Instant;
import java.util.Objects;

/**
 * An event as the store keeps it: the envelope fields needed for queries and the exact body that
 * every attempt and every replay sends.
 *
 * @param id the event id ({@code evt_…}), unique
 * @param type the wire name of the event type
 * @param timestamp when the event happened (the time that range queries and retention use)
 * @param storedAt when the store accepted it
 * @param body the JSON body, byte for byte what receivers get (as UTF-8)
 */
public record StoredEvent(String id, String type, Instant timestamp, Instant storedAt, String body) {
    /**
     * Validates that no component is null.
     *
     * @param id the event id ({@code evt_…}), unique
     * @param type the wire name of the event type
     * @param timestamp when the event happened
     * @param storedAt when the store accepted it
     * @param body the JSON body, byte for byte what receivers get
     * @throws NullPointerException if a component is null
     */
    public StoredEvent {
        Objects.requireNonNull(id, "id cannot be null");
        Objects.requireNonNull(type, "type cannot be null");
        Objects.requireNonNull(timestamp, "timestamp cannot be null");
        Objects.requireNonNull(storedAt, "storedAt cannot be null");
        Objects.requireNonNull(body, "body cannot be null");
    }
}
