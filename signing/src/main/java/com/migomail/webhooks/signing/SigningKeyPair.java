package com.migomail.webhooks.signing;

import com.migomail.webhooks.signing.internal.Ed25519;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.util.Arrays;

/**
 * An Ed25519 key pair for the {@code v1a} scheme (Standard Webhooks asymmetric signatures), written
 * {@code whsk_} + base64 of the 32-byte seed followed by the 32-byte public key. The sender keeps
 * it; receivers get only {@link #publicKey()} ({@code whpk_…}).
 *
 * <p>Immutable and thread-safe. The seed never appears in {@link #toString()} (which shows the
 * public key) or in exception messages; only {@link #encoded()} reveals it.
 */
public final class SigningKeyPair implements SigningKey {
    private static final int ENCODED_LENGTH = 2 * Ed25519.KEY_LENGTH;
    private static final byte[] PROBE = "migomail key pair check".getBytes(StandardCharsets.US_ASCII);

    private final byte[] seed;
    private final PrivateKey privateKey;
    private final WebhookPublicKey publicKey;

    private SigningKeyPair(byte[] seed, PrivateKey privateKey, WebhookPublicKey publicKey) {
        this.seed = seed;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /**
     * Parses {@code whsk_<base64(seed ‖ public key)>}.
     *
     * @param encoded the key pair as {@link #encoded()} writes it
     * @return the key pair; its {@link #publicKey()} is the encoded public half
     * @throws NullPointerException if {@code encoded} is null
     * @throws InvalidKeyFormatException if the prefix, base64 or length (64 bytes) is wrong, or the
     *     public half is not the seed's public key
     */
    public static SigningKeyPair parse(String encoded) {
        KeyEncoding.requireEncoded(encoded);
        if (!encoded.startsWith(KeyEncoding.KEY_PAIR_PREFIX)) {
            throw new InvalidKeyFormatException("a signing key pair starts with whsk_");
        }
        byte[] bytes = KeyEncoding.decode(encoded, KeyEncoding.KEY_PAIR_PREFIX);
        if (bytes.length != ENCODED_LENGTH) {
            throw new InvalidKeyFormatException("a whsk_ key is base64 of 64 bytes (seed and public key), not "
                    + bytes.length);
        }
        byte[] seed = Arrays.copyOfRange(bytes, 0, Ed25519.KEY_LENGTH);
        byte[] publicBytes = Arrays.copyOfRange(bytes, Ed25519.KEY_LENGTH, ENCODED_LENGTH);
        SigningKeyPair pair = new SigningKeyPair(seed, Ed25519.privateKey(seed), publicKey(publicBytes));
        if (!pair.publicKey.verifies(pair.sign(PROBE), PROBE)) {
            throw new InvalidKeyFormatException("the whsk_ key's public half does not belong to its seed");
        }
        return pair;
    }

    /**
     * A new key pair from the JDK's default {@link java.security.SecureRandom}.
     *
     * @return a fresh, random key pair
     * @throws IllegalStateException if this JDK has no Ed25519 ({@code jdk.crypto.ec} missing)
     */
    public static SigningKeyPair generate() {
        KeyPair pair = Ed25519.generate();
        byte[] publicBytes = Ed25519.encode(pair.getPublic());
        return new SigningKeyPair(Ed25519.seed(pair.getPrivate()), pair.getPrivate(),
                WebhookPublicKey.of(publicBytes, pair.getPublic()));
    }

    /** {@code whsk_<base64(seed ‖ public key)>}; handle with care. */
    @Override
    public String encoded() {
        byte[] bytes = Arrays.copyOf(seed, ENCODED_LENGTH);
        byte[] publicBytes = publicKey.bytes();
        System.arraycopy(publicBytes, 0, bytes, Ed25519.KEY_LENGTH, Ed25519.KEY_LENGTH);
        return KeyEncoding.encode(KeyEncoding.KEY_PAIR_PREFIX, bytes);
    }

    /**
     * The public key that receivers verify with; not secret.
     *
     * @return the public half, written {@code whpk_…}
     */
    public WebhookPublicKey publicKey() {
        return publicKey;
    }

    /** The Ed25519 signature of the concatenated parts; thread-safe. */
    byte[] sign(byte[]... parts) {
        return Ed25519.sign(privateKey, parts);
    }

    /** Redacted: {@code SigningKeyPair[whsk_***, public=whpk_…]}. */
    @Override
    public String toString() {
        return "SigningKeyPair[whsk_***, public=" + publicKey.encoded() + "]";
    }

    /** Same seed (compared in constant time). */
    @Override
    public boolean equals(Object other) {
        return other instanceof SigningKeyPair that && MessageDigest.isEqual(seed, that.seed);
    }

    /** The public key's hash: reveals nothing about the seed. */
    @Override
    public int hashCode() {
        return publicKey.hashCode();
    }

    private static WebhookPublicKey publicKey(byte[] publicBytes) {
        try {
            return WebhookPublicKey.of(publicBytes, Ed25519.publicKey(publicBytes));
        } catch (IllegalArgumentException notAKey) {
            throw new InvalidKeyFormatException("the whsk_ key's public half is not an Ed25519 public key");
        }
    }
}
