package com.migomail.webhooks.store.jdbc;

import com.migomail.webhooks.store.StoreException;
import java.util.List;

/**
 * The database's endpoint secrets are encrypted under a key-encryption key the store was not given:
 * a store built with {@link JdbcWebhookStore.Builder#storeSecretsInPlainText()} over an encrypted
 * database, or one whose {@link SecretEncryptionKeys} lack the id that wraps the database's data key.
 * Thrown by the first operation (or {@link JdbcWebhookStore#migrate()}); the store changed nothing.
 * The message names the ids needed and what to do.
 */
public final class MissingKeyEncryptionKeyException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final List<String> neededKeyIds;
    private final List<String> givenKeyIds;

    /**
     * Creates the exception for the key ids the database names and those the store has.
     *
     * @param neededKeyIds the ids of the keys the store needs and was not given; copied
     * @param givenKeyIds the ids of the keys the store was given, empty for a store that keeps
     *     secrets in plain text; copied
     * @throws NullPointerException if a list is null or holds a null
     */
    public MissingKeyEncryptionKeyException(List<String> neededKeyIds, List<String> givenKeyIds) {
        super(message(List.copyOf(neededKeyIds), List.copyOf(givenKeyIds)));
        this.neededKeyIds = List.copyOf(neededKeyIds);
        this.givenKeyIds = List.copyOf(givenKeyIds);
    }

    private static String message(List<String> needed, List<String> given) {
        String encrypted = "the endpoint secrets in this database are encrypted under key-encryption key "
                + String.join(", ", needed);
        if (given.isEmpty()) {
            return encrypted + ", and the store was built with storeSecretsInPlainText(): build it with"
                    + " secretEncryption(SecretEncryptionKeys.of(...)) holding that key; nothing was changed";
        }
        return encrypted + ", which the store was not given (it has " + String.join(", ", given) + "): add it to"
                + " SecretEncryptionKeys.of(current, others...), as the current key or another one;"
                + " nothing was changed";
    }

    /**
     * The ids of the keys the store needs and does not have.
     *
     * @return an unmodifiable, non-empty list of key ids, for example {@code [2025-01]}
     */
    public List<String> neededKeyIds() {
        return neededKeyIds;
    }

    /**
     * The ids of the keys the store has.
     *
     * @return an unmodifiable list of key ids; empty if the store keeps secrets in plain text
     */
    public List<String> givenKeyIds() {
        return givenKeyIds;
    }
}
