package com.migomail.webhooks.core;

import com.migomail.webhooks.core.internal.Checks;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code subscriber} of an event: {@code {email, name?, list_id?, id?, properties?}}.
 *
 * <p>Email events carry email, name and list id; subscriber events add the id and the custom
 * properties. Optional components are {@code null} when absent and are then omitted from the JSON.
 * Build one with {@link #of(String)}, {@link #of(String, String, String)} or {@link #builder}.
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

    /**
     * Starts a subscriber from its address; name, list, id and properties stay absent until set.
     *
     * @param email the address
     * @return a new builder
     * @throws NullPointerException if {@code email} is null
     */
    public static Builder builder(String email) {
        return new Builder(email);
    }

    /**
     * Builds a {@link Subscriber}. The address is the argument of {@link Subscriber#builder}; each
     * optional component has a setter and is absent until set (or when set to null). Arguments are
     * checked when they are passed, as the canonical constructor checks them.
     *
     * <p>Not thread-safe. {@link #build()} may be called again, after more setters too, and creates
     * a new record each time.
     */
    public static final class Builder {
        private final String email;
        private String name;
        private String listId;
        private String id;
        private Map<String, JsonValue> properties;

        private Builder(String email) {
            this.email = Checks.notNull(email, "email");
        }

        /**
         * Sets {@code name}.
         *
         * @param name the display name, or null when absent
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * Sets {@code listId}.
         *
         * @param listId the list ({@code lst_…}), or null when absent
         * @return this builder
         */
        public Builder listId(String listId) {
            this.listId = listId;
            return this;
        }

        /**
         * Sets {@code id}.
         *
         * @param id the subscriber ({@code sub_…}), or null when absent; required in
         *     {@code subscriber.created}
         * @return this builder
         */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /**
         * Sets all of {@code properties}, replacing those set before.
         *
         * @param properties custom fields in their wire order, or null when absent; copied
         * @return this builder
         * @throws NullPointerException if a property name or value is null
         */
        public Builder properties(Map<String, JsonValue> properties) {
            Map<String, JsonValue> checked = Checks.orderedCopy(properties, "properties");
            this.properties = checked == null ? null : new LinkedHashMap<>(checked);
            return this;
        }

        /**
         * Adds one custom field to {@code properties}, after those added before (the wire order).
         *
         * @param name the field name
         * @param value its value
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if a property of that name was already added
         */
        public Builder property(String name, JsonValue value) {
            Checks.notNull(name, "name");
            Checks.notNull(value, "value");
            if (properties == null) {
                properties = new LinkedHashMap<>();
            }
            if (properties.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException("properties already has field " + name);
            }
            return this;
        }

        /**
         * The subscriber, created by the canonical constructor.
         *
         * @return a new {@link Subscriber}
         */
        public Subscriber build() {
            return new Subscriber(email, name, listId, id, properties);
        }
    }
}
