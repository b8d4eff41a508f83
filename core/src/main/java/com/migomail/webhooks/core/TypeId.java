package com.migomail.webhooks.core;

import java.time.Clock;
import java.util.UUID;

/**
 * A TypeID: prefix, {@code _}, 26 lowercase Crockford base32 characters of a UUIDv7. Skeleton: P1.1.
 *
 * @param prefix the type prefix, e.g. {@code evt}
 * @param uuid the UUIDv7
 */
public record TypeId(String prefix, UUID uuid) {

    /** A new id with the current time. */
    public static TypeId generate(String prefix) {
        return generate(prefix, Clock.systemUTC());
    }

    /** A new id whose UUIDv7 carries the clock's time. */
    public static TypeId generate(String prefix, Clock clock) {
        throw new UnsupportedOperationException("skeleton: P1.1");
    }

    /** Parses {@code prefix_suffix}. */
    public static TypeId parse(String text) {
        throw new UnsupportedOperationException("skeleton: P1.1");
    }
}
