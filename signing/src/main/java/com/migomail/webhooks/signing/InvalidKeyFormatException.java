package com.migomail.webhooks.signing;

/** An encoded key that cannot be parsed. Skeleton: P1.2 fills it in. */
public class InvalidKeyFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message (never the key). */
    public InvalidKeyFormatException(String message) {
        super(message);
    }
}
