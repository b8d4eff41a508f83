package com.migomail.webhooks.signing;

import java.util.Map;

/**
 * The signature headers of one request. Skeleton: P1.2 fills it in.
 *
 * @param migomailSignature {@code X-Migomail-Signature} value, or {@code null} without a symmetric key
 * @param webhookId {@code webhook-id}
 * @param webhookTimestamp {@code webhook-timestamp} (Unix seconds)
 * @param webhookSignature {@code webhook-signature}
 */
public record SignatureHeaders(
        String migomailSignature, String webhookId, String webhookTimestamp, String webhookSignature) {

    /** The headers by wire name, in wire order; absent values omitted. */
    public Map<String, String> asMap() {
        throw new UnsupportedOperationException("skeleton: P1.2");
    }
}
