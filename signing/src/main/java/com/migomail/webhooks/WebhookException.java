package com.migomail.webhooks;

/**
 * The root of the library's own failures, in every module. Unchecked; the cause, when there is
 * one, is always chained. Catch it to handle anything the library refuses or fails at without
 * also catching unrelated runtime exceptions.
 *
 * <p>Each subclass carries what went wrong as data, not only as text:
 * {@code WebhookVerificationException.reason()} (signing), {@code EventFormatException.path()}
 * (core), {@code StoreException} and its subclasses (store), {@code UnknownIdException.kind()} and
 * {@code EndpointAddressRejectedException.reason()} (delivery). Messages name the field or object
 * and the problem, never a secret or an expected signature.
 *
 * <p>A bad argument is not a failure of the library and stays one of Java's own types:
 * {@link NullPointerException} for a null, {@link IllegalArgumentException} for a bad value (an
 * unparseable key is {@code InvalidKeyFormatException}, an {@code IllegalArgumentException}),
 * {@link IllegalStateException} for a conflicting pair of settings.
 *
 * <p>It lives in the signing module because that module is at the bottom of the module graph:
 * every other module depends on it, and a receiver that only verifies needs nothing else.
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
     * @param cause the underlying failure, or null
     */
    public WebhookException(String message, Throwable cause) {
        super(message, cause);
    }
}
