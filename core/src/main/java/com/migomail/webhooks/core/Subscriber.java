package com.migomail.webhooks.core;

import com.migomail.webhooks.core.internal.Checks;
import java.util.Map;

/**
 * The {@code subscriber} of an event: {@code {email, name?, list_id?, id?, properties?}}.
 *
 * <p>Email events carry email, name and list id; subscriber events add the id and the custom
 * properties. Optional components are {@code null} when absent and are then omitted from the JSON.
 * Immutable and thread-safe.
 *
 * @param email the address; required
 * @param name the display name, or null
 * @param listId the list ({@code lst_…}), or null
 * @param id the subscriber ({@code sub_…}), or null; required in {@code subscriber.created}
 * @param properties custom fields with arbitrary JSON values in their wire order, or null; an
 *     unmodifiable copy
 */
public record Subscriber(String email, String name, String listId, String id, Map<String, JsonValue> properties) {

    /**
     * Validates and copies.
     *
     * @param email the address; required
     * @param name the display name, or null
     * @param listId the list ({@code lst_…}), or null
     * @param id the subscriber ({@code sub_…}), or null; required in {@code subscriber.created}
     * @param properties custom fields with arbitrary JSON values in their wire order, or null; an
     *     unmodifiable copy
     * @throws NullPointerException if {@code email}, a property name or a property value is null
     */
    public Subscriber {
        Checks.notNull(email, "email");
        properties = Checks.orderedCopy(properties, "properties");
    }

    /**
     * A subscriber known by email only.
     *
     * @param email the address
     * @return the subscriber
     */
    public static Subscriber of(String email) {
        return new Subscriber(email, null, null, null, null);
    }

    /**
     * A subscriber as email events carry it.
     *
     * @param email the address
     * @param name the display name, or null
     * @param listId the list, or null
     * @return the subscriber
     */
    public static Subscriber of(String email, String name, String listId) {
        return new Subscriber(email, name, listId, null, null);
    }
}
