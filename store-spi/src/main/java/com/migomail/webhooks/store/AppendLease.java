package com.migomail.webhooks.store;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * The leases a publishing node takes on some of an append's new deliveries, so that it can attempt
 * them at once without a separate claim (see {@link WebhookStore#append(StoredEvent, java.util.List,
 * AppendLease)}). Immutable.
 *
 * @param owner the node the deliveries are leased to, recorded as {@link Delivery#leaseOwner()}
 * @param duration how long each lease lasts from the event's {@link StoredEvent#storedAt()}; positive
 * @param deliveryIds the ids of the {@link DeliveryStatus#PENDING} new deliveries to lease; may be empty
 */
public record AppendLease(String owner, Duration duration, Set<String> deliveryIds) {
    /**
     * Validates and copies the components.
     *
     * @param owner the node the deliveries are leased to
     * @param duration how long each lease lasts; positive
     * @param deliveryIds the deliveries to lease; copied
     * @throws NullPointerException if a component or an id is null
     * @throws IllegalArgumentException if {@code duration} is not positive
     */
    public AppendLease {
        Objects.requireNonNull(owner, "owner cannot be null");
        Objects.requireNonNull(duration, "duration cannot be null");
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("lease duration must be positive: " + duration);
        }
        deliveryIds = Set.copyOf(deliveryIds);
    }
}
