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

    /**
     * Validates and copies.
     *
     * @param eventId keep only this event's deliveries; {@code null} keeps all
     * @param endpointId keep only this endpoint's deliveries; {@code null} keeps all
     * @param statuses keep only these statuses; empty keeps all; copied
     * @param limit page size, 1 to {@value EventQuery#MAX_LIMIT}
     * @param cursor the previous page's {@link Page#nextCursor()}, or {@code null} for the first page
     * @throws NullPointerException if {@code statuses} or an element is null
     * @throws IllegalArgumentException if {@code limit} is out of range
     */
    public DeliveryQuery {
        statuses = Set.copyOf(statuses);
        if (limit < 1 || limit > EventQuery.MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + EventQuery.MAX_LIMIT + ": " + limit);
        }
    }

    /**
     * All deliveries, 100 a page.
     *
     * @return the first page's query: no filter, limit 100, no cursor
     */
    public static DeliveryQuery all() {
        return new DeliveryQuery(null, null, Set.of(), 100, null);
    }

    /**
     * This query keeping only that event's deliveries.
     *
     * @param newEventId the event id ({@code evt_…}), replacing any event filter
     * @return a new query, otherwise equal to this one
     * @throws NullPointerException if {@code newEventId} is null
     */
    public DeliveryQuery withEvent(String newEventId) {
        return new DeliveryQuery(Objects.requireNonNull(newEventId, "eventId cannot be null"), endpointId, statuses, limit, cursor);
    }

    /**
     * This query keeping only that endpoint's deliveries.
     *
     * @param newEndpointId the endpoint id ({@code ep_…}), replacing any endpoint filter
     * @return a new query, otherwise equal to this one
     * @throws NullPointerException if {@code newEndpointId} is null
     */
    public DeliveryQuery withEndpoint(String newEndpointId) {
        return new DeliveryQuery(eventId, Objects.requireNonNull(newEndpointId, "endpointId cannot be null"), statuses, limit, cursor);
    }

    /**
     * This query keeping only these statuses.
     *
     * @param newStatuses the statuses to keep, replacing any status filter; empty keeps all
     * @return a new query, otherwise equal to this one
     * @throws NullPointerException if {@code newStatuses} or an element is null
     */
    public DeliveryQuery withStatuses(Set<DeliveryStatus> newStatuses) {
        return new DeliveryQuery(eventId, endpointId, newStatuses, limit, cursor);
    }

    /**
     * This query with that page size.
     *
     * @param newLimit the page size, 1 to {@value EventQuery#MAX_LIMIT}
     * @return a new query, otherwise equal to this one
     * @throws IllegalArgumentException if {@code newLimit} is out of range
     */
    public DeliveryQuery withLimit(int newLimit) {
        return new DeliveryQuery(eventId, endpointId, statuses, newLimit, cursor);
    }

    /**
     * This query from that cursor on.
     *
     * @param newCursor the previous page's {@link Page#nextCursor()}, or {@code null} for the first page
     * @return a new query, otherwise equal to this one
     */
    public DeliveryQuery withCursor(String newCursor) {
        return new DeliveryQuery(eventId, endpointId, statuses, limit, newCursor);
    }
}
