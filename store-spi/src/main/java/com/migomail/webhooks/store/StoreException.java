package com.migomail.webhooks.store;

/**
 * The root of the store's unchecked exceptions: a failure of the underlying storage (a JDBC error,
 * say), always with its cause chained.
 */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure with a message. */
    public StoreException(String message) {
        super(message);
    }

    /** A failure with a message and its cause. */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
