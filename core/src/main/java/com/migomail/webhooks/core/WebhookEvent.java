package com.migomail.webhooks.core;

import com.migomail.webhooks.core.internal.Checks;
import com.migomail.webhooks.core.internal.Texts;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * One event: the envelope of the wire format, {@code {event, timestamp, id, data}}.
 *
 * <p>Build a new event with {@link #of(EventData)}; read one with {@link EventCodec#read(byte[])}
 * or {@link WebhookReceiver}. Immutable and thread-safe.
 *
 * @param id the event's TypeID ({@code evt_…}), the receiver's idempotency key
 * @param type the wire name of the type ({@code email.opened}); may be a type this version does
 *     not know, and always equals {@code data.eventType()}
 * @param timestamp when the event happened, whole seconds, years 0000 to 9999
 * @param data the typed data
 */
public record WebhookEvent(String id, String type, Instant timestamp, EventData data) {
    /** The TypeID prefix of event ids. */
    public static final String ID_PREFIX = "evt";

    private static final Instant MIN = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant MAX = Instant.parse("9999-12-31T23:59:59Z");

    /**
     * Validates.
     *
     * @param id the event's TypeID ({@code evt_…}), the receiver's idempotency key
     * @param type the wire name of the type ({@code email.opened}); may be a type this version does
     *     not know, and always equals {@code data.eventType()}
     * @param timestamp when the event happened, whole seconds, years 0000 to 9999
     * @param data the typed data
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if the id is not an {@code evt_} TypeID, the type differs
     *     from the data's, or the timestamp has a fraction of a second or is outside years 0000–9999
     */
    public WebhookEvent {
        Checks.notNull(id, "id");
        Checks.notNull(type, "type");
        Checks.notNull(timestamp, "timestamp");
        Checks.notNull(data, "data");
        if (!TypeId.isValid(id, ID_PREFIX)) {
            throw new IllegalArgumentException("id must be a TypeID with prefix evt, got " + quote(id));
        }
        if (!type.equals(data.eventType())) {
            throw new IllegalArgumentException("type " + type + " differs from the data's type " + data.eventType());
        }
        if (timestamp.getNano() != 0) {
            throw new IllegalArgumentException("timestamp must be whole seconds, got " + timestamp);
        }
        if (timestamp.isBefore(MIN) || timestamp.isAfter(MAX)) {
            throw new IllegalArgumentException("timestamp must be in years 0000 to 9999, got " + timestamp);
        }
    }

    /**
     * An event with the id, the time and the type of that data.
     *
     * @param id the event's TypeID
     * @param timestamp when it happened, whole seconds
     * @param data the data
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException as the canonical constructor
     */
    public WebhookEvent(String id, Instant timestamp, EventData data) {
        this(id, Checks.notNull(data, "data").eventType(), timestamp, data);
    }

    /**
     * An event of that data with a fresh id and the current time of the system UTC clock.
     *
     * @param data the data
     * @return the event
     * @throws NullPointerException if {@code data} is null
     */
    public static WebhookEvent of(EventData data) {
        return of(data, Clock.systemUTC());
    }

    /**
     * An event of that data with a fresh {@code evt_} TypeID and the clock's time, truncated to
     * whole seconds. The id's UUIDv7 carries the clock's time in milliseconds.
     *
     * @param data the data
     * @param clock the time source
     * @return the event
     * @throws NullPointerException if an argument is null
     */
    public static WebhookEvent of(EventData data, Clock clock) {
        Checks.notNull(data, "data");
        Checks.notNull(clock, "clock");
        Instant now = clock.instant();
        String id = TypeId.generate(ID_PREFIX, Clock.fixed(now, clock.getZone())).toString();
        return new WebhookEvent(id, data.eventType(), now.truncatedTo(ChronoUnit.SECONDS), data);
    }

    /**
     * The type, when this version knows it.
     *
     * @return the type, or empty for an event of unknown type
     */
    public Optional<EventType> knownType() {
        return EventType.fromWireName(type);
    }

    /**
     * The id parsed as a TypeID.
     *
     * @return the id
     */
    public TypeId typeId() {
        return TypeId.parse(id);
    }

    private static String quote(String text) {
        return Texts.quote(text);
    }
}
