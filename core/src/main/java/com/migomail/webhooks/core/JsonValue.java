package com.migomail.webhooks.core;

import com.migomail.webhooks.core.internal.Checks;
import com.migomail.webhooks.core.internal.JsonNumbers;
import com.migomail.webhooks.core.internal.Texts;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable JSON value, for the parts of an event whose shape is free: subscriber
 * {@code properties}, the {@code from}/{@code to} of {@code subscriber.updated} changes and the
 * {@code data} of an event type this version does not know.
 *
 * <p>The model is our own so that the public API carries no Jackson type (a host may use another
 * Jackson version). Objects keep their member order and numbers keep their exact text, so a value
 * read and written again is unchanged. Instances are immutable and thread-safe.
 */
public sealed interface JsonValue
        permits JsonValue.JsonObject,
                JsonValue.JsonArray,
                JsonValue.JsonString,
                JsonValue.JsonNumber,
                JsonValue.JsonBoolean,
                JsonValue.JsonNull {

    /**
     * A JSON string.
     *
     * @param value the string
     * @return the value
     * @throws NullPointerException if {@code value} is null
     */
    static JsonString of(String value) {
        return new JsonString(value);
    }

    /**
     * A JSON boolean.
     *
     * @param value the boolean
     * @return the value
     */
    static JsonBoolean of(boolean value) {
        return value ? JsonBoolean.TRUE : JsonBoolean.FALSE;
    }

    /**
     * A JSON integer.
     *
     * @param value the number
     * @return the value
     */
    static JsonNumber of(long value) {
        return new JsonNumber(Long.toString(value));
    }

    /**
     * A JSON number with the text of {@link BigDecimal#toString()}.
     *
     * @param value the number
     * @return the value
     * @throws NullPointerException if {@code value} is null
     */
    static JsonNumber of(BigDecimal value) {
        return new JsonNumber(Objects.requireNonNull(value, "value cannot be null").toString());
    }

    /**
     * A JSON object; members keep the map's iteration order.
     *
     * @param members the members
     * @return the value
     * @throws NullPointerException if the map, a name or a value is null
     */
    static JsonObject object(Map<String, ? extends JsonValue> members) {
        return new JsonObject(Collections.unmodifiableMap(Objects.requireNonNull(members, "members cannot be null")));
    }

    /**
     * A JSON array.
     *
     * @param elements the elements
     * @return the value
     * @throws NullPointerException if an element is null
     */
    static JsonArray array(JsonValue... elements) {
        return new JsonArray(List.of(elements));
    }

    /**
     * The JSON {@code null}.
     *
     * @return the value
     */
    static JsonNull nullValue() {
        return JsonNull.INSTANCE;
    }

    /**
     * A JSON object. Members keep their order; equality ignores it, as JSON does.
     *
     * @param members the members, an unmodifiable copy in the order given
     */
    record JsonObject(Map<String, JsonValue> members) implements JsonValue {
        /**
         * Validates and copies.
         *
         * @param members the members
         * @throws NullPointerException if the map, a name or a value is null
         */
        public JsonObject {
            members = Checks.orderedCopy(Checks.notNull(members, "members"), "members");
        }

        /**
         * The member of that name.
         *
         * @param name the member name
         * @return the value, or empty when there is no such member
         */
        public Optional<JsonValue> get(String name) {
            return Optional.ofNullable(members.get(name));
        }
    }

    /**
     * A JSON array.
     *
     * @param elements the elements, an unmodifiable copy
     */
    record JsonArray(List<JsonValue> elements) implements JsonValue {
        /**
         * Validates and copies.
         *
         * @param elements the elements
         * @throws NullPointerException if the list or an element is null
         */
        public JsonArray {
            elements = List.copyOf(Objects.requireNonNull(elements, "elements cannot be null"));
        }
    }

    /**
     * A JSON string.
     *
     * @param value the string
     */
    record JsonString(String value) implements JsonValue {
        /**
         * Validates.
         *
         * @param value the string
         * @throws NullPointerException if {@code value} is null
         */
        public JsonString {
            Objects.requireNonNull(value, "value cannot be null");
        }
    }

    /**
     * A JSON number, kept as its exact text so that {@code 1.50} and {@code 1e3} are written back
     * as they were read. Equality compares the text.
     *
     * @param text the number in JSON syntax, e.g. {@code -12.5e3}
     */
    record JsonNumber(String text) implements JsonValue {
        /**
         * Validates.
         *
         * @param text the number in JSON syntax
         * @throws NullPointerException if {@code text} is null
         * @throws IllegalArgumentException if {@code text} is not a JSON number
         */
        public JsonNumber {
            Objects.requireNonNull(text, "text cannot be null");
            if (!JsonNumbers.isValid(text)) {
                throw new IllegalArgumentException("text is not a JSON number: " + Texts.quote(text));
            }
        }

        /**
         * The number as a {@link BigDecimal}, exact.
         *
         * @return the value
         */
        public BigDecimal bigDecimalValue() {
            return new BigDecimal(text);
        }
    }

    /**
     * A JSON boolean.
     *
     * @param value the boolean
     */
    record JsonBoolean(boolean value) implements JsonValue {
        /** {@code true}. */
        public static final JsonBoolean TRUE = new JsonBoolean(true);
        /** {@code false}. */
        public static final JsonBoolean FALSE = new JsonBoolean(false);
    }

    /** The JSON {@code null}. All instances are equal. */
    record JsonNull() implements JsonValue {
        /** The instance. */
        public static final JsonNull INSTANCE = new JsonNull();
    }
}
