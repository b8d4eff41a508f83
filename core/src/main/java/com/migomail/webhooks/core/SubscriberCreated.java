package com.migomail.webhooks.core;

import com.migomail.webhooks.core.internal.Checks;

/**
 * The data of {@code subscriber.created}: a subscriber was added.
 *
 * <p>Immutable and thread-safe; null optional components are omitted from the JSON.
 *
 * @param subscriber the new subscriber; its {@code id} is required
 * @param source how they were added
 */
public record SubscriberCreated(
        Subscriber subscriber,
        SubscriberSource source)
        implements EventData {

    /** The wire name of this type, {@code subscriber.created}. */
    public static final String TYPE = "subscriber.created";

    /**
     * Validates.
     *
     * @param subscriber the new subscriber; its {@code id} is required
     * @param source how they were added
     * @throws NullPointerException if a required component is null
     * @throws IllegalArgumentException if the subscriber has no id
     */
    public SubscriberCreated {
        Checks.notNull(subscriber, "subscriber");
        Checks.notNull(source, "source");
        if (subscriber.id() == null) {
            throw new IllegalArgumentException("subscriber.id cannot be null in subscriber.created");
        }
    }

    /**
     * The wire name of the type.
     *
     * @return {@value #TYPE}
     */
    @Override
    public String eventType() {
        return TYPE;
    }
}
