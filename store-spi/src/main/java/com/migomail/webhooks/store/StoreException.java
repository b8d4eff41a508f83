package com.migomail.webhooks.store;

import com.migomail.webhooks.WebhookException;

/**
 * The root of the store's unchecked exceptions: a failure of the underlying storage (a JDBC error,
 * say), always with its cause chained. A {@link WebhookException}.
 */
public class StoreException extends WebhookException {
    private static final long serialVersionUID = 1L;

    /**
     * A failure with a message.
     *
     * @param message what failed, naming the operation or the item (never a secret)
     */
    public StoreException(String message) {
        super(message);
    }

    /**
     * A failure with a message and its cause.
     *
     * @param message what failed, naming the operation or the item (never a secret)
     * @param cause the underlying failure (a {@code SQLException}, say), chained as
     *     {@link #getCause()}
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
