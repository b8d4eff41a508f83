package com.migomail.webhooks.store;

/** An operation named an event, endpoint or delivery that the store does not have. */
public class NotFoundException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final String id;

    /**
     * Creates the exception for a kind of thing ({@code endpoint}) and its id.
     *
     * @param kind what was not found, e.g. {@code event} or {@code endpoint}; starts the message
     * @param id the id that was not found; ends the message
     */
    public NotFoundException(String kind, String id) {
        super(kind + " not found: " + id);
        this.id = id;
    }

    /**
     * The id that was not found.
     *
     * @return the id as given to the constructor
     */
    public String id() {
        return id;
    }
}
