package com.migomail.webhooks.store;

import java.util.Objects;

/**
 * A delivery to create together with its event.
 *
 * @param id the delivery id ({@code dlv_…})
 * @param endpointId the endpoint it goes to
 * @param status {@link DeliveryStatus#PENDING} (due at the event's {@code storedAt}) or
 *     {@link DeliveryStatus#SKIPPED} (endpoint disabled)
 */
public record NewDelivery(String id, String endpointId, DeliveryStatus status) {
    /** Validates the components. */
    public NewDelivery {
        Objects.requireNonNull(id, "id cannot be null");
        Objects.requireNonNull(endpointId, "endpointId cannot be null");
        Objects.requireNonNull(status, "status cannot be null");
        if (status != DeliveryStatus.PENDING && status != DeliveryStatus.SKIPPED) {
            throw new IllegalArgumentException("a new delivery is PENDING or SKIPPED, not " + status);
        }
    }
}
