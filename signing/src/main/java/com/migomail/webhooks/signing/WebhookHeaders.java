package com.migomail.webhooks.signing;

/**
 * Names of the signature headers, as the sender writes them. Receivers match them
 * case-insensitively.
 */
public final class WebhookHeaders {
    /** {@code X-Migomail-Signature}: {@code sha256=<hex HMAC of the body>}, GitHub style. */
    public static final String MIGOMAIL_SIGNATURE = "X-Migomail-Signature";
    /** {@code webhook-id}: the event id (Standard Webhooks). */
    public static final String WEBHOOK_ID = "webhook-id";
    /** {@code webhook-timestamp}: Unix seconds of the attempt (Standard Webhooks). */
    public static final String WEBHOOK_TIMESTAMP = "webhook-timestamp";
    /** {@code webhook-signature}: space-separated {@code v1,…} and {@code v1a,…} signatures. */
    public static final String WEBHOOK_SIGNATURE = "webhook-signature";

    private WebhookHeaders() {}
}
