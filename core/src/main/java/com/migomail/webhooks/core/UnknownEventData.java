package com.migomail.webhooks.core;

import com.migomail.webhooks.core.internal.Checks;

/**
 * The data of an event type this version does not know (a type added to the wire contract later):
 * the type's wire name and the {@code data} as a JSON tree, so a reader stays forward compatible
 * and can still look inside. Written back, it gives the same JSON. Immutable and thread-safe.
 *
 * @param eventType the wire name, e.g. {@code list.archived}; not one of {@link EventType}
 * @param data the {@code data} value as read
 */
public record UnknownEventData(String eventType, JsonValue data) implements EventData {

    /**
     * Validates.
     *
     * @param eventType the wire name, e.g. {@code list.archived}; not one of {@link EventType}
     * @param data the {@code data} value as read
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the type is empty or one this version knows (use its
     *     record then, so that a known type is always typed)
     */
    public UnknownEventData {
        Checks.notNull(eventType, "eventType");
        Checks.notNull(data, "data");
        if (eventType.isEmpty()) {
            throw new IllegalArgumentException("eventType cannot be empty");
        }
        if (EventType.fromWireName(eventType).isPresent()) {
            throw new IllegalArgumentException("eventType " + eventType + " is a known type; use its data record");
        }
    }
}
