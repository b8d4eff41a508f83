package com.migomail.webhooks.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A range query over events by their {@link StoredEvent#timestamp()}, paged with a keyset cursor on
 * (timestamp, id), so that events arriving while a caller pages are neither skipped nor repeated.
 *
 * @param from inclusive lower bound
 * @param to exclusive upper bound
 * @param types wire type names to keep; empty keeps all
 * @param endpointId keep only events with a delivery to this endpoint; {@code null} keeps all
 * @param deliveryStatuses keep only events with a delivery (to {@code endpointId}, if set) in one of
 *     these statuses; empty keeps all
 * @param order oldest or newest first
 * @param limit page size, 1 to 1000
 * @param cursor the previous page's {@link Page#nextCursor()}, or {@code null} for the first page
 */
public record EventQuery(
        Instant from,
        Instant to,
        Set<String> types,
        String endpointId,
        Set<DeliveryStatus> deliveryStatuses,
        SortOrder order,
        int limit,
        String cursor) {

    /** Largest page a store must serve. */
    public static final int MAX_LIMIT = 1000;

    /**
     * Validates and copies.
     *
     * @param from inclusive lower bound
     * @param to exclusive upper bound, not before {@code from}
     * @param types wire type names to keep; empty keeps all; copied
     * @param endpointId keep only events with a delivery to this endpoint; {@code null} keeps all
     * @param deliveryStatuses keep only events with a delivery in one of these statuses; empty keeps
     *     all; copied
     * @param order oldest or newest first
     * @param limit page size, 1 to {@value #MAX_LIMIT}
     * @param cursor the previous page's {@link Page#nextCursor()}, or {@code null} for the first page
     * @throws NullPointerException if {@code from}, {@code to}, {@code order}, {@code types},
     *     {@code deliveryStatuses} or an element of a set is null
     * @throws IllegalArgumentException if {@code limit} is out of range or {@code to} is before
     *     {@code from}
     */
    public EventQuery {
        Objects.requireNonNull(from, "from cannot be null");
        Objects.requireNonNull(to, "to cannot be null");
        Objects.requireNonNull(order, "order cannot be null");
        types = Set.copyOf(types);
        deliveryStatuses = Set.copyOf(deliveryStatuses);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ": " + limit);
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to (" + to + ") is before from (" + from + ")");
        }
    }

    /**
     * All events in [from, to), oldest first, 100 a page.
     *
     * @param from inclusive lower bound on {@link StoredEvent#timestamp()}
     * @param to exclusive upper bound, not before {@code from}
     * @return the first page's query: no filter, oldest first, limit 100, no cursor
     * @throws NullPointerException if {@code from} or {@code to} is null
     * @throws IllegalArgumentException if {@code to} is before {@code from}
     */
    public static EventQuery between(Instant from, Instant to) {
        return new EventQuery(from, to, Set.of(), null, Set.of(), SortOrder.OLDEST_FIRST, 100, null);
    }

    /**
     * This query keeping only these types.
     *
     * @param newTypes the wire type names to keep, replacing any type filter; empty keeps all
     * @return a new query, otherwise equal to this one
     * @throws NullPointerException if {@code newTypes} or an element is null
     */
    public EventQuery withTypes(Set<String> newTypes) {
        return new EventQuery(from, to, newTypes, endpointId, deliveryStatuses, order, limit, cursor);
    }

    /**
     * This query keeping only events with a delivery to that endpoint.
     *
     * @param newEndpointId the endpoint id ({@code ep_…}), or {@code null} to drop the endpoint filter
     * @return a new query, otherwise equal to this one
     */
    public EventQuery withEndpoint(String newEndpointId) {
        return new EventQuery(from, to, types, newEndpointId, deliveryStatuses, order, limit, cursor);
    }

    /**
     * This query keeping only events with a delivery in one of these statuses.
     *
     * @param statuses the statuses, replacing any status filter; empty keeps all
     * @return a new query, otherwise equal to this one
     * @throws NullPointerException if {@code statuses} or an element is null
     */
    public EventQuery withDeliveryStatuses(Set<DeliveryStatus> statuses) {
        return new EventQuery(from, to, types, endpointId, statuses, order, limit, cursor);
    }

    /**
     * This query in that order.
     *
     * @param newOrder oldest or newest first
     * @return a new query, otherwise equal to this one
     * @throws NullPointerException if {@code newOrder} is null
     */
    public EventQuery withOrder(SortOrder newOrder) {
        return new EventQuery(from, to, types, endpointId, deliveryStatuses, newOrder, limit, cursor);
    }

    /**
     * This query with that page size.
     *
     * @param newLimit the page size, 1 to {@value #MAX_LIMIT}
     * @return a new query, otherwise equal to this one
     * @throws IllegalArgumentException if {@code newLimit} is out of range
     */
    public EventQuery withLimit(int newLimit) {
        return new EventQuery(from, to, types, endpointId, deliveryStatuses, order, newLimit, cursor);
    }

    /**
     * This query from that cursor on.
     *
     * @param newCursor the previous page's {@link Page#nextCursor()}, or {@code null} for the first page
     * @return a new query, otherwise equal to this one
     */
    public EventQuery withCursor(String newCursor) {
        return new EventQuery(from, to, types, endpointId, deliveryStatuses, order, limit, newCursor);
    }
}
