package com.migomail.webhooks.delivery;

import java.util.Objects;

/**
 * What an endpoint answered to one attempt, as a {@link WebhookTransport} read it.
 *
 * @param statusCode the HTTP status code
 * @param retryAfter the {@code Retry-After} header as sent, or {@code null} when there was none
 * @param bodyExcerpt the first {@value #MAX_EXCERPT_BYTES} bytes of the body at most, decoded as
 *     UTF-8 with malformed input replaced; what arrived before the deadline if the body was slow;
 *     empty if there was none
 */
public record WebhookResponse(int statusCode, String retryAfter, String bodyExcerpt) {

    /** The most of a response body a transport reads and the attempt log keeps: 4 KiB. */
    public static final int MAX_EXCERPT_BYTES = 4096;

    /**
     * Validates.
     *
     * @param statusCode the status code, 100 to 599
     * @param retryAfter the {@code Retry-After} header, or {@code null}
     * @param bodyExcerpt the excerpt, at most {@value #MAX_EXCERPT_BYTES} bytes of body
     * @throws NullPointerException if bodyExcerpt is null
     * @throws IllegalArgumentException if statusCode is outside 100 to 599
     */
    public WebhookResponse {
        if (statusCode < 100 || statusCode > 599) {
            throw new IllegalArgumentException("statusCode must be 100 to 599: " + statusCode);
        }
        Objects.requireNonNull(bodyExcerpt, "bodyExcerpt cannot be null");
    }
}
