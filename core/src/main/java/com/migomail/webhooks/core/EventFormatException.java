package com.migomail.webhooks.core;

import com.migomail.webhooks.WebhookException;

/**
 * Event JSON that does not match the wire format: not JSON, not an object, a required field missing
 * or of the wrong type, a bad timestamp or id.
 *
 * <p>The message is {@code <path>: <problem>}, e.g. {@code data.subscriber.email: required field is
 * missing}; a problem with the document as a whole has no path. The cause, when there is one, is
 * chained. A {@link WebhookException}.
 */
public final class EventFormatException extends WebhookException {
    private static final long serialVersionUID = 1L;

    /** The dotted path of the offending field, empty for the whole document. */
    private final String path;

    /**
     * Creates the exception.
     *
     * @param path the dotted path of the offending field ({@code data.subscriber.email}), or empty
     *     for the whole document
     * @param problem what is wrong with it
     * @param cause the underlying failure, or {@code null}
     */
    public EventFormatException(String path, String problem, Throwable cause) {
        super(path.isEmpty() ? problem : path + ": " + problem, cause);
        this.path = path;
    }

    /**
     * The dotted path of the offending field, e.g. {@code data.subscriber.email}; empty when the
     * document as a whole is wrong (not JSON, not an object).
     *
     * @return the path, never null
     */
    public String path() {
        return path;
    }
}
