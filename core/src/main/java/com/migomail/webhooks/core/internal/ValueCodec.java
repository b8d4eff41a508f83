package com.migomail.webhooks.core.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.migomail.webhooks.core.JsonValue;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads and writes one kind of field value (string, bounded integer, enum, nested object, map,
 * free JSON). Implementations are stateless and thread-safe.
 */
public interface ValueCodec {
    /** A JSON string, read as is. */
    ValueCodec STRING = new ValueCodec() {
        @Override
        public Object read(JsonParser p, String parent, String name) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw FormatErrors.wrongType(p, parent, name, "a string");
            }
            return p.getText();
        }

        @Override
        public void write(JsonGenerator g, Object value) throws IOException {
            g.writeString((String) value);
        }
    };

    /** Any JSON value, as a {@link JsonValue}; accepts {@code null}. */
    ValueCodec JSON = new ValueCodec() {
        @Override
        public Object read(JsonParser p, String parent, String name) throws IOException {
            // Most values are scalars: build the path only for a container that may need it.
            return p.currentToken().isStructStart() ? Json.read(p, FormatErrors.join(parent, name)) : Json.read(p, "");
        }

        @Override
        public void write(JsonGenerator g, Object value) throws IOException {
            Json.write(g, (JsonValue) value);
        }

        @Override
        public boolean acceptsNull() {
            return true;
        }
    };

    /**
     * Reads the value at the parser's current token, which is the field's first value token.
     *
     * @param p the parser
     * @param parent the container's path, for messages
     * @param name the field name, for messages
     * @return the value
     * @throws IOException on a JSON syntax error
     * @throws com.migomail.webhooks.core.EventFormatException on a value of the wrong type or range
     */
    Object read(JsonParser p, String parent, String name) throws IOException;

    /**
     * Writes a value.
     *
     * @param g the generator
     * @param value a non-null value of this codec's kind
     * @throws IOException from the generator
     */
    void write(JsonGenerator g, Object value) throws IOException;

    /**
     * Whether JSON {@code null} is a value of this kind (otherwise it means "absent").
     *
     * @return false unless overridden
     */
    default boolean acceptsNull() {
        return false;
    }

    /**
     * A JSON integer read as an {@link Integer} no smaller than {@code min}.
     *
     * @param min the smallest allowed value
     * @return the codec
     */
    static ValueCodec integer(int min) {
        return new Numbers(min, Integer.MAX_VALUE, false);
    }

    /**
     * A JSON integer read as a {@link Long} no smaller than {@code min}.
     *
     * @param min the smallest allowed value
     * @return the codec
     */
    static ValueCodec longInteger(long min) {
        return new Numbers(min, Long.MAX_VALUE, true);
    }

    /**
     * A string from a closed set, read as an enum constant.
     *
     * @param values the constants
     * @param wireName the wire name of a constant
     * @param <E> the enum
     * @return the codec
     */
    static <E extends Enum<E>> ValueCodec enumeration(E[] values, Function<E, String> wireName) {
        return new Enumeration<>(values, wireName);
    }

    /**
     * A JSON object read as a record.
     *
     * @param schema the record's schema
     * @return the codec
     */
    static ValueCodec object(ObjectSchema<?> schema) {
        return new ValueCodec() {
            @Override
            public Object read(JsonParser p, String parent, String name) throws IOException {
                if (p.currentToken() != JsonToken.START_OBJECT) {
                    throw FormatErrors.wrongType(p, parent, name, "an object");
                }
                return schema.read(p, FormatErrors.join(parent, name));
            }

            @Override
            public void write(JsonGenerator g, Object value) throws IOException {
                schema.writeUnchecked(g, value);
            }
        };
    }

    /**
     * A JSON object read as an ordered, unmodifiable {@code Map<String, V>}; duplicate names are
     * an error.
     *
     * @param values the codec of the member values
     * @return the codec
     */
    static ValueCodec mapOf(ValueCodec values) {
        return new ValueCodec() {
            @Override
            public Object read(JsonParser p, String parent, String name) throws IOException {
                if (p.currentToken() != JsonToken.START_OBJECT) {
                    throw FormatErrors.wrongType(p, parent, name, "an object");
                }
                String path = FormatErrors.join(parent, name);
                FrozenMap.Builder<Object> map = new FrozenMap.Builder<>();
                for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
                    p.nextToken();
                    if (!map.put(key, values.read(p, path, key))) {
                        throw FormatErrors.at(path, key, "duplicate field");
                    }
                }
                return map.build();
            }

            @Override
            public void write(JsonGenerator g, Object value) throws IOException {
                g.writeStartObject();
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    Json.writeName(g, (String) entry.getKey());
                    values.write(g, entry.getValue());
                }
                g.writeEndObject();
            }
        };
    }

    /** Bounded JSON integers. */
    final class Numbers implements ValueCodec {
        private final long min;
        private final long max;
        private final boolean asLong;

        Numbers(long min, long max, boolean asLong) {
            this.min = min;
            this.max = max;
            this.asLong = asLong;
        }

        @Override
        public Object read(JsonParser p, String parent, String name) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                throw FormatErrors.wrongType(p, parent, name, "an integer");
            }
            JsonParser.NumberType type = p.getNumberType();
            if (type == JsonParser.NumberType.BIG_INTEGER || (type == JsonParser.NumberType.LONG && !asLong)) {
                throw FormatErrors.at(parent, name, Texts.quote(p.getText()) + " is out of range, at most " + max);
            }
            long value = p.getLongValue();
            if (value < min) {
                throw FormatErrors.at(parent, name, "must be at least " + min + ", got " + value);
            }
            return asLong ? (Object) value : (Object) (int) value;
        }

        @Override
        public void write(JsonGenerator g, Object value) throws IOException {
            g.writeNumber(((Number) value).longValue());
        }
    }

    /**
     * A closed set of strings.
     *
     * @param <E> the enum
     */
    final class Enumeration<E extends Enum<E>> implements ValueCodec {
        private final Map<String, E> byWireName;
        private final Function<E, String> wireName;
        private final String allowed;

        Enumeration(E[] values, Function<E, String> wireName) {
            this.byWireName = Arrays.stream(values).collect(Collectors.toMap(wireName, v -> v));
            this.wireName = wireName;
            this.allowed = Arrays.stream(values).map(wireName).collect(Collectors.joining(", "));
        }

        @Override
        public Object read(JsonParser p, String parent, String name) throws IOException {
            String text = (String) STRING.read(p, parent, name);
            E value = byWireName.get(text);
            if (value == null) {
                throw FormatErrors.at(parent, name, Texts.quote(text) + " is not one of " + allowed);
            }
            return value;
        }

        @Override
        public void write(JsonGenerator g, Object value) throws IOException {
            @SuppressWarnings("unchecked")
            E constant = (E) value;
            g.writeString(wireName.apply(constant));
        }
    }
}
