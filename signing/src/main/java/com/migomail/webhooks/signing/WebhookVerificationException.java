package com.migomail.webhooks.signing;

/** A request that failed verification. Skeleton: P1.2 adds the reason. */
public class WebhookVerificationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message. */
    public WebhookVerificationException(String message) {
        super(message);
    }
}
