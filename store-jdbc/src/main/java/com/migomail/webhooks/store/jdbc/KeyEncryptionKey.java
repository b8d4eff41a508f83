package com.migomail.webhooks.store.jdbc;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A key-encryption key (KEK) of the host: 32 bytes for AES-256 and an id that names it in the
 * database. The store never keeps this key in the database; it encrypts (wraps) the store's own
 * random data key with it, and the data key encrypts the endpoint secrets. See
 * {@link SecretEncryptionKeys}.
 *
 * <p>The id is stored next to what the key wraps, so that a store told several keys knows which one
 * to use; it is not secret. Give each key its own id and never reuse an id for other bytes (a date
 * such as {@code 2025-06} works well).
 *
 * <p>Immutable and thread-safe; the key bytes are copied in and {@link #toString()} shows only the id.
 */
public final class KeyEncryptionKey {

    /** The number of key bytes: 32 (AES-256). */
    public static final int KEY_BYTES = 32;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,32}");

    private final String id;
    private final byte[] key;

    private KeyEncryptionKey(String id, byte[] key) {
        this.id = id;
        this.key = key;
    }

    /**
     * A key from its bytes.
     *
     * @param id the key's id: 1 to 32 letters, digits, {@code .}, {@code _} or {@code -}
     * @param key the 32 key bytes, copied (from your secret store; for example
     *     {@code openssl rand -base64 32}, decoded)
     * @return the key
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the id is not such a name or the key is not 32 bytes long
     */
    public static KeyEncryptionKey of(String id, byte[] key) {
        Objects.requireNonNull(id, "id cannot be null");
        Objects.requireNonNull(key, "key cannot be null");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("key id must be 1 to 32 letters, digits, '.', '_' or '-': \""
                    + id + "\"");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("key " + id + " must be " + KEY_BYTES + " bytes (AES-256), not "
                    + key.length);
        }
        return new KeyEncryptionKey(id, key.clone());
    }

    /**
     * A key from the standard Base64 encoding of its 32 bytes, as {@code openssl rand -base64 32}
     * prints it.
     *
     * @param id the key's id, as for {@link #of(String, byte[])}
     * @param base64 the Base64 text of the 32 key bytes; surrounding white space is ignored
     * @return the key
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the id is not a valid id, the text is not Base64, or it
     *     does not decode to 32 bytes (the message never shows the text)
     */
    public static KeyEncryptionKey fromBase64(String id, String base64) {
        Objects.requireNonNull(id, "id cannot be null");
        Objects.requireNonNull(base64, "base64 cannot be null");
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            // Not chained: the decoder's message quotes a character of the key.
            throw new IllegalArgumentException("key " + id + " is not valid Base64");
        }
        try {
            return of(id, key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * The key's id.
     *
     * @return the id given when the key was made
     */
    public String id() {
        return id;
    }

    /** The key for the JDK's AES cipher; package-private so that only the builder hands it on. */
    SecretKey secretKey() {
        return new SecretKeySpec(key, "AES");
    }

    /**
     * Shows the id only.
     *
     * @return {@code KeyEncryptionKey[id=<id>, key=(redacted)]}
     */
    @Override
    public String toString() {
        return "KeyEncryptionKey[id=" + id + ", key=(redacted)]";
    }
}
