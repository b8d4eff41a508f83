package com.migomail.webhooks.delivery;

import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.DeliveryOutcome;
import com.migomail.webhooks.store.Endpoint;
import java.time.Duration;

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

    /**
     * This sender's clock and the clock of the store that the nodes share (the PostgreSQL server's)
     * disagree by more than half the lease margin (the lease minus the attempt timeout). Leases are
     * judged at each node's own time, so nodes whose clocks disagree by more than the whole margin
     * can send one attempt twice. Checked when the sender starts and at most once a poll interval
     * after; reported once, then again every 5 minutes while it lasts. Fix the clock (NTP) or lengthen
     * the lease.
     *
     * @param skew the shared clock's time minus this sender's (positive: this sender's clock is behind)
     * @param margin the lease margin of this sender
     */
    default void onClockSkew(Duration skew, Duration margin) {}
}
