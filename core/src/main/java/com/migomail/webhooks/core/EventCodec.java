package com.migomail.webhooks.core;

import com.migomail.webhooks.WebhookException;
import com.migomail.webhooks.core.internal.EventReader;
import com.migomail.webhooks.core.internal.EventWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Writes and reads the wire JSON of an event (WIRE.md).
 *
 * <p><strong>Writing</strong> gives compact UTF-8 JSON with the envelope fields in the order
 * {@code event, timestamp, id, data}, the timestamp as {@code yyyy-MM-ddTHH:mm:ssZ}, absent
 * optional fields omitted (never {@code null}) and the data fields in canonical order: for email
 * events {@code message_id, campaign_id, subscriber}, then the type's own fields in the order of
 * the WIRE.md table (e.g. {@code ip_address, user_agent, client, device}); for the others the
 * table's order ({@code automation_id, automation_name, subscriber, trigger}). A subscriber is
 * written {@code email, name, list_id, id, properties}, a change {@code from, to}. JSON values
 * ({@link JsonValue}) are written as read: member order and number text are kept. Non-ASCII
 * characters are written as UTF-8, not escaped. The same event always gives the same bytes.
 *
 * <p><strong>Reading</strong> accepts the fields in any order and is forward compatible: unknown
 * fields are ignored, and an unknown {@code event} type gives an event whose data is an
 * {@link UnknownEventData} holding the {@code data} tree. It is strict about what it knows: a
 * required field missing, {@code null} or of the wrong JSON type, a duplicate field, an enum value
 * outside its set (e.g. {@code bounce_type} other than {@code hard}/{@code soft}), a number out of
 * range, a timestamp not in the exact format above, an id that is not an {@code evt_} TypeID, or
 * content after the object all raise {@link EventFormatException}. An optional field given as
 * {@code null} is read as absent.
 *
 * <p>Thread-safe; all methods are static and share one Jackson {@code JsonFactory}. No Jackson
 * type appears in this API, and no Jackson exception escapes it (they are chained as causes).
 */
public final class EventCodec {
    private EventCodec() {}

    /**
     * The event's JSON as UTF-8 bytes, exactly the WIRE.md format.
     *
     * @param event the event
     * @return the JSON
     * @throws NullPointerException if {@code event} is null
     * @throws WebhookException if the JSON cannot be written: a {@link JsonValue} member name (or
     *     {@code properties}/{@code changes} key) holding an unpaired surrogate, which readers
     *     refuse, or {@link JsonValue}s nested deeper than Jackson's limit (1000). Unpaired
     *     surrogates in string values are written as {@code \uD800}-style escapes and read back.
     */
    public static byte[] write(WebhookEvent event) {
        return EventWriter.toBytes(Objects.requireNonNull(event, "event cannot be null"));
    }

    /**
     * The event's JSON as a string; its UTF-8 encoding is {@link #write}'s result.
     *
     * @param event the event
     * @return the JSON
     * @throws NullPointerException if {@code event} is null
     * @throws WebhookException as {@link #write}
     */
    public static String writeString(WebhookEvent event) {
        return new String(write(event), StandardCharsets.UTF_8);
    }

    /**
     * Reads an event from UTF-8 JSON bytes.
     *
     * @param json the JSON
     * @return the event
     * @throws NullPointerException if {@code json} is null
     * @throws EventFormatException if the bytes are not a valid event, naming the field and problem,
     *     or not UTF-8: UTF-16 and UTF-32 text and a leading byte order mark are refused, as
     *     {@link #read(String)} refuses a leading U+FEFF
     */
    public static WebhookEvent read(byte[] json) {
        return EventReader.read(Objects.requireNonNull(json, "json cannot be null"));
    }

    /**
     * Reads an event from a JSON string.
     *
     * @param json the JSON
     * @return the event
     * @throws NullPointerException if {@code json} is null
     * @throws EventFormatException if the text is not a valid event, naming the field and problem
     */
    public static WebhookEvent read(String json) {
        return EventReader.read(Objects.requireNonNull(json, "json cannot be null"));
    }
}
