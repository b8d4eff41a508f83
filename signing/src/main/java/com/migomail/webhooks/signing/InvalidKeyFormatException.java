package com.migomail.webhooks.signing;

/**
 * An encoded key that cannot be parsed: a bad prefix, bad base64, a wrong length, or a key pair
 * whose halves do not belong together. The message names the problem, never the key; for the same
 * reason the JDK's base64 error (which quotes the offending character) is not chained.
 *
 * <p>An {@link IllegalArgumentException}, not a {@link com.migomail.webhooks.WebhookException}:
 * the key is an argument the caller passed, and a bad argument is reported as Java's own type.
 */
public class InvalidKeyFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong with the key, for the caller to read; never the key itself
     */
    public InvalidKeyFormatException(String message) {
        super(message);
    }
}
