package com.migomail.webhooks.core;

import com.migomail.webhooks.core.internal.WireNames;
import java.util.Optional;

/**
 * The {@code bounce_type} of {@code email.bounced}.
 *
 * <p>The set is closed: a value outside it (hard, soft) makes the event malformed, and a new value
 * comes with a new version of this library.
 */
public enum BounceType {
    /** Permanent: the address does not exist or refuses mail; stop sending to it. Wire name {@code hard}. */
    HARD("hard"),
    /** Temporary: mailbox full, server unavailable; a later message may arrive. Wire name {@code soft}. */
    SOFT("soft");

    private static final WireNames<BounceType> BY_WIRE_NAME = WireNames.of(values(), BounceType::wireName);

    private final String wireName;

    BounceType(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The name on the wire.
     *
     * @return e.g. {@code hard}
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
    public static Optional<BounceType> fromWireName(String wireName) {
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
