package com.migomail.webhooks.store.jdbc.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A keyset position (time in epoch nanoseconds, id), opaque to callers: the position of the last
 * item of a page, so the next page starts strictly after it however many rows arrive meanwhile.
 */
record Cursor(char kind, long time, String id) {

    /** The kind of an event cursor. */
    static final char EVENTS = 'e';
    /** The kind of a delivery cursor. */
    static final char DELIVERIES = 'd';

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((kind + ":" + time + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Decodes a cursor of that kind from {@link #encode()}.
     *
     * @throws IllegalArgumentException if it is not one
     */
    static Cursor decode(char kind, String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = text.indexOf(':', 2);
            if (text.charAt(0) != kind || text.charAt(1) != ':' || colon < 0) {
                throw new IllegalArgumentException("wrong kind");
            }
            return new Cursor(kind, Long.parseLong(text.substring(2, colon)), text.substring(colon + 1));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("cursor is not one this store issued for "
                    + (kind == EVENTS ? "events" : "deliveries") + ": " + cursor, e);
        }
    }
}
