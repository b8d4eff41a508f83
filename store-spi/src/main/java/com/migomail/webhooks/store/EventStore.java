package com.migomail.webhooks.store;

import java.util.Optional;
import java.util.List;

/**
 * Events and their deliveries. All times come from the caller.
 */
public interface EventStore {

    /**
     * Appends an event with its deliveries, atomically: afterwards either all of them are stored or,
     * on an exception, none. Appending an event id that is already stored writes nothing and returns
     * the stored event and deliveries with {@link AppendResult#created()} {@code false}.
     * {@link DeliveryStatus#PENDING} deliveries are due at {@link StoredEvent#storedAt()}.
     *
     * <p>A new delivery starts with {@code attemptCount} 0, {@code replay} false, no lease, and
     * {@code createdAt} and {@code updatedAt} at the event's {@code storedAt}; a
     * {@link DeliveryStatus#SKIPPED} one has no {@code nextAttemptAt}. A new event's deliveries are
     * returned in the order given. Concurrent appends of one event id create it once. Deliveries
     * should go to stored endpoints; a store may reject one that does not with a
     * {@link StoreException} (a foreign key, say), and need not check.
     *
     * @param event the event; its id decides whether it is new
     * @param deliveries its deliveries, at most one per endpoint; may be empty
     * @return whether the event was new, and the event and its deliveries as stored afterwards
     * @throws IllegalArgumentException if two of the deliveries share an id or an endpoint (nothing
     *     is written)
     * @throws StoreException if the storage fails, or a delivery id is already stored for another
     *     event (nothing is written)
     */
    AppendResult append(StoredEvent event, List<NewDelivery> deliveries);

    /**
     * The event with that id, if stored.
     *
     * @param eventId the event id ({@code evt_…})
     * @return the event as stored, or empty if there is none with that id
     */
    Optional<StoredEvent> event(String eventId);

    /**
     * One page of events in a time range, filtered and ordered as the query says; events with equal
     * timestamps are ordered by id. The last page has no next cursor.
     *
     * @param query the time range, filters, order, page size and the cursor of the page to read
     * @return the page, at most {@code query.limit()} events
     * @throws IllegalArgumentException if the query's cursor is not one this store issued for events
     */
    Page<StoredEvent> events(EventQuery query);
}
