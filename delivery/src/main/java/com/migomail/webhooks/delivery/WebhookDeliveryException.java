package com.migomail.webhooks.delivery;

/**
 * The root of the delivery module's unchecked exceptions. Messages name the field or object and the
 * problem, never a secret.
 */
public class WebhookDeliveryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message. */
    public WebhookDeliveryException(String message) {
        super(message);
    }

    /** An exception with a message and its cause. */
    public WebhookDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
