package com.migomail.webhooks.delivery;

import java.util.Objects;

/** An operation named an endpoint or event that the store does not have. */
public class UnknownIdException extends WebhookDeliveryException {
    private static final long serialVersionUID = 1L;

    private final String id;

    /** Creates the exception for a kind of object ({@code endpoint}, {@code event}) and its id. */
    public UnknownIdException(String kind, String id, Throwable cause) {
        super(kind + " not found: " + id, cause);
        this.id = Objects.requireNonNull(id, "id cannot be null");
    }

    /** The id that was not found. */
    public String id() {
        return id;
    }
}
