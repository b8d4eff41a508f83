package com.migomail.webhooks.store.jdbc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.SecretKey;

/**
 * The key-encryption keys a {@link JdbcWebhookStore} encrypts endpoint secrets with
 * ({@link JdbcWebhookStore.Builder#secretEncryption(SecretEncryptionKeys)}): the current one, which
 * wraps the store's data key, and any others the database may still name.
 *
 * <p>Envelope encryption: the store keeps one random AES-256 data key in its {@code settings}
 * table, encrypted (wrapped) with AES-256-GCM under the current key-encryption key and labelled with
 * that key's id. Each endpoint's secrets are encrypted with the data key (AES-256-GCM, a fresh
 * 96-bit nonce each time, bound to the endpoint's tenant and id). The key-encryption keys never
 * reach the database.
 *
 * <p>Rotating the key-encryption key: give every node {@code of(newKey, oldKey)}; the first store to
 * start re-wraps the data key under {@code newKey} (the endpoint rows are not touched), and from then
 * on {@code of(newKey)} is enough. A store that finds a data key wrapped under a key it was not given
 * refuses to start with {@link MissingKeyEncryptionKeyException}, which names the ids it needs.
 *
 * <p>Immutable and thread-safe; {@link #toString()} shows the key ids only.
 */
public final class SecretEncryptionKeys {

    private final KeyEncryptionKey current;
    private final Map<String, KeyEncryptionKey> byId;

    private SecretEncryptionKeys(KeyEncryptionKey current, Map<String, KeyEncryptionKey> byId) {
        this.current = current;
        this.byId = byId;
    }

    /**
     * The keys, the current one first.
     *
     * @param current the key that wraps the data key from now on
     * @param others keys the database may still name: the previous current key while a rotation is
     *     under way, or the next one before it becomes current on every node
     * @return the key ring
     * @throws NullPointerException if an argument or an element is null
     * @throws IllegalArgumentException if two keys have the same id
     */
    public static SecretEncryptionKeys of(KeyEncryptionKey current, KeyEncryptionKey... others) {
        Objects.requireNonNull(current, "current cannot be null");
        Objects.requireNonNull(others, "others cannot be null");
        Map<String, KeyEncryptionKey> byId = new LinkedHashMap<>();
        byId.put(current.id(), current);
        for (KeyEncryptionKey other : others) {
            Objects.requireNonNull(other, "others cannot hold null");
            if (byId.putIfAbsent(other.id(), other) != null) {
                throw new IllegalArgumentException("two keys have the id " + other.id());
            }
        }
        return new SecretEncryptionKeys(current, Collections.unmodifiableMap(byId));
    }

    /**
     * The id of the current key.
     *
     * @return the id of the key that wraps the data key
     */
    public String currentKeyId() {
        return current.id();
    }

    /**
     * The ids of all the keys.
     *
     * @return an unmodifiable list, the current key's id first, then the others in the order given
     */
    public List<String> keyIds() {
        return List.copyOf(byId.keySet());
    }

    /** The JDK keys by id, the current one first; package-private so that only the builder hands them on. */
    Map<String, SecretKey> secretKeys() {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        byId.forEach((id, key) -> keys.put(id, key.secretKey()));
        return keys;
    }

    /**
     * Shows the key ids only.
     *
     * @return {@code SecretEncryptionKeys[current=<id>, others=[<id>, ...]]}
     */
    @Override
    public String toString() {
        List<String> others = new ArrayList<>(byId.keySet());
        others.remove(current.id());
        return "SecretEncryptionKeys[current=" + current.id() + ", others=" + others + "]";
    }
}
