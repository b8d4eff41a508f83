package com.migomail.webhooks.core;

import java.time.Clock;
import java.time.Instant;

/**
 * One event: the envelope of the wire format. Skeleton: P1.1 fills it in.
 *
 * @param id the event's TypeID ({@code evt_…}), the receiver's idempotency key
 * @param type the wire name of the type ({@code email.opened}); may be a type this version does not know
 * @param timestamp when the event happened, whole seconds
 * @param data the typed data
 */
public record WebhookEvent(String id, String type, Instant timestamp, EventData data) {

    /** An event of that data with a fresh id and the current time. */
    public static WebhookEvent of(EventData data) {
        return of(data, Clock.systemUTC());
    }

    /** An event of that data with a fresh id and the clock's time (truncated to seconds). */
    public static WebhookEvent of(EventData data, Clock clock) {
        throw new UnsupportedOperationException("skeleton: P1.1");
    }
}
