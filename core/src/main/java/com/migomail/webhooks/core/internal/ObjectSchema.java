package com.migomail.webhooks.core.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import com.migomail.webhooks.core.EventFormatException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * How one record maps to a JSON object: its fields in canonical wire order, each with a name, a
 * value codec, whether it is required, and the record accessor; plus the constructor that takes
 * the values read, in field order. Writing follows the field order; reading accepts any order,
 * ignores unknown fields and rejects duplicates. Immutable and thread-safe.
 *
 * @param <T> the record
 */
public final class ObjectSchema<T> {
    private final Class<T> type;
    private final Field<T>[] fields;
    private final Function<Object[], T> constructor;

    private ObjectSchema(Class<T> type, Field<T>[] fields, Function<Object[], T> constructor) {
        this.type = type;
        this.fields = fields;
        this.constructor = constructor;
    }

    /**
     * Starts a schema.
     *
     * @param type the record class
     * @param <T> the record
     * @return a builder
     */
    public static <T> Builder<T> builder(Class<T> type) {
        return new Builder<>(type);
    }

    /**
     * The record class.
     *
     * @return the class
     */
    public Class<T> type() {
        return type;
    }

    /**
     * Reads the object the parser is on (its {@code START_OBJECT}) up to its {@code END_OBJECT}.
     *
     * @param p the parser
     * @param path the object's dotted path, for messages
     * @return the record
     * @throws IOException on a JSON syntax error
     * @throws EventFormatException on a missing, duplicate or malformed field
     */
    public T read(JsonParser p, String path) throws IOException {
        Object[] values = new Object[fields.length];
        long seen = 0;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken token = p.nextToken();
            int index = indexOf(name);
            if (index < 0) {
                p.skipChildren();
                continue;
            }
            if ((seen & (1L << index)) != 0) {
                throw FormatErrors.at(path, name, "duplicate field");
            }
            seen |= 1L << index;
            values[index] = readField(p, token, fields[index], path);
        }
        checkRequired(values, path);
        return construct(values, path);
    }

    private Object readField(JsonParser p, JsonToken token, Field<T> field, String path) throws IOException {
        if (token == JsonToken.VALUE_NULL && !field.codec.acceptsNull()) {
            // "Absent optionals are omitted, not null", but a null is read leniently as absent.
            if (field.required) {
                throw FormatErrors.at(path, field.name, "required field is null");
            }
            return null;
        }
        return field.codec.read(p, path, field.name);
    }

    private int indexOf(String name) {
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].name.equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private void checkRequired(Object[] values, String path) {
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].required && values[i] == null) {
                throw FormatErrors.at(path, fields[i].name, "required field is missing");
            }
        }
    }

    private T construct(Object[] values, String path) {
        try {
            return constructor.apply(values);
        } catch (IllegalArgumentException | NullPointerException e) {
            // Cross-field rules live in the record (e.g. subscriber.created needs subscriber.id).
            throw new EventFormatException(path, e.getMessage(), e);
        }
    }

    /**
     * Writes the record as an object, its fields in schema order, absent ones omitted.
     *
     * @param g the generator
     * @param value the record
     * @throws IOException from the generator
     */
    public void write(JsonGenerator g, T value) throws IOException {
        g.writeStartObject();
        for (Field<T> field : fields) {
            Object fieldValue = field.getter.apply(value);
            if (fieldValue != null) {
                g.writeFieldName(field.serializedName);
                field.codec.write(g, fieldValue);
            }
        }
        g.writeEndObject();
    }

    /**
     * Writes a value known to be of this schema's type.
     *
     * @param g the generator
     * @param value an instance of {@link #type()}
     * @throws IOException from the generator
     */
    public void writeUnchecked(JsonGenerator g, Object value) throws IOException {
        write(g, type.cast(value));
    }

    private static final class Field<T> {
        final String name;
        final SerializedString serializedName;
        final ValueCodec codec;
        final boolean required;
        final Function<? super T, ?> getter;

        Field(String name, ValueCodec codec, boolean required, Function<? super T, ?> getter) {
            this.name = name;
            this.serializedName = new SerializedString(name);
            this.codec = codec;
            this.required = required;
            this.getter = getter;
        }
    }

    /**
     * Collects the fields in wire order.
     *
     * @param <T> the record
     */
    public static final class Builder<T> {
        private static final int MAX_FIELDS = 64;

        private final Class<T> type;
        private final List<Field<T>> fields = new ArrayList<>();

        private Builder(Class<T> type) {
            this.type = type;
        }

        /**
         * Adds a required field.
         *
         * @param name the wire name
         * @param codec its value codec
         * @param getter the record accessor
         * @return this builder
         */
        public Builder<T> required(String name, ValueCodec codec, Function<? super T, ?> getter) {
            return add(new Field<>(name, codec, true, getter));
        }

        /**
         * Adds an optional field: omitted when the accessor returns null.
         *
         * @param name the wire name
         * @param codec its value codec
         * @param getter the record accessor
         * @return this builder
         */
        public Builder<T> optional(String name, ValueCodec codec, Function<? super T, ?> getter) {
            return add(new Field<>(name, codec, false, getter));
        }

        private Builder<T> add(Field<T> field) {
            if (fields.size() == MAX_FIELDS) {
                throw new IllegalStateException("at most " + MAX_FIELDS + " fields");
            }
            fields.add(field);
            return this;
        }

        /**
         * Builds the schema.
         *
         * @param constructor makes the record from the values read, in field order (null for absent)
         * @return the schema
         */
        @SuppressWarnings({"unchecked", "rawtypes"})
        public ObjectSchema<T> build(Function<Object[], T> constructor) {
            return new ObjectSchema<>(type, fields.toArray(new Field[0]), constructor);
        }
    }
}
