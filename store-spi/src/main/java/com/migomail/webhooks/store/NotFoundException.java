package com.migomail.webhooks.store;

/** An operation named an event, endpoint or delivery that the store does not have. */
public class NotFoundException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final String kind;
    private final String id;

    /**
     * Creates the exception for a kind of thing ({@code endpoint}) and its id.
     *
     * @param kind what was not found, e.g. {@code event} or {@code endpoint}; starts the message
     * @param id the id that was not found; ends the message
     */
    public NotFoundException(String kind, String id) {
        super(kind + " not found: " + id);
        this.kind = kind;
        this.id = id;
    }

    /**
     * What kind of thing was not found, as the store named it: {@code event}, {@code endpoint} or
     * {@code delivery} for the stores of this library.
     *
     * @return the kind as given to the constructor
     */
    public String kind() {
        return kind;
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
