package com.migomail.webhooks.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One signing key of an endpoint, in its encoded form ({@code whsec_…}, raw, or {@code whsk_…}).
 * {@link #toString()} never shows the key.
 *
 * @param key the encoded key
 * @param createdAt when it was added
 * @param expiresAt when it stops being used, or {@code null} for no expiry
 */
public record EndpointSecret(String key, Instant createdAt, Instant expiresAt) {

    /** Validates required components. */
    public EndpointSecret {
        Objects.requireNonNull(key, "key cannot be null");
        Objects.requireNonNull(createdAt, "createdAt cannot be null");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key cannot be empty");
        }
    }

    /** Whether the key signs requests at that time. */
    public boolean isActiveAt(Instant at) {
        return expiresAt == null || at.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "EndpointSecret[key=<redacted>, createdAt=" + createdAt + ", expiresAt=" + expiresAt + "]";
    }
}
