package com.migomail.webhooks.store;

import java.util.Optional;
import java.util.List;

/**
 * Events and their deliveries. All times come from the caller. Every lookup and listing is scoped to
 * one tenant: another tenant's event is treated exactly as an unknown id.
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
     * returned in the order given, and have the event's tenant. Concurrent appends of one event id
     * create it once.
     *
     * <p>Every delivery must go to a stored endpoint of the event's {@linkplain StoredEvent#tenant()
     * tenant}: the store checks it, so that no mistake in a fan-out can send one tenant's event to
     * another's endpoint. Event ids are unique across tenants: appending an id that another tenant's
     * event holds writes nothing and fails, without returning or describing that event.
     *
     * @param event the event; its id decides whether it is new
     * @param deliveries its deliveries, at most one per endpoint; may be empty
     * @return whether the event was new, and the event and its deliveries as stored afterwards
     * @throws IllegalArgumentException if two of the deliveries share an id or an endpoint (nothing
     *     is written)
     * @throws NotFoundException if a delivery's endpoint is not an endpoint of the event's tenant
     *     (kind {@code endpoint}; nothing is written)
     * @throws StoreException if the storage fails, a delivery id is already stored for another
     *     event, or the event id is another tenant's (nothing is written)
     */
    AppendResult append(StoredEvent event, List<NewDelivery> deliveries);

    /**
     * The tenant's event with that id, if stored.
     *
     * @param tenant the tenant whose event to read
     * @param eventId the event id ({@code evt_…})
     * @return the event as stored, or empty if the tenant has none with that id
     */
    Optional<StoredEvent> event(TenantId tenant, String eventId);

    /**
     * One page of the tenant's events in a time range, filtered and ordered as the query says; events
     * with equal timestamps are ordered by id. The last page has no next cursor. A cursor carries no
     * tenant: used with another tenant, it only positions that tenant's listing.
     *
     * @param tenant the tenant whose events to list
     * @param query the time range, filters, order, page size and the cursor of the page to read
     * @return the page, at most {@code query.limit()} events, all of the tenant
     * @throws IllegalArgumentException if the query's cursor is not one this store issued for events
     */
    Page<StoredEvent> events(TenantId tenant, EventQuery query);
}
