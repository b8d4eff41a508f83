package com.migomail.webhooks.store.internal;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;

/**
 * Encodes a {@link Key} as an opaque cursor string: a kind letter, so an event cursor is not
 * taken for a delivery cursor, then base64url of {@code seconds:nanos:id}.
 */
final class KeysetCursor {

    private KeysetCursor() {
    }

    /** The cursor of that key for listings of that kind ({@code 'e'} events, {@code 'd'} deliveries). */
    static String encode(char kind, Key key) {
        String raw = key.at().getEpochSecond() + ":" + key.at().getNano() + ":" + key.id();
        return kind + Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The key of a cursor.
     *
     * @throws IllegalArgumentException if it is not a cursor of that kind
     */
    static Key decode(char kind, String cursor) {
        if (cursor.isEmpty() || cursor.charAt(0) != kind) {
            throw malformed(cursor, null);
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor.substring(1)), StandardCharsets.UTF_8);
            String[] parts = raw.split(":", 3);
            if (parts.length != 3) {
                throw malformed(cursor, null);
            }
            return new Key(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])), parts[2]);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw malformed(cursor, e);
        }
    }

    private static IllegalArgumentException malformed(String cursor, Exception cause) {
        return new IllegalArgumentException("cursor is malformed: " + cursor, cause);
    }
}
