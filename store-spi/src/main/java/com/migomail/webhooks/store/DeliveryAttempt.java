package com.migomail.webhooks.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One HTTP attempt of a delivery, as the attempt log keeps it.
 *
 * @param deliveryId the delivery
 * @param number 1-based over the delivery's whole life (replays continue the count)
 * @param startedAt when the request was sent
 * @param latency from send to response (or error)
 * @param statusCode the HTTP status, or {@code null} when no response arrived
 * @param errorClass the failure's exception class name (e.g. {@code java.net.ConnectException}), or
 *     {@code null}
 * @param errorMessage the failure's message, or {@code null}
 * @param responseExcerpt at most the first 4 KiB of the response body, or {@code null}
 */
public record DeliveryAttempt(
        String deliveryId,
        int number,
        Instant startedAt,
        Duration latency,
        Integer statusCode,
        String errorClass,
        String errorMessage,
        String responseExcerpt) {

    /**
     * Validates required components.
     *
     * @param deliveryId the delivery
     * @param number 1-based over the delivery's whole life
     * @param startedAt when the request was sent
     * @param latency from send to response (or error)
     * @param statusCode the HTTP status, or {@code null} when no response arrived
     * @param errorClass the failure's exception class name, or {@code null}
     * @param errorMessage the failure's message, or {@code null}
     * @param responseExcerpt at most the first 4 KiB of the response body, or {@code null}
     * @throws NullPointerException if {@code deliveryId}, {@code startedAt} or {@code latency} is null
     * @throws IllegalArgumentException if {@code number} is less than 1
     */
    public DeliveryAttempt {
        Objects.requireNonNull(deliveryId, "deliveryId cannot be null");
        Objects.requireNonNull(startedAt, "startedAt cannot be null");
        Objects.requireNonNull(latency, "latency cannot be null");
        if (number < 1) {
            throw new IllegalArgumentException("number must be at least 1: " + number);
        }
    }

    /**
     * Whether the attempt got a 2xx response.
     *
     * @return {@code true} if {@link #statusCode()} is 200 to 299; {@code false} for any other status
     *     or when no response arrived
     */
    public boolean succeeded() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }
}
