package com.migomail.webhooks.core;

import com.migomail.webhooks.core.internal.WireNames;
import java.util.Optional;

/**
 * The {@code source} of {@code subscriber.created}: how the subscriber was added.
 *
 * <p>The set is closed: a value outside it (api, form, import) makes the event malformed, and a new value
 * comes with a new version of this library.
 */
public enum SubscriberSource {
    /** Through the API. Wire name {@code api}. */
    API("api"),
    /** Through a signup form. Wire name {@code form}. */
    FORM("form"),
    /** By a list import. Wire name {@code import}. */
    IMPORT("import");

    private static final WireNames<SubscriberSource> BY_WIRE_NAME = WireNames.of(values(), SubscriberSource::wireName);

    private final String wireName;

    SubscriberSource(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The name on the wire.
     *
     * @return e.g. {@code api}
     */
    public String wireName() {
        return wireName;
    }

    /**
     * The constant with that wire name.
     *
     * @param wireName the name on the wire
     * @return the constant, or empty for a name not in the set
     */
    public static Optional<SubscriberSource> fromWireName(String wireName) {
        return BY_WIRE_NAME.find(wireName);
    }

    /**
     * The wire name.
     *
     * @return {@link #wireName()}
     */
    @Override
    public String toString() {
        return wireName;
    }
}
