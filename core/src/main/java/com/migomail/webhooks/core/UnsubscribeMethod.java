package com.migomail.webhooks.core;

import com.migomail.webhooks.core.internal.WireNames;
import java.util.Optional;

/**
 * The {@code method} of {@code email.unsubscribed}.
 *
 * <p>The set is closed: a value outside it (link, list_unsubscribe) makes the event malformed, and a new value
 * comes with a new version of this library.
 */
public enum UnsubscribeMethod {
    /** The unsubscribe link in the message body. Wire name {@code link}. */
    LINK("link"),
    /** The mail client's {@code List-Unsubscribe} header action. Wire name {@code list_unsubscribe}. */
    LIST_UNSUBSCRIBE("list_unsubscribe");

    private static final WireNames<UnsubscribeMethod> BY_WIRE_NAME = WireNames.of(values(), UnsubscribeMethod::wireName);

    private final String wireName;

    UnsubscribeMethod(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The name on the wire.
     *
     * @return e.g. {@code link}
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
    public static Optional<UnsubscribeMethod> fromWireName(String wireName) {
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
