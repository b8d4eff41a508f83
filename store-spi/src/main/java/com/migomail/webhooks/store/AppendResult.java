package com.migomail.webhooks.store;

import java.util.List;
import java.util.Objects;

/**
 * What {@link EventStore#append} did.
 *
 * @param created {@code true} if the event is new; {@code false} if an event with that id was
 *     already stored, in which case nothing was written and the stored event and its deliveries are
 *     returned
 * @param event the stored event
 * @param deliveries the event's deliveries
 */
public record AppendResult(boolean created, StoredEvent event, List<Delivery> deliveries) {
    /**
     * Copies the list.
     *
     * @param created {@code true} if the event is new; {@code false} if it was already stored and
     *     nothing was written
     * @param event the stored event
     * @param deliveries the event's deliveries; copied
     * @throws NullPointerException if {@code event}, {@code deliveries} or an element is null
     */
    public AppendResult {
        Objects.requireNonNull(event, "event cannot be null");
        deliveries = List.copyOf(deliveries);
    }
}
