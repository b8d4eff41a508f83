package com.migomail.webhooks.core.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.migomail.webhooks.core.JsonValue;
import com.migomail.webhooks.core.JsonValue.JsonArray;
import com.migomail.webhooks.core.JsonValue.JsonBoolean;
import com.migomail.webhooks.core.JsonValue.JsonNumber;
import com.migomail.webhooks.core.JsonValue.JsonObject;
import com.migomail.webhooks.core.JsonValue.JsonString;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The one shared {@link JsonFactory} (thread-safe, and costly to create) and the {@link JsonValue} tree codec. */
public final class Json {
    /**
     * Strict JSON (no comments, single quotes or NaN; Jackson's default size and depth limits), and
     * characters outside the BMP written as 4-byte UTF-8 rather than as escaped surrogate pairs.
     */
    public static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    private Json() {}

    /**
     * Reads the value the parser is on.
     *
     * @param p the parser, on the value's first token
     * @param path the value's dotted path, for messages
     * @return the value
     * @throws IOException on a JSON syntax error
     * @throws com.migomail.webhooks.core.EventFormatException on a duplicate object member
     */
    public static JsonValue read(JsonParser p, String path) throws IOException {
        switch (p.currentToken()) {
            case START_OBJECT:
                return readObject(p, path);
            case START_ARRAY:
                return readArray(p, path);
            default:
                return readScalar(p);
        }
    }

    private static JsonValue readScalar(JsonParser p) throws IOException {
        switch (p.currentToken()) {
            case VALUE_STRING:
                return new JsonString(p.getText());
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new JsonNumber(p.getText());
            case VALUE_TRUE:
                return JsonBoolean.TRUE;
            case VALUE_FALSE:
                return JsonBoolean.FALSE;
            case VALUE_NULL:
                return JsonValue.nullValue();
            default:
                throw new IllegalStateException("not on a value: " + p.currentToken());
        }
    }

    // Child paths are built only for nested containers: most members are scalars.
    private static JsonObject readObject(JsonParser p, String path) throws IOException {
        FrozenMap.Builder<JsonValue> members = new FrozenMap.Builder<>();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonValue value = p.nextToken().isStructStart() ? read(p, FormatErrors.join(path, name)) : readScalar(p);
            if (!members.put(name, value)) {
                throw FormatErrors.at(path, name, "duplicate field");
            }
        }
        return new JsonObject(members.build());
    }

    private static JsonArray readArray(JsonParser p, String path) throws IOException {
        List<JsonValue> elements = new ArrayList<>();
        for (JsonToken token = p.nextToken(); token != JsonToken.END_ARRAY; token = p.nextToken()) {
            elements.add(token.isStructStart() ? read(p, path + '[' + elements.size() + ']') : readScalar(p));
        }
        return new JsonArray(elements);
    }

    /**
     * Writes a value.
     *
     * @param g the generator
     * @param value the value
     * @throws IOException from the generator
     */
    public static void write(JsonGenerator g, JsonValue value) throws IOException {
        if (value instanceof JsonObject) {
            g.writeStartObject();
            for (Map.Entry<String, JsonValue> member : ((JsonObject) value).members().entrySet()) {
                writeName(g, member.getKey());
                write(g, member.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof JsonArray) {
            g.writeStartArray();
            for (JsonValue element : ((JsonArray) value).elements()) {
                write(g, element);
            }
            g.writeEndArray();
        } else {
            writeScalar(g, value);
        }
    }

    /**
     * Writes a member name. An unpaired surrogate would be escaped as {@code \\uD800}, which is
     * valid JSON, but Jackson's byte parser (and others) refuse it in a name: refuse it here, so the
     * sender fails instead of every receiver.
     *
     * @param g the generator
     * @param name the member name
     * @throws IOException from the generator
     * @throws IllegalArgumentException if the name holds an unpaired surrogate
     */
    public static void writeName(JsonGenerator g, String name) throws IOException {
        if (hasUnpairedSurrogate(name)) {
            throw new IllegalArgumentException("JSON member name " + Texts.quote(name) + " holds an unpaired surrogate");
        }
        g.writeFieldName(name);
    }

    private static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static void writeScalar(JsonGenerator g, JsonValue value) throws IOException {
        if (value instanceof JsonString) {
            g.writeString(((JsonString) value).value());
        } else if (value instanceof JsonNumber) {
            // The exact text read (validated JSON number syntax), so 1.50 stays 1.50.
            g.writeNumber(((JsonNumber) value).text());
        } else if (value instanceof JsonBoolean) {
            g.writeBoolean(((JsonBoolean) value).value());
        } else {
            g.writeNull();
        }
    }
}
