package com.migomail.webhooks.core.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Validation shared by the value records' compact constructors. */
public final class Checks {
    private Checks() {}

    /**
     * Fails on null.
     *
     * @param value the value
     * @param name the field name for the message
     * @param <T> the type
     * @return the value
     * @throws NullPointerException {@code "<name> cannot be null"}
     */
    public static <T> T notNull(T value, String name) {
        if (value == null) {
            throw new NullPointerException(name + " cannot be null");
        }
        return value;
    }

    /**
     * Fails on a value below a minimum.
     *
     * @param value the value
     * @param min the smallest allowed value
     * @param name the field name for the message
     * @throws IllegalArgumentException {@code "<name> must be at least <min>, got <value>"}
     */
    public static void atLeast(long value, long min, String name) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
        }
    }

    /**
     * An unmodifiable copy that keeps the iteration order (unlike {@link Map#copyOf}), so that what
     * is read is written back in the same order; null stays null.
     *
     * @param map the map, or null
     * @param name the field name for the messages
     * @param <V> the value type
     * @return the copy, or null
     * @throws NullPointerException if a key or value is null
     */
    public static <V> Map<String, V> orderedCopy(Map<String, V> map, String name) {
        if (map == null || map instanceof FrozenMap) {
            return map;
        }
        Map<String, V> copy = new LinkedHashMap<>(map);
        copy.forEach((key, value) -> {
            notNull(key, name + " key");
            notNull(value, name + " value");
        });
        return Collections.unmodifiableMap(copy);
    }
}
