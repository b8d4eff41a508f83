package com.migomail.webhooks.delivery;

import com.migomail.webhooks.WebhookException;

/**
 * The root of the delivery module's unchecked exceptions, itself a {@link WebhookException}.
 * Messages name the field or object and the problem, never a secret.
 */
public class WebhookDeliveryException extends WebhookException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with a message.
     *
     * @param message what was wrong
     */
    public WebhookDeliveryException(String message) {
        super(message);
    }

    /**
     * An exception with a message and its cause.
     *
     * @param message what was wrong
     * @param cause the underlying failure, or null
     */
    public WebhookDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
