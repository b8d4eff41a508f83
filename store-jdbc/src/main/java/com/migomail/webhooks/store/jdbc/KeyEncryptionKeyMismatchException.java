package com.migomail.webhooks.store.jdbc;

import com.migomail.webhooks.store.StoreException;

/**
 * The store was given a key-encryption key with the id the database names, but it does not decrypt
 * the data key wrapped under that id: its bytes are not the ones the data key was wrapped with, or
 * the {@code settings} row was altered. Thrown by the first operation (or
 * {@link JdbcWebhookStore#migrate()}); the store changed nothing.
 */
public final class KeyEncryptionKeyMismatchException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final String keyId;

    /**
     * Creates the exception for the id of the key that failed.
     *
     * @param keyId the id of the key-encryption key that does not decrypt the data key
     * @param cause the cipher's failure, chained
     */
    public KeyEncryptionKeyMismatchException(String keyId, Throwable cause) {
        super("key-encryption key " + keyId + " does not decrypt the data key the database keeps under that id:"
                + " its bytes are not the ones the data key was wrapped with, or the settings row was altered", cause);
        this.keyId = keyId;
    }

    /**
     * The id of the key that failed.
     *
     * @return the key id, as given to {@link KeyEncryptionKey#of(String, byte[])}
     */
    public String keyId() {
        return keyId;
    }
}
