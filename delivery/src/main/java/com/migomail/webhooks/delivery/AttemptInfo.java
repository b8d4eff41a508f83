package com.migomail.webhooks.delivery;

import com.migomail.webhooks.store.TenantId;
import java.net.URI;
import java.util.Objects;

/**
 * What one delivery attempt goes to, as a {@link DeliveryTracer} sees it.
 *
 * @param tenant the tenant of the event and the endpoint
 * @param deliveryId the delivery ({@code dlv_…})
 * @param eventId the event ({@code evt_…})
 * @param eventType the wire name of the event type
 * @param endpointId the endpoint ({@code ep_…})
 * @param url the endpoint URL the request is sent to
 * @param number the attempt's number over the delivery's whole life, from 1; a replay continues
 *     the count, so only the very first attempt of a delivery is 1
 * @param replay whether the attempt belongs to a replay
 */
public record AttemptInfo(TenantId tenant, String deliveryId, String eventId, String eventType, String endpointId,
        URI url, int number, boolean replay) {

    /**
     * Validates.
     *
     * @param tenant the tenant of the event and the endpoint
     * @param deliveryId the delivery
     * @param eventId the event
     * @param eventType the wire name of the event type
     * @param endpointId the endpoint
     * @param url the endpoint URL
     * @param number the attempt's number, from 1
     * @param replay whether the attempt belongs to a replay
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if number is below 1
     */
    public AttemptInfo {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        Objects.requireNonNull(deliveryId, "deliveryId cannot be null");
        Objects.requireNonNull(eventId, "eventId cannot be null");
        Objects.requireNonNull(eventType, "eventType cannot be null");
        Objects.requireNonNull(endpointId, "endpointId cannot be null");
        Objects.requireNonNull(url, "url cannot be null");
        if (number < 1) {
            throw new IllegalArgumentException("number must be at least 1: " + number);
        }
    }

    /**
     * How many times the same request was sent before this one: {@code number - 1} (the OpenTelemetry
     * {@code http.request.resend_count}).
     *
     * @return the resend count, 0 for the first attempt
     */
    public int resendCount() {
        return number - 1;
    }
}
