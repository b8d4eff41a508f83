package com.migomail.webhooks.core.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import com.migomail.webhooks.core.EventData;
import com.migomail.webhooks.core.EventFormatException;
import com.migomail.webhooks.core.TypeId;
import com.migomail.webhooks.core.UnknownEventData;
import com.migomail.webhooks.core.WebhookEvent;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/**
 * Reads the wire JSON with the streaming parser: envelope fields in any order, unknown fields
 * skipped, duplicates and trailing content rejected. {@code data} is decoded straight from the
 * stream when {@code event} came first (the canonical order), and buffered otherwise.
 *
 * <p>One instance reads one document; not thread-safe.
 */
public final class EventReader {
    private static final Pattern SOURCE_NOTE = Pattern.compile("\\[Source: [^;\\]]*; ");

    private final JsonParser p;
    private String type;
    private Instant timestamp;
    private String id;
    private EventData data;
    private TokenBuffer bufferedData;

    private EventReader(JsonParser p) {
        this.p = p;
    }

    /**
     * Reads one event from UTF-8 bytes.
     *
     * @param json the document
     * @return the event
     * @throws EventFormatException if the document is not a valid event, or not UTF-8 (UTF-16,
     *     UTF-32, a byte order mark)
     */
    public static WebhookEvent read(byte[] json) {
        requireUtf8WithoutByteOrderMark(json);
        try {
            return read(Json.FACTORY.createParser(json));
        } catch (IOException e) {
            throw new EventFormatException("", "cannot read JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Jackson's byte parser would read UTF-16 and UTF-32 (which it tells by zero bytes or a byte
     * order mark at the start) and skip a UTF-8 byte order mark. The body is UTF-8 without one, and
     * the text overload refuses a leading U+FEFF, so the bytes overload refuses them all too.
     */
    private static void requireUtf8WithoutByteOrderMark(byte[] json) {
        for (int i = 0; i < Math.min(json.length, 4); i++) {
            if (json[i] == 0) {
                throw new EventFormatException("", "not UTF-8: a zero byte at offset " + i + " (UTF-16 or UTF-32?)", null);
            }
        }
        if (startsWith(json, 0xEF, 0xBB, 0xBF) || startsWith(json, 0xFE, 0xFF) || startsWith(json, 0xFF, 0xFE)) {
            throw new EventFormatException("", "not valid JSON: it starts with a byte order mark, and the body is UTF-8"
                    + " JSON without one", null);
        }
    }

    private static boolean startsWith(byte[] json, int... prefix) {
        if (json.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((json[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads one event from text.
     *
     * @param json the document
     * @return the event
     * @throws EventFormatException if the document is not a valid event
     */
    public static WebhookEvent read(String json) {
        try {
            return read(Json.FACTORY.createParser(json));
        } catch (IOException e) {
            throw new EventFormatException("", "cannot read JSON: " + e.getMessage(), e);
        }
    }

    private static WebhookEvent read(JsonParser parser) {
        try (parser) {
            return new EventReader(parser).readDocument();
        } catch (JsonProcessingException e) {
            throw notJson(parser, e);
        } catch (IOException e) {
            throw new EventFormatException("", "cannot read JSON: " + e.getMessage(), e);
        }
    }

    private WebhookEvent readDocument() throws IOException {
        JsonToken first = p.nextToken();
        if (first != JsonToken.START_OBJECT) {
            throw new EventFormatException("", "expected a JSON object, got "
                    + (first == null ? "an empty document" : FormatErrors.describe(first)), null);
        }
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            readEnvelopeField(name);
        }
        if (p.nextToken() != null) {
            throw new EventFormatException("", "unexpected content after the event object", null);
        }
        return build();
    }

    private void readEnvelopeField(String name) throws IOException {
        switch (name) {
            case "event":
                type = readType(once(type, name));
                break;
            case "timestamp":
                timestamp = readTimestamp(once(timestamp, name));
                break;
            case "id":
                id = readId(once(id, name));
                break;
            case "data":
                once(data == null ? bufferedData : data, name);
                readOrBufferData();
                break;
            default:
                p.skipChildren();
        }
    }

    private String once(Object previous, String name) {
        if (previous != null) {
            throw FormatErrors.at("", name, "duplicate field");
        }
        return name;
    }

    private String readType(String name) throws IOException {
        String text = (String) ValueCodec.STRING.read(p, "", name);
        if (text.isEmpty()) {
            throw FormatErrors.at("", name, "must not be empty");
        }
        return text;
    }

    private Instant readTimestamp(String name) throws IOException {
        String text = (String) ValueCodec.STRING.read(p, "", name);
        try {
            return Timestamps.parse(text);
        } catch (IllegalArgumentException e) {
            throw new EventFormatException(name, e.getMessage(), e);
        }
    }

    private String readId(String name) throws IOException {
        String text = (String) ValueCodec.STRING.read(p, "", name);
        if (!TypeId.isValid(text, WebhookEvent.ID_PREFIX)) {
            throw FormatErrors.at("", name, Texts.quote(text) + " is not a TypeID like "
                    + "evt_01j8x4k7q3c9v2m5n8p0r6s1td (evt_ and 26 lowercase Crockford base32 characters, "
                    + "the first 0-7)");
        }
        return text;
    }

    private void readOrBufferData() throws IOException {
        if (type != null) {
            data = readData(p, type);
        } else {
            // data before event: keep its tokens until the type is known.
            bufferedData = new TokenBuffer(p);
            bufferedData.copyCurrentStructure(p);
        }
    }

    private static EventData readData(JsonParser parser, String type) throws IOException {
        ObjectSchema<? extends EventData> schema = Schemas.forType(type);
        if (schema == null) {
            return new UnknownEventData(type, Json.read(parser, "data"));
        }
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw FormatErrors.wrongType(parser, "", "data", "an object");
        }
        return schema.read(parser, "data");
    }

    private WebhookEvent build() throws IOException {
        requirePresent(type, "event");
        requirePresent(timestamp, "timestamp");
        requirePresent(id, "id");
        if (data == null) {
            requirePresent(bufferedData, "data");
            try (JsonParser buffered = bufferedData.asParser()) {
                buffered.nextToken();
                data = readData(buffered, type);
            }
        }
        return new WebhookEvent(id, type, timestamp, data);
    }

    private static void requirePresent(Object value, String name) {
        if (value == null) {
            throw FormatErrors.at("", name, "required field is missing");
        }
    }

    private static EventFormatException notJson(JsonParser parser, JsonProcessingException e) {
        String where = e.getLocation() == null
                ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        // At the end of input the context still names the last field, which is not where the problem is.
        boolean atEnd = e instanceof JsonEOFException
                || String.valueOf(e.getOriginalMessage()).startsWith("Unexpected end-of-input");
        String path = atEnd ? "" : pathOf(parser.getParsingContext());
        return new EventFormatException(path,
                "not valid JSON" + where + ": " + withoutSourceNote(e.getOriginalMessage()), e);
    }

    // Jackson notes that it hides the source ("[Source: REDACTED (...); line: 1, ...]"); keep the line.
    private static String withoutSourceNote(String message) {
        return message == null ? "" : SOURCE_NOTE.matcher(message).replaceAll("[");
    }

    // The dotted path of where the syntax error happened, e.g. data.subscriber.
    private static String pathOf(JsonStreamContext context) {
        Deque<String> segments = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                segments.push("[" + c.getCurrentIndex() + "]");
            } else if (c.getCurrentName() != null) {
                segments.push("." + c.getCurrentName());
            }
        }
        String path = String.join("", segments);
        return path.startsWith(".") ? path.substring(1) : path;
    }
}
