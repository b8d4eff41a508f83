package com.migomail.webhooks.signing;

import com.migomail.webhooks.signing.internal.HmacSha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;

/**
 * A symmetric endpoint secret: the key of both HMAC schemes ({@code X-Migomail-Signature} and
 * {@code v1}). Written {@code whsec_} + base64 of 24 to 64 bytes, or as a raw (GitHub-style) string
 * of at least {@value #MIN_RAW_LENGTH} UTF-8 bytes, which are the key.
 *
 * <p>Parsing refuses what is more likely a mistake than a key: a string with whitespace or a control
 * character at either end (a newline read from a file), one that starts with {@code whsec_},
 * {@code whsk_} or {@code whpk_} in another case ({@code WHSEC_…}), and a raw secret shorter than
 * {@value #MIN_RAW_LENGTH} bytes, unless {@link #parseAllowingShortRawSecret} is asked for it.
 *
 * <p>Immutable and thread-safe. The key never appears in {@link #toString()} or in exception
 * messages; only {@link #encoded()} reveals it. Equal secrets have the same key and the same
 * written form; {@link #hashCode()} does not depend on the key.
 */
public final class WebhookSecret implements SigningKey, VerificationKey {
    /** Fewest key bytes of a {@code whsec_} secret. */
    public static final int MIN_LENGTH = 24;
    /** Most key bytes of a {@code whsec_} secret. */
    public static final int MAX_LENGTH = 64;
    /**
     * Fewest UTF-8 bytes of a raw secret that {@link #parse} accepts: 16. A raw secret is often typed
     * or chosen by a person, and one shorter than this can be found by trying guesses against a
     * single signed request.
     */
    public static final int MIN_RAW_LENGTH = 16;
    private static final int GENERATED_LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;
    private final boolean raw;
    private final HmacSha256 hmac;

    private WebhookSecret(byte[] key, boolean raw) {
        this.key = key;
        this.raw = raw;
        this.hmac = HmacSha256.withKey(key);
    }

    /**
     * Parses {@code whsec_<base64>} or a raw secret of at least {@value #MIN_RAW_LENGTH} bytes (its
     * UTF-8 bytes are the key).
     *
     * @param encoded {@code whsec_} and base64 of the key bytes, or any other string of at least
     *     {@value #MIN_RAW_LENGTH} UTF-8 bytes as a raw secret
     * @return the secret; a raw one when {@code encoded} has no {@code whsec_} prefix
     * @throws NullPointerException if {@code encoded} is null
     * @throws InvalidKeyFormatException if a {@code whsec_} secret is not base64 of 24 to 64 bytes, a
     *     raw secret is blank or shorter than {@value #MIN_RAW_LENGTH} bytes, the string begins or ends
     *     with whitespace or a control character, starts with {@code whsec_}, {@code whsk_} or
     *     {@code whpk_} in another case, or is a {@code whsk_}/{@code whpk_} Ed25519 key
     */
    public static WebhookSecret parse(String encoded) {
        return parse(encoded, MIN_RAW_LENGTH);
    }

    /**
     * As {@link #parse}, but a raw secret may be shorter than {@value #MIN_RAW_LENGTH} bytes: for an
     * existing short secret that cannot be replaced yet (a GitHub-style secret already configured at
     * receivers). Every other rule of {@link #parse} holds; a new secret should come from
     * {@link #generate()}.
     *
     * @param encoded {@code whsec_} and base64 of the key bytes, or any other non-blank string as a raw
     *     secret
     * @return the secret; a raw one when {@code encoded} has no {@code whsec_} prefix
     * @throws NullPointerException if {@code encoded} is null
     * @throws InvalidKeyFormatException as {@link #parse}, except for a short raw secret
     */
    public static WebhookSecret parseAllowingShortRawSecret(String encoded) {
        return parse(encoded, 1);
    }

    private static WebhookSecret parse(String encoded, int minRawLength) {
        KeyEncoding.requireEncoded(encoded);
        if (encoded.startsWith(KeyEncoding.SECRET_PREFIX)) {
            return ofBytes(KeyEncoding.decode(encoded, KeyEncoding.SECRET_PREFIX));
        }
        if (encoded.startsWith(KeyEncoding.KEY_PAIR_PREFIX) || encoded.startsWith(KeyEncoding.PUBLIC_KEY_PREFIX)) {
            throw new InvalidKeyFormatException("a whsk_ or whpk_ key is an Ed25519 key, not a symmetric secret;"
                    + " use SigningKeyPair, WebhookPublicKey or SigningKey/VerificationKey.parse");
        }
        if (encoded.isBlank()) {
            throw new InvalidKeyFormatException("a raw secret cannot be empty or blank");
        }
        KeyEncoding.requireNoNearMiss(encoded);
        byte[] key = encoded.getBytes(StandardCharsets.UTF_8);
        if (key.length < minRawLength) {
            throw new InvalidKeyFormatException("a raw secret needs at least " + MIN_RAW_LENGTH + " bytes, and this one"
                    + " has " + key.length + ": use a whsec_ secret (WebhookSecret.generate()), or, for an existing"
                    + " short secret, WebhookSecret.parseAllowingShortRawSecret");
        }
        return new WebhookSecret(key, true);
    }

    /**
     * The secret of those key bytes (copied), written {@code whsec_…}.
     *
     * @param key the HMAC key, 24 to 64 bytes; copied, so later changes to the array do not matter
     * @return the secret, written {@code whsec_…}
     * @throws NullPointerException if {@code key} is null
     * @throws InvalidKeyFormatException unless it has 24 to 64 bytes
     */
    public static WebhookSecret ofBytes(byte[] key) {
        Objects.requireNonNull(key, "key cannot be null");
        if (key.length < MIN_LENGTH || key.length > MAX_LENGTH) {
            throw new InvalidKeyFormatException("a whsec_ secret has " + MIN_LENGTH + " to " + MAX_LENGTH
                    + " key bytes, not " + key.length);
        }
        return new WebhookSecret(key.clone(), false);
    }

    /**
     * A new secret of 32 random bytes from {@link SecureRandom}.
     *
     * @return a fresh secret, written {@code whsec_…}
     */
    public static WebhookSecret generate() {
        byte[] key = new byte[GENERATED_LENGTH];
        RANDOM.nextBytes(key);
        return new WebhookSecret(key, false);
    }

    /** {@code whsec_<base64>}, or the raw secret as given; handle with care. */
    @Override
    public String encoded() {
        return raw ? new String(key, StandardCharsets.UTF_8) : KeyEncoding.encode(KeyEncoding.SECRET_PREFIX, key);
    }

    /** The HMAC-SHA256 of the concatenated parts under this secret; thread-safe. */
    byte[] hmac(byte[]... parts) {
        return hmac.compute(parts);
    }

    /**
     * A {@code Mac} under this secret for the calling thread's immediate use, for several HMACs in a
     * row: {@code doFinal} resets it to the initialised state. Never keep it or share it.
     */
    Mac mac() {
        return hmac.acquire();
    }

    /** Redacted: {@code WebhookSecret[whsec_***]} or {@code WebhookSecret[raw ***]}. */
    @Override
    public String toString() {
        return raw ? "WebhookSecret[raw ***]" : "WebhookSecret[whsec_***]";
    }

    /** Same key bytes (compared in constant time) and same written form. */
    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookSecret that && raw == that.raw && MessageDigest.isEqual(key, that.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new int[] {key.length, raw ? 1 : 0});
    }
}
