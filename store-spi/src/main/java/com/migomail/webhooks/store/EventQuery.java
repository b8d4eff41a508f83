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

    /** Validates and copies. */
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

    /** All events in [from, to), oldest first, 100 a page. */
    public static EventQuery between(Instant from, Instant to) {
        return new EventQuery(from, to, Set.of(), null, Set.of(), SortOrder.OLDEST_FIRST, 100, null);
    }

    /** This query keeping only these types. */
    public EventQuery withTypes(Set<String> newTypes) {
        return new EventQuery(from, to, newTypes, endpointId, deliveryStatuses, order, limit, cursor);
    }

    /** This query keeping only events with a delivery to that endpoint. */
    public EventQuery withEndpoint(String newEndpointId) {
        return new EventQuery(from, to, types, newEndpointId, deliveryStatuses, order, limit, cursor);
    }

    /** This query keeping only events with a delivery in one of these statuses. */
    public EventQuery withDeliveryStatuses(Set<DeliveryStatus> statuses) {
        return new EventQuery(from, to, types, endpointId, statuses, order, limit, cursor);
    }

    /** This query in that order. */
    public EventQuery withOrder(SortOrder newOrder) {
        return new EventQuery(from, to, types, endpointId, deliveryStatuses, newOrder, limit, cursor);
    }

    /** This query with that page size. */
    public EventQuery withLimit(int newLimit) {
        return new EventQuery(from, to, types, endpointId, deliveryStatuses, order, newLimit, cursor);
    }

    /** This query from that cursor on. */
    public EventQuery withCursor(String newCursor) {
        return new EventQuery(from, to, types, endpointId, deliveryStatuses, order, limit, newCursor);
    }
}
