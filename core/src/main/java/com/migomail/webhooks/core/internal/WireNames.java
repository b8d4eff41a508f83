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

    /**
     * The lookup over these constants, named by {@code wireName}.
     *
     * @param <E> the enum type
     * @param values the constants to find, usually the enum's {@code values()}; read once, not kept
     * @param wireName the wire name of each constant, called once per constant; names are expected to
     *     be distinct (of a repeated name, the later constant wins)
     * @return a lookup that never changes, safe to share across threads once published (as a
     *     {@code static final} field is)
     */
    public static <E extends Enum<E>> WireNames<E> of(E[] values, Function<E, String> wireName) {
        Map<String, E> byName = new HashMap<>();
        for (E value : values) {
            byName.put(wireName.apply(value), value);
        }
        return new WireNames<>(byName);
    }

    /**
     * The constant with that wire name.
     *
     * @param wireName the name as written on the wire, compared exactly (case-sensitive); may be null
     * @return the constant, or empty when no constant has that name or {@code wireName} is null
     */
    public Optional<E> find(String wireName) {
        return wireName == null ? Optional.empty() : Optional.ofNullable(byName.get(wireName));
    }
}
