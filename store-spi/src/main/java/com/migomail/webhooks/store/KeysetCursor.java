package com.migomail.webhooks.store;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * A keyset position in a listing: the sort key (time, id) of the last item of a page, so that the
 * next page starts strictly after it however many items arrive meanwhile. Events are listed by
 * ({@link StoredEvent#timestamp() timestamp}, id), deliveries by ({@link Delivery#createdAt()
 * createdAt}, id).
 *
 * <p>Every store of this library writes and reads the {@link Page#nextCursor()} of
 * {@link EventStore#events} and {@link DeliveryStore#deliveries} through this class, and a store of
 * your own may too: the cursor is an opaque string, a kind letter ({@code e} for events, {@code d}
 * for deliveries, so that a cursor of one listing is not taken for the other's) and then base64url
 * of {@code epochSecond:nano:id}. It carries no secret and no signature: it locates, it does not
 * authorize.
 *
 * <p>Immutable, so safe to share between threads; the static methods keep no state.
 *
 * @param at the time of the item the position is at
 * @param id the id of that item
 */
public record KeysetCursor(Instant at, String id) {

    private static final char EVENTS = 'e';
    private static final char DELIVERIES = 'd';

    /**
     * Validates the components.
     *
     * @param at the time of the item the position is at
     * @param id the id of that item
     * @throws NullPointerException if a component is null
     */
    public KeysetCursor {
        Objects.requireNonNull(at, "at cannot be null");
        Objects.requireNonNull(id, "id cannot be null");
    }

    /**
     * The cursor of an events page that ends with that event: its position (timestamp, id),
     * encoded.
     *
     * @param last the last event of the page
     * @return the cursor, starting with {@code e}
     * @throws NullPointerException if the event is null
     */
    public static String encodeAfter(StoredEvent last) {
        return new KeysetCursor(last.timestamp(), last.id()).encode(EVENTS);
    }

    /**
     * The cursor of a deliveries page that ends with that delivery: its position (createdAt, id),
     * encoded.
     *
     * @param last the last delivery of the page
     * @return the cursor, starting with {@code d}
     * @throws NullPointerException if the delivery is null
     */
    public static String encodeAfter(Delivery last) {
        return new KeysetCursor(last.createdAt(), last.id()).encode(DELIVERIES);
    }

    /**
     * The position an events cursor from {@link #encodeAfter(StoredEvent)} stands for.
     *
     * @param cursor the {@link Page#nextCursor()} of an events page
     * @return the timestamp and id of that page's last event
     * @throws NullPointerException if the cursor is null
     * @throws IllegalArgumentException if it is not an events cursor (a delivery cursor, say, or
     *     any other string)
     */
    public static KeysetCursor decodeEvents(String cursor) {
        return decode(EVENTS, "events", cursor);
    }

    /**
     * The position a deliveries cursor from {@link #encodeAfter(Delivery)} stands for.
     *
     * @param cursor the {@link Page#nextCursor()} of a deliveries page
     * @return the {@code createdAt} and id of that page's last delivery
     * @throws NullPointerException if the cursor is null
     * @throws IllegalArgumentException if it is not a deliveries cursor (an event cursor, say, or
     *     any other string)
     */
    public static KeysetCursor decodeDeliveries(String cursor) {
        return decode(DELIVERIES, "deliveries", cursor);
    }

    private String encode(char kind) {
        String raw = at.getEpochSecond() + ":" + at.getNano() + ":" + id;
        return kind + Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static KeysetCursor decode(char kind, String listing, String cursor) {
        Objects.requireNonNull(cursor, "cursor cannot be null");
        try {
            if (cursor.isEmpty() || cursor.charAt(0) != kind) {
                throw new IllegalArgumentException("no '" + kind + "' in front");
            }
            String raw = new String(Base64.getUrlDecoder().decode(cursor.substring(1)), StandardCharsets.UTF_8);
            String[] parts = raw.split(":", 3);
            if (parts.length != 3) {
                throw new IllegalArgumentException("not seconds:nanos:id");
            }
            return new KeysetCursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
                    parts[2]);
        } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("cursor is not one this store issued for " + listing + ": " + cursor, e);
        }
    }
}
