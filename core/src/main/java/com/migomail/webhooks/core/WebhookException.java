package com.migomail.webhooks.core;

/**
 * The root of every exception the core module throws. Unchecked; the cause is always chained.
 *
 * <p>Messages name the field and the problem and never contain a secret.
 */
public class WebhookException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong
     */
    public WebhookException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what was wrong
     * @param cause the underlying failure
     */
    public WebhookException(String message, Throwable cause) {
        super(message, cause);
    }
}
