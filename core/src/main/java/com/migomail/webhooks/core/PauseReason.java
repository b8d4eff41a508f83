package com.migomail.webhooks.core;

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
        for (PauseReason value : values()) {
            if (value.wireName.equals(wireName)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
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
