package com.migomail.webhooks.store;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A delivery to create together with its event. Immutable, so safe to share between threads.
 *
 * @param id the delivery id ({@code dlv_…})
 * @param endpointId the endpoint it goes to
 * @param status {@link DeliveryStatus#PENDING} (due at the event's {@code storedAt}) or
 *     {@link DeliveryStatus#SKIPPED} (endpoint disabled)
 */
public record NewDelivery(String id, String endpointId, DeliveryStatus status) {
    /**
     * Validates the components.
     *
     * @param id the delivery id ({@code dlv_…})
     * @param endpointId the endpoint it goes to
     * @param status {@link DeliveryStatus#PENDING} or {@link DeliveryStatus#SKIPPED}
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if {@code status} is neither {@code PENDING} nor {@code SKIPPED}
     */
    public NewDelivery {
        Objects.requireNonNull(id, "id cannot be null");
        Objects.requireNonNull(endpointId, "endpointId cannot be null");
        Objects.requireNonNull(status, "status cannot be null");
        if (status != DeliveryStatus.PENDING && status != DeliveryStatus.SKIPPED) {
            throw new IllegalArgumentException("a new delivery is PENDING or SKIPPED, not " + status);
        }
    }

    /**
     * Checks the rule every {@link EventStore#append} applies to one call's deliveries: no null
     * element, no id twice, no endpoint twice. Stores call it before writing anything.
     *
     * @param deliveries the deliveries of one append
     * @return an immutable copy of the list
     * @throws NullPointerException if the list or an element is null
     * @throws IllegalArgumentException if two deliveries share an id or an endpoint
     */
    public static List<NewDelivery> requireDistinct(List<NewDelivery> deliveries) {
        Objects.requireNonNull(deliveries, "deliveries cannot be null");
        Set<String> ids = new HashSet<>();
        Set<String> endpointIds = new HashSet<>();
        for (NewDelivery delivery : deliveries) {
            Objects.requireNonNull(delivery, "deliveries cannot contain null");
            if (!ids.add(delivery.id())) {
                throw new IllegalArgumentException("deliveries share the id " + delivery.id());
            }
            if (!endpointIds.add(delivery.endpointId())) {
                throw new IllegalArgumentException("deliveries go twice to endpoint " + delivery.endpointId());
            }
        }
        return List.copyOf(deliveries);
    }

    /**
     * The delivery {@link EventStore#append} stores for this one with that event, as its javadoc
     * says: attempt count 0, not a replay, no lease, created and updated at the event's
     * {@link StoredEvent#storedAt() storedAt}, and due then if {@link DeliveryStatus#PENDING} (a
     * {@link DeliveryStatus#SKIPPED} one has no {@code nextAttemptAt}).
     *
     * @param event the event being appended; gives the delivery its tenant, event id and times
     * @return a new delivery
     * @throws NullPointerException if the event is null
     */
    public Delivery toDelivery(StoredEvent event) {
        Instant due = status == DeliveryStatus.PENDING ? event.storedAt() : null;
        return new Delivery(id, event.tenant(), event.id(), endpointId, status, 0, due, false, null, null, event.storedAt(),
                event.storedAt());
    }
}
