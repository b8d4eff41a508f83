package com.migomail.webhooks.core.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.migomail.webhooks.WebhookException;
import com.migomail.webhooks.core.EventData;
import com.migomail.webhooks.core.UnknownEventData;
import com.migomail.webhooks.core.WebhookEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** Writes the wire JSON: compact, {@code event, timestamp, id, data} in that order. Stateless. */
public final class EventWriter {
    private static final SerializedString EVENT = new SerializedString("event");
    private static final SerializedString TIMESTAMP = new SerializedString("timestamp");
    private static final SerializedString ID = new SerializedString("id");
    private static final SerializedString DATA = new SerializedString("data");
    private static final int INITIAL_CAPACITY = 512;

    private EventWriter() {}

    /**
     * The event as UTF-8 JSON.
     *
     * @param event the event
     * @return the bytes
     * @throws WebhookException if the generator fails (see {@link com.migomail.webhooks.core.EventCodec#write})
     */
    public static byte[] toBytes(WebhookEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(INITIAL_CAPACITY);
        try (JsonGenerator g = Json.FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            write(g, event);
        } catch (IOException | IllegalArgumentException e) {
            throw failure(event, e);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator g, WebhookEvent event) throws IOException {
        g.writeStartObject();
        g.writeFieldName(EVENT);
        g.writeString(event.type());
        g.writeFieldName(TIMESTAMP);
        g.writeString(Timestamps.format(event.timestamp()));
        g.writeFieldName(ID);
        g.writeString(event.id());
        g.writeFieldName(DATA);
        writeData(g, event.data());
        g.writeEndObject();
    }

    private static void writeData(JsonGenerator g, EventData data) throws IOException {
        if (data instanceof UnknownEventData) {
            Json.write(g, ((UnknownEventData) data).data());
        } else {
            Schemas.forClass(data.getClass()).writeUnchecked(g, data);
        }
    }

    private static WebhookException failure(WebhookEvent event, Exception e) {
        return new WebhookException("cannot write event " + event.id() + " as JSON: " + e.getMessage(), e);
    }
}
