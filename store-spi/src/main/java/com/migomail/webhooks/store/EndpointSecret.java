package com.migomail.webhooks.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One signing key of an endpoint, in its encoded form ({@code whsec_…}, raw, or {@code whsk_…}).
 * {@link #toString()} never shows the key. Immutable, so safe to share between threads.
 *
 * @param key the encoded key
 * @param createdAt when it was added
 * @param expiresAt when it stops being used, or {@code null} for no expiry
 */
public record EndpointSecret(String key, Instant createdAt, Instant expiresAt) {

    /**
     * Validates required components.
     *
     * @param key the encoded key, not empty
     * @param createdAt when it was added
     * @param expiresAt when it stops being used, or {@code null} for no expiry
     * @throws NullPointerException if {@code key} or {@code createdAt} is null
     * @throws IllegalArgumentException if {@code key} is empty
     */
    public EndpointSecret {
        Objects.requireNonNull(key, "key cannot be null");
        Objects.requireNonNull(createdAt, "createdAt cannot be null");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key cannot be empty");
        }
    }

    /**
     * Whether the key signs requests at that time.
     *
     * @param at the time of signing
     * @return {@code true} if the key has no expiry or {@code at} is before it (at the expiry
     *     instant itself the key is no longer active)
     */
    public boolean isActiveAt(Instant at) {
        return expiresAt == null || at.isBefore(expiresAt);
    }

    /**
     * The secrets {@link EndpointStore#rotateSecret} stores, as its javadoc says: every secret that
     * would outlive {@code oldExpireAt} expires at {@code oldExpireAt} instead, those that are then
     * not {@linkplain #isActiveAt active} at {@code now} are left out, and {@code newSecret} goes
     * last, as given. A store calls it inside whatever makes its read-modify-write of the secrets
     * atomic (a lock, a transaction).
     *
     * @param secrets the endpoint's secrets as stored, oldest first
     * @param newSecret the secret to add
     * @param oldExpireAt the latest expiry an existing secret keeps
     * @param now the current time: secrets not active at it are dropped
     * @return a new immutable list, oldest first
     * @throws NullPointerException if an argument or an element is null
     */
    public static List<EndpointSecret> rotate(List<EndpointSecret> secrets, EndpointSecret newSecret,
            Instant oldExpireAt, Instant now) {
        Objects.requireNonNull(newSecret, "newSecret cannot be null");
        Objects.requireNonNull(oldExpireAt, "oldExpireAt cannot be null");
        Objects.requireNonNull(now, "now cannot be null");
        List<EndpointSecret> rotated = new ArrayList<>();
        for (EndpointSecret secret : secrets) {
            EndpointSecret capped = secret.expiringBy(oldExpireAt);
            if (capped.isActiveAt(now)) {
                rotated.add(capped);
            }
        }
        rotated.add(newSecret);
        return List.copyOf(rotated);
    }

    /** This secret, or a copy expiring at {@code latest} if it would outlive it. */
    private EndpointSecret expiringBy(Instant latest) {
        if (expiresAt != null && !expiresAt.isAfter(latest)) {
            return this;
        }
        return new EndpointSecret(key, createdAt, latest);
    }

    @Override
    public String toString() {
        return "EndpointSecret[key=<redacted>, createdAt=" + createdAt + ", expiresAt=" + expiresAt + "]";
    }
}
