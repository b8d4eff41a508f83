package com.migomail.webhooks.delivery;

import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.DeliveryOutcome;
import com.migomail.webhooks.store.Endpoint;
import com.migomail.webhooks.store.StoredEvent;
import java.time.Duration;
import java.util.List;

/**
 * Hears what the dispatcher does, for metrics and alerts. Every method has an empty default, so
 * implement only what you need. Methods are called from the sender's worker threads, possibly
 * concurrently: implementations must be thread-safe and quick. A listener that throws is caught and
 * logged; it never breaks a delivery.
 *
 * <p>A sender takes any number of listeners ({@link WebhookSender.Builder#listener}, once per
 * listener) and calls each in the order added, so a metrics listener and the host's own go side by
 * side.
 *
 * <p>Each attempt a sender starts is reported by {@link #onAttemptStarted} and, exactly once after
 * it, {@link #onAttemptEnded}, whatever became of it; in between come {@link #onAttempt} and then
 * {@link #onDelivered} or {@link #onFailed} when its outcome was recorded. So the attempts in flight
 * are the started ones minus the ended ones.
 */
public interface DeliveryListener {

    /** The reason {@link #onEndpointDisabled} gives for an endpoint that answered {@code 410 Gone}. */
    String GONE_REASON = "endpoint answered 410 Gone";

    /**
     * How the reason {@link #onEndpointDisabled} gives for an endpoint that failed for the whole
     * health period begins (the rest says since when, and the period).
     */
    String FAILING_REASON_PREFIX = "every attempt failed since ";

    /**
     * The store has newly stored an event and its deliveries (called once per event: not when the
     * event id was stored already). From {@code publish} and {@code sendTest} after the store
     * committed; from {@link WebhookSender#publish(com.migomail.webhooks.store.TenantId,
     * com.migomail.webhooks.core.WebhookEvent, EventAppender)} when the appender returns, before the
     * caller's transaction commits, so an event whose transaction then rolls back was reported too.
     *
     * @param event the event as stored; {@link StoredEvent#storedAt()} is when it was published
     * @param deliveries its deliveries, one per subscribed endpoint: pending, or skipped for a disabled
     *     endpoint; empty when no endpoint subscribes to its type
     */
    default void onPublished(StoredEvent event, List<Delivery> deliveries) {}

    /**
     * The sender starts an attempt of a delivery it has claimed (its event and enabled endpoint are
     * loaded; the address check, signing and request follow). {@link #onAttemptEnded} follows exactly
     * once. An attempt recorded as failed without being started (its endpoint could not be read from
     * the store) is reported by {@link #onAttempt} alone.
     *
     * @param delivery the delivery as claimed, before the attempt
     */
    default void onAttemptStarted(Delivery delivery) {}

    /**
     * An attempt that {@link #onAttemptStarted} reported is over: after its {@link #onAttempt} (and
     * {@link #onDelivered}, {@link #onFailed}, {@link #onEndpointDisabled}) when its outcome was
     * recorded; alone when it was not (its lease ran out before it could be sent or recorded, it was
     * cancelled or deleted meanwhile, the sender closed, or a store call failed).
     *
     * @param delivery the delivery as claimed, before the attempt
     * @param recorded whether the attempt and its outcome were recorded in the store
     */
    default void onAttemptEnded(Delivery delivery, boolean recorded) {}

    /**
     * An attempt was made and recorded.
     *
     * @param delivery the delivery as claimed, before the attempt
     * @param attempt the attempt as logged
     * @param outcome what the delivery became (delivered, due again, or failed)
     */
    default void onAttempt(Delivery delivery, DeliveryAttempt attempt, DeliveryOutcome outcome) {}

    /**
     * A delivery got a 2xx response. The time from publishing to receipt is
     * {@code attempt.startedAt().plus(attempt.latency())} minus {@code delivery.createdAt()} (the
     * event's publish time, except for a delivery created by a replay, whose
     * {@link Delivery#replay()} is true).
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
     * Not called when the host disables one ({@link WebhookSender#disableEndpoint}).
     *
     * @param endpoint the endpoint as stored afterwards
     * @param reason why, also stored as {@link Endpoint#disabledReason()}: {@value #GONE_REASON}, or
     *     text beginning {@value #FAILING_REASON_PREFIX} for an endpoint that failed for the health
     *     period
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
