package com.migomail.webhooks.store.jdbc.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A keyset position (time in epoch nanoseconds, id), opaque to callers: the position of the last
 * item of a page, so the next page starts strictly after it however many rows arrive meanwhile.
 */
record Cursor(long time, String id) {

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((time + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Decodes a cursor from {@link #encode()}.
     *
     * @throws IllegalArgumentException if it is not one
     */
    static Cursor decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            return new Cursor(Long.parseLong(text.substring(0, colon)), text.substring(colon + 1));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("cursor is not one this store issued: " + cursor, e);
        }
    }
}
