package com.migomail.webhooks.core.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Looks up an enum constant by its wire name: one map built once per enum, so that every enum of
 * the model does not carry its own loop, and reading an event does not scan the constants.
 *
 * @param <E> the enum type
 */
public final class WireNames<E extends Enum<E>> {
    private final Map<String, E> byName;

    private WireNames(Map<String, E> byName) {
        this.byName = byName;
    }

    /** The lookup over these constants, named by {@code wireName}. */
    public static <E extends Enum<E>> WireNames<E> of(E[] values, Function<E, String> wireName) {
        Map<String, E> byName = new HashMap<>();
        for (E value : values) {
            byName.put(wireName.apply(value), value);
        }
        return new WireNames<>(byName);
    }

    /** The constant with that wire name, or empty (also for {@code null}). */
    public Optional<E> find(String wireName) {
        return wireName == null ? Optional.empty() : Optional.ofNullable(byName.get(wireName));
    }
}
