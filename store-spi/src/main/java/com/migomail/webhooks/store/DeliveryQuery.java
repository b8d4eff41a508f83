package com.migomail.webhooks.store;

import java.util.Objects;
import java.util.Set;

/**
 * A listing of deliveries, oldest created first, paged with a keyset cursor on (createdAt, id).
 *
 * @param eventId keep only this event's deliveries; {@code null} keeps all
 * @param endpointId keep only this endpoint's deliveries; {@code null} keeps all
 * @param statuses keep only these statuses; empty keeps all
 * @param limit page size, 1 to 1000
 * @param cursor the previous page's {@link Page#nextCursor()}, or {@code null}
 */
public record DeliveryQuery(String eventId, String endpointId, Set<DeliveryStatus> statuses, int limit, String cursor) {

    /** Validates and copies. */
    public DeliveryQuery {
        statuses = Set.copyOf(statuses);
        if (limit < 1 || limit > EventQuery.MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + EventQuery.MAX_LIMIT + ": " + limit);
        }
    }

    /** All deliveries, 100 a page. */
    public static DeliveryQuery all() {
        return new DeliveryQuery(null, null, Set.of(), 100, null);
    }

    /** This query keeping only that event's deliveries. */
    public DeliveryQuery withEvent(String newEventId) {
        return new DeliveryQuery(Objects.requireNonNull(newEventId, "eventId cannot be null"), endpointId, statuses, limit, cursor);
    }

    /** This query keeping only that endpoint's deliveries. */
    public DeliveryQuery withEndpoint(String newEndpointId) {
        return new DeliveryQuery(eventId, Objects.requireNonNull(newEndpointId, "endpointId cannot be null"), statuses, limit, cursor);
    }

    /** This query keeping only these statuses. */
    public DeliveryQuery withStatuses(Set<DeliveryStatus> newStatuses) {
        return new DeliveryQuery(eventId, endpointId, newStatuses, limit, cursor);
    }

    /** This query with that page size. */
    public DeliveryQuery withLimit(int newLimit) {
        return new DeliveryQuery(eventId, endpointId, statuses, newLimit, cursor);
    }

    /** This query from that cursor on. */
    public DeliveryQuery withCursor(String newCursor) {
        return new DeliveryQuery(eventId, endpointId, statuses, limit, newCursor);
    }
}
