package com.migomail.webhooks.delivery;

import java.util.Objects;

/**
 * An operation named an endpoint, event or delivery that the store does not have (or that belongs
 * to another tenant). The message is {@code <kind> not found: <id>}, e.g.
 * {@code endpoint not found: ep_01j8x4k7q3c9v2m5n8p0r6s1td}.
 */
public class UnknownIdException extends WebhookDeliveryException {
    private static final long serialVersionUID = 1L;

    /** What kind of object the unknown id names. */
    public enum Kind {
        /** An endpoint ({@code ep_…}). */
        ENDPOINT("endpoint"),
        /** An event ({@code evt_…}). */
        EVENT("event"),
        /** A delivery ({@code dlv_…}). */
        DELIVERY("delivery"),
        /**
         * An event and an endpoint named together, one of which is gone (a replay whose event or
         * endpoint was deleted meanwhile); the id is {@code <event id> / <endpoint id>}.
         */
        EVENT_OR_ENDPOINT("event or endpoint");

        private final String description;

        Kind(String description) {
            this.description = description;
        }
    }

    private final Kind kind;
    private final String id;

    /**
     * Creates the exception.
     *
     * @param kind what the id names
     * @param id the id that was not found
     * @param cause the store's not-found failure, or null
     * @throws NullPointerException if {@code kind} or {@code id} is null
     */
    public UnknownIdException(Kind kind, String id, Throwable cause) {
        super(Objects.requireNonNull(kind, "kind cannot be null").description + " not found: " + id, cause);
        this.kind = kind;
        this.id = Objects.requireNonNull(id, "id cannot be null");
    }

    /**
     * What the id names.
     *
     * @return the kind, never null
     */
    public Kind kind() {
        return kind;
    }

    /**
     * The id that was not found.
     *
     * @return the id, never null
     */
    public String id() {
        return id;
    }
}
