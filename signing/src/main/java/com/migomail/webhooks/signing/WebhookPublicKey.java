package com.migomail.webhooks.signing;

import com.migomail.webhooks.signing.internal.Ed25519;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Objects;

/**
 * An Ed25519 public key that verifies {@code v1a} signatures, written {@code whpk_} + base64 of its
 * 32-byte encoding. What a receiver holds instead of a shared secret: it can verify but not sign, so
 * a leaked receiver configuration cannot forge requests. Get it from
 * {@link SigningKeyPair#publicKey()} on the sender side or {@link #parse} on the receiver side.
 *
 * <p>Immutable and thread-safe. Not secret: {@link #toString()} shows the encoded key.
 */
public final class WebhookPublicKey implements VerificationKey {
    private final byte[] encodedKey;
    private final PublicKey key;

    private WebhookPublicKey(byte[] encodedKey, PublicKey key) {
        this.encodedKey = encodedKey;
        this.key = key;
    }

    /**
     * Parses {@code whpk_<base64 of 32 bytes>}.
     *
     * @param encoded the public key as {@link #encoded()} writes it
     * @return the public key
     * @throws NullPointerException if {@code encoded} is null
     * @throws InvalidKeyFormatException if the prefix, base64 or length is wrong, or the 32 bytes are
     *     not an Ed25519 point
     */
    public static WebhookPublicKey parse(String encoded) {
        KeyEncoding.requireEncoded(encoded);
        if (!encoded.startsWith(KeyEncoding.PUBLIC_KEY_PREFIX)) {
            throw new InvalidKeyFormatException("a public key starts with whpk_");
        }
        byte[] bytes = KeyEncoding.decode(encoded, KeyEncoding.PUBLIC_KEY_PREFIX);
        if (bytes.length != Ed25519.KEY_LENGTH) {
            throw new InvalidKeyFormatException("a whpk_ key is base64 of 32 bytes, not " + bytes.length);
        }
        try {
            return new WebhookPublicKey(bytes, Ed25519.publicKey(bytes));
        } catch (IllegalArgumentException notAKey) {
            throw new InvalidKeyFormatException("the whpk_ key is not an Ed25519 public key");
        }
    }

    /** {@code whpk_<base64>}. */
    @Override
    public String encoded() {
        return KeyEncoding.encode(KeyEncoding.PUBLIC_KEY_PREFIX, encodedKey);
    }

    /** A copy of the 32-byte encoding. */
    byte[] bytes() {
        return encodedKey.clone();
    }

    /** Whether the 64-byte signature is valid for the concatenated parts; never throws. */
    boolean verifies(byte[] signature, byte[]... parts) {
        return Ed25519.verify(key, signature, parts);
    }

    /** {@code WebhookPublicKey[whpk_…]}. */
    @Override
    public String toString() {
        return "WebhookPublicKey[" + encoded() + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookPublicKey that && Arrays.equals(encodedKey, that.encodedKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encodedKey);
    }

    static WebhookPublicKey of(byte[] encodedKey, PublicKey key) {
        return new WebhookPublicKey(Objects.requireNonNull(encodedKey), Objects.requireNonNull(key));
    }
}
