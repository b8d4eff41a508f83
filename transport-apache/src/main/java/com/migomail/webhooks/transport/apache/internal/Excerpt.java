package com.migomail.webhooks.transport.apache.internal;

import com.migomail.webhooks.delivery.WebhookResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The status, {@code Retry-After} and first {@value WebhookResponse#MAX_EXCERPT_BYTES} body bytes of
 * one response, as far as they have arrived. Written on an I/O thread and read by whichever of the
 * I/O thread and the deadline completes the exchange, hence synchronized.
 */
final class Excerpt {
    private final byte[] bytes = new byte[WebhookResponse.MAX_EXCERPT_BYTES];
    private int size;
    private int statusCode;
    private String retryAfter;

    synchronized void status(int code, String retryAfterHeader) {
        this.statusCode = code;
        this.retryAfter = retryAfterHeader;
    }

    synchronized boolean hasStatus() {
        return statusCode != 0;
    }

    /** Keeps what fits of the data and drains the rest; true once the excerpt is full. */
    synchronized boolean append(ByteBuffer data) {
        int take = Math.min(data.remaining(), bytes.length - size);
        data.get(bytes, size, take);
        size += take;
        data.position(data.limit());
        return size == bytes.length;
    }

    synchronized int room() {
        return bytes.length - size;
    }

    /** The response so far; only once a status has arrived. */
    synchronized WebhookResponse response() {
        return new WebhookResponse(statusCode, retryAfter, new String(bytes, 0, size, StandardCharsets.UTF_8));
    }
}
