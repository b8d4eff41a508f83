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
        requireId(subscriber);
    }

    /**
     * Starts {@code subscriber.created} data from its required fields. It has no optional fields
     * (yet): the builder exists so that all 12 types are built the same way, and so that an optional
     * field added to the wire later is a new setter rather than a new constructor argument.
     *
     * @param subscriber the new subscriber; its {@code id} is required
     * @param source how they were added
     * @return a new builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the subscriber has no id
     */
    public static Builder builder(Subscriber subscriber, SubscriberSource source) {
        return new Builder(subscriber, source);
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

    /** The rule of this type beyond the components' own: its subscriber has an id. */
    private static void requireId(Subscriber subscriber) {
        if (subscriber.id() == null) {
            throw new IllegalArgumentException("subscriber.id cannot be null in subscriber.created");
        }
    }

    /**
     * Builds {@link SubscriberCreated} data. The required fields are the arguments of
     * {@link SubscriberCreated#builder}, checked when they are passed as the canonical constructor
     * checks them; there are no optional fields.
     *
     * <p>Immutable, so thread-safe. {@link #build()} may be called again and creates a new record
     * each time.
     */
    public static final class Builder {
        private final Subscriber subscriber;
        private final SubscriberSource source;

        private Builder(Subscriber subscriber, SubscriberSource source) {
            this.subscriber = Checks.notNull(subscriber, "subscriber");
            this.source = Checks.notNull(source, "source");
            requireId(subscriber);
        }

        /**
         * The data, created by the canonical constructor.
         *
         * @return a new {@link SubscriberCreated}
         */
        public SubscriberCreated build() {
            return new SubscriberCreated(subscriber, source);
        }
    }
}
