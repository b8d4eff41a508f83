package com.migomail.webhooks.core;

/** Writes and reads the wire JSON. Skeleton: P1.1 fills it in. */
public final class EventCodec {
    private EventCodec() {}

    /** The event's JSON as UTF-8 bytes, exactly the WIRE.md format. */
    public static byte[] write(WebhookEvent event) {
        throw new UnsupportedOperationException("skeleton: P1.1");
    }

    /** The event's JSON as a string. */
    public static String writeString(WebhookEvent event) {
        throw new UnsupportedOperationException("skeleton: P1.1");
    }

    /** Reads an event from UTF-8 JSON bytes. */
    public static WebhookEvent read(byte[] json) {
        throw new UnsupportedOperationException("skeleton: P1.1");
    }

    /** Reads an event from a JSON string. */
    public static WebhookEvent read(String json) {
        throw new UnsupportedOperationException("skeleton: P1.1");
    }
}
