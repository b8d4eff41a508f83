package com.migomail.webhooks.delivery;

import java.util.List;
import java.util.Objects;

/**
 * What {@link WebhookSender#publish} stored (through an {@link EventAppender}: what the appender
 * wrote, which becomes real only when the caller commits).
 *
 * @param eventId the event id ({@code evt_…})
 * @param deliveryIds one delivery per endpoint subscribed to the event's type (pending, or skipped
 *     for a disabled endpoint); empty when no endpoint subscribes
 * @param created {@code false} if an event with that id was stored already, in which case nothing
 *     new was written and its existing deliveries are listed
 */
public record PublishReceipt(String eventId, List<String> deliveryIds, boolean created) {

    /**
     * Validates and copies.
     *
     * @param eventId the event id
     * @param deliveryIds the deliveries of the event; copied
     * @param created whether this publish stored the event
     * @throws NullPointerException if eventId, deliveryIds or an element is null
     */
    public PublishReceipt {
        Objects.requireNonNull(eventId, "eventId cannot be null");
        deliveryIds = List.copyOf(deliveryIds);
    }
}
