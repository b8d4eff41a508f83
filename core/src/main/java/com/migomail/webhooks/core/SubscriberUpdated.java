package com.migomail.webhooks.core;

import com.migomail.webhooks.core.internal.Checks;
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
     * The wire name of the type.
     *
     * @return {@value #TYPE}
     */
    @Override
    public String eventType() {
        return TYPE;
    }
}
