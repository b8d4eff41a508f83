package com.migomail.webhooks.core;

import com.migomail.webhooks.core.internal.WireNames;
import java.util.Optional;

/**
 * The {@code reason} of {@code campaign.paused}.
 *
 * <p>The set is closed: a value outside it (user, deliverability_threshold) makes the event malformed, and a new value
 * comes with a new version of this library.
 */
public enum PauseReason {
    /** Paused by a user. Wire name {@code user}. */
    USER("user"),
    /** Paused automatically because bounces or complaints crossed a threshold. Wire name {@code deliverability_threshold}. */
    DELIVERABILITY_THRESHOLD("deliverability_threshold");

    private static final WireNames<PauseReason> BY_WIRE_NAME = WireNames.of(values(), PauseReason::wireName);

    private final String wireName;

    PauseReason(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The name on the wire.
     *
     * @return e.g. {@code user}
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
    public static Optional<PauseReason> fromWireName(String wireName) {
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
