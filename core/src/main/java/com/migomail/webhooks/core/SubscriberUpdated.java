package com.migomail.webhooks.core;

import com.migomail.webhooks.core.internal.Checks;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The data of {@code subscriber.updated}: a subscriber's fields changed.
 *
 * <p>Immutable and thread-safe; null optional components are omitted from the JSON.
 *
 * @param subscriber the subscriber
 * @param changes by field name, the old and new value, in wire order; an unmodifiable copy
 */
public record SubscriberUpdated(
        Subscriber subscriber,
        Map<String, FieldChange> changes)
        implements EventData {

    /** The wire name of this type, {@code subscriber.updated}. */
    public static final String TYPE = "subscriber.updated";

    /**
     * Validates.
     *
     * @param subscriber the subscriber
     * @param changes by field name, the old and new value, in wire order; an unmodifiable copy
     * @throws NullPointerException if a required component is null
     */
    public SubscriberUpdated {
        Checks.notNull(subscriber, "subscriber");
        Checks.notNull(changes, "changes");
        changes = Checks.orderedCopy(changes, "changes");
    }

    /**
     * Starts {@code subscriber.updated} data from its required fields; its changes are added one by
     * one.
     *
     * @param subscriber the subscriber
     * @return a new builder
     * @throws NullPointerException if an argument is null
     */
    public static Builder builder(Subscriber subscriber) {
        return new Builder(subscriber);
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

    /**
     * Builds {@link SubscriberUpdated} data. The required fields are the arguments of
     * {@link SubscriberUpdated#builder}; the changes are added with {@link #change}. Arguments are
     * checked when they are passed, as the canonical constructor checks them.
     *
     * <p>Not thread-safe. {@link #build()} may be called again, after more changes too, and creates
     * a new record each time.
     */
    public static final class Builder {
        private final Subscriber subscriber;
        private final Map<String, FieldChange> changes = new LinkedHashMap<>();

        private Builder(Subscriber subscriber) {
            this.subscriber = Checks.notNull(subscriber, "subscriber");
        }

        /**
         * Adds the change of one field, after those added before (the wire order).
         *
         * @param field the field name
         * @param from its old value ({@link JsonValue#nullValue()} if it was unset)
         * @param to its new value ({@link JsonValue#nullValue()} if it became unset)
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if a change of that field was already added
         */
        public Builder change(String field, JsonValue from, JsonValue to) {
            Checks.notNull(field, "field");
            FieldChange change = new FieldChange(from, to);
            if (changes.putIfAbsent(field, change) != null) {
                throw new IllegalArgumentException("changes already has field " + field);
            }
            return this;
        }

        /**
         * The data, created by the canonical constructor.
         *
         * @return a new {@link SubscriberUpdated}
         */
        public SubscriberUpdated build() {
            return new SubscriberUpdated(subscriber, changes);
        }
    }
}
