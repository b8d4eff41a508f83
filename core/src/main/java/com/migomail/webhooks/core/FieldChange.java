package com.migomail.webhooks.core;

import com.migomail.webhooks.core.internal.Checks;

/**
 * One entry of the {@code changes} of {@code subscriber.updated}: {@code {"from": old, "to": new}}.
 * Both are required on the wire; a field that was or became unset is {@link JsonValue.JsonNull}.
 * Immutable and thread-safe.
 *
 * @param from the old value
 * @param to the new value
 */
public record FieldChange(JsonValue from, JsonValue to) {
    /**
     * Validates.
     *
     * @param from the old value
     * @param to the new value
     * @throws NullPointerException if an argument is null (use {@link JsonValue#nullValue()})
     */
    public FieldChange {
        Checks.notNull(from, "from");
        Checks.notNull(to, "to");
    }
}
