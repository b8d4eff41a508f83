package com.migomail.webhooks.delivery;

import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.DeliveryOutcome;
import com.migomail.webhooks.store.Endpoint;

/**
 * Hears what the dispatcher does, for metrics and alerts. Every method has an empty default, so
 * implement only what you need. Methods are called from the sender's worker threads, possibly
 * concurrently: implementations must be thread-safe and quick. A listener that throws is caught and
 * logged; it never breaks a delivery.
 */
public interface DeliveryListener {

    /**
     * An attempt was made and recorded.
     *
     * @param delivery the delivery as claimed, before the attempt
     * @param attempt the attempt as logged
     * @param outcome what the delivery became (delivered, due again, or failed)
     */
    default void onAttempt(Delivery delivery, DeliveryAttempt attempt, DeliveryOutcome outcome) {}

    /**
     * A delivery got a 2xx response.
     *
     * @param delivery the delivery as claimed, before the attempt
     * @param attempt the successful attempt, as logged
     */
    default void onDelivered(Delivery delivery, DeliveryAttempt attempt) {}

    /**
     * A delivery failed for good (retries exhausted, or 410 Gone).
     *
     * @param delivery the delivery as claimed, before the attempt
     * @param attempt the last attempt, as logged
     */
    default void onFailed(Delivery delivery, DeliveryAttempt attempt) {}

    /**
     * A due delivery was not sent because its endpoint is disabled; it is kept as skipped.
     *
     * @param delivery the delivery that was skipped
     */
    default void onSkipped(Delivery delivery) {}

    /**
     * The sender disabled an endpoint by itself (410 Gone, or failing for the whole health period).
     *
     * @param endpoint the endpoint as stored afterwards
     * @param reason why, also stored as {@link Endpoint#disabledReason()}
     */
    default void onEndpointDisabled(Endpoint endpoint, String reason) {}
}
