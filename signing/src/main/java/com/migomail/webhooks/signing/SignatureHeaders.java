package com.migomail.webhooks.signing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The signature headers of one request attempt, as {@link WebhookSigner} produces them.
 *
 * @param migomailSignature {@code X-Migomail-Signature} value ({@code sha256=<hex>}, one per
 *     symmetric key, space-separated), or {@code null} when no symmetric key signed or the body begins
 *     like signed content (see {@link WebhookSigner#sign})
 * @param webhookId {@code webhook-id}
 * @param webhookTimestamp {@code webhook-timestamp} (Unix seconds)
 * @param webhookSignature {@code webhook-signature}: {@code v1,…} per symmetric key, then
 *     {@code v1a,…} per key pair, space-separated
 */
public record SignatureHeaders(
        String migomailSignature, String webhookId, String webhookTimestamp, String webhookSignature) {

    /**
     * Validates the values.
     *
     * @param migomailSignature {@code X-Migomail-Signature} value, or {@code null} when there is none
     * @param webhookId {@code webhook-id}
     * @param webhookTimestamp {@code webhook-timestamp} (Unix seconds)
     * @param webhookSignature {@code webhook-signature}
     * @throws NullPointerException if webhookId, webhookTimestamp or webhookSignature is null
     */
    public SignatureHeaders {
        Objects.requireNonNull(webhookId, "webhookId cannot be null");
        Objects.requireNonNull(webhookTimestamp, "webhookTimestamp cannot be null");
        Objects.requireNonNull(webhookSignature, "webhookSignature cannot be null");
    }

    /**
     * The headers by wire name ({@link WebhookHeaders}), in wire order: {@code X-Migomail-Signature}
     * (omitted when null), {@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}.
     * The map is unmodifiable.
     *
     * @return an unmodifiable map of three or four headers, wire name to value, in wire order
     */
    public Map<String, String> asMap() {
        Map<String, String> headers = new LinkedHashMap<>(8);
        if (migomailSignature != null) {
            headers.put(WebhookHeaders.MIGOMAIL_SIGNATURE, migomailSignature);
        }
        headers.put(WebhookHeaders.WEBHOOK_ID, webhookId);
        headers.put(WebhookHeaders.WEBHOOK_TIMESTAMP, webhookTimestamp);
        headers.put(WebhookHeaders.WEBHOOK_SIGNATURE, webhookSignature);
        return Collections.unmodifiableMap(headers);
    }
}
