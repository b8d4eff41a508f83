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
     * @throws StoreException if the storage fails
     */
    AppendResult append(StoredEvent event, List<NewDelivery> deliveries);

    /** The event with that id, if stored. */
    Optional<StoredEvent> event(String eventId);

    /** One page of events in a time range, filtered and ordered as the query says. */
    Page<StoredEvent> events(EventQuery query);
}
