package com.migomail.webhooks.delivery;

import com.migomail.webhooks.store.DeliveryStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A replay of every event in a time range (by event timestamp), narrowed by the optional filters.
 * Immutable.
 *
 * @param from inclusive lower bound of the event timestamp
 * @param to exclusive upper bound
 * @param types keep only events of these wire types; empty keeps all
 * @param endpointIds replay only to these endpoints; empty replays to every endpoint that has a
 *     delivery of the event. A named endpoint subscribed to the event's type gets the event even if
 *     it had no delivery of it (it was registered later), unless {@code statuses} is set.
 * @param statuses replay only deliveries now in one of these statuses (e.g. {@code FAILED},
 *     {@code SKIPPED}); empty replays every delivery
 */
public record ReplayRequest(
        Instant from, Instant to, Set<String> types, Set<String> endpointIds, Set<DeliveryStatus> statuses) {

    /**
     * Validates and copies.
     *
     * @param from inclusive lower bound of the event timestamp
     * @param to exclusive upper bound
     * @param types wire types to keep, empty for all; copied
     * @param endpointIds endpoints to replay to, empty for all with a delivery; copied
     * @param statuses delivery statuses to replay, empty for all; copied
     * @throws NullPointerException if a component or element is null
     * @throws IllegalArgumentException if {@code to} is before {@code from}
     */
    public ReplayRequest {
        Objects.requireNonNull(from, "from cannot be null");
        Objects.requireNonNull(to, "to cannot be null");
        types = Set.copyOf(Objects.requireNonNull(types, "types cannot be null"));
        endpointIds = Set.copyOf(Objects.requireNonNull(endpointIds, "endpointIds cannot be null"));
        statuses = Set.copyOf(Objects.requireNonNull(statuses, "statuses cannot be null"));
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to (" + to + ") is before from (" + from + ")");
        }
    }

    /**
     * Every event in [from, to), to every endpoint that has a delivery of it.
     *
     * @param from inclusive lower bound of the event timestamp
     * @param to exclusive upper bound
     * @return a request with no filters
     * @throws NullPointerException if from or to is null
     * @throws IllegalArgumentException if {@code to} is before {@code from}
     */
    public static ReplayRequest between(Instant from, Instant to) {
        return new ReplayRequest(from, to, Set.of(), Set.of(), Set.of());
    }

    /**
     * This request keeping only events of these wire types.
     *
     * @param newTypes wire types ({@code email.opened}), replacing the current ones; empty keeps all
     * @return a copy with the new types
     * @throws NullPointerException if newTypes or an element is null
     */
    public ReplayRequest withTypes(Set<String> newTypes) {
        return new ReplayRequest(from, to, newTypes, endpointIds, statuses);
    }

    /**
     * This request replaying only to these endpoints.
     *
     * @param newEndpointIds endpoint ids, replacing the current ones; empty replays to every endpoint
     *     that has a delivery of the event
     * @return a copy with the new endpoints
     * @throws NullPointerException if newEndpointIds or an element is null
     */
    public ReplayRequest withEndpoints(Set<String> newEndpointIds) {
        return new ReplayRequest(from, to, types, newEndpointIds, statuses);
    }

    /**
     * This request replaying only deliveries in these statuses.
     *
     * @param newStatuses statuses, replacing the current ones; empty replays every delivery
     * @return a copy with the new statuses
     * @throws NullPointerException if newStatuses or an element is null
     */
    public ReplayRequest withStatuses(Set<DeliveryStatus> newStatuses) {
        return new ReplayRequest(from, to, types, endpointIds, newStatuses);
    }

    /**
     * This request replaying only failed and skipped deliveries.
     *
     * @return a copy with statuses {@code FAILED} and {@code SKIPPED}
     */
    public ReplayRequest onlyFailedOrSkipped() {
        return withStatuses(Set.of(DeliveryStatus.FAILED, DeliveryStatus.SKIPPED));
    }
}
