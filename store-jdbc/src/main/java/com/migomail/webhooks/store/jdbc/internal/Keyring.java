package com.migomail.webhooks.store.jdbc.internal;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.SecretKey;

/**
 * The host's key-encryption keys by id, and the id of the current one. Not a record: a record's
 * {@code toString} would print the keys (and {@code SecretKeySpec}'s hash code derives from the
 * key bytes); this one prints the ids only.
 */
public final class Keyring {

    private final String currentId;
    private final Map<String, SecretKey> keys;

    /**
     * A key ring.
     *
     * @param currentId the id of the key that wraps new data keys; one of the keys
     * @param keys the keys by id, copied
     * @throws IllegalArgumentException if the current id is not among the keys
     */
    public Keyring(String currentId, Map<String, SecretKey> keys) {
        this.currentId = Objects.requireNonNull(currentId, "currentId cannot be null");
        this.keys = Map.copyOf(keys);
        if (!this.keys.containsKey(currentId)) {
            throw new IllegalArgumentException("the current key " + currentId + " is not in the key ring");
        }
    }

    String currentId() {
        return currentId;
    }

    SecretKey current() {
        return keys.get(currentId);
    }

    /** The key with that id, or {@code null}. */
    SecretKey key(String id) {
        return keys.get(id);
    }

    /** The ids, the current one first, then the others in alphabetical order. */
    List<String> ids() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(currentId),
                keys.keySet().stream().filter(id -> !id.equals(currentId)).sorted()).toList();
    }

    @Override
    public String toString() {
        return "Keyring" + ids();
    }
}
