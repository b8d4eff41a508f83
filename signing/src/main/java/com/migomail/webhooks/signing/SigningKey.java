package com.migomail.webhooks.signing;

/**
 * A key an endpoint signs with: a symmetric {@link WebhookSecret} ({@code whsec_…} or raw) or an
 * Ed25519 {@link SigningKeyPair} ({@code whsk_…}). Implementations are immutable and thread-safe.
 */
public sealed interface SigningKey permits WebhookSecret, SigningKeyPair {

    /**
     * Parses {@code whsec_…}, {@code whsk_…} or a raw (GitHub-style) secret.
     *
     * @param encoded the key as written: {@code whsk_} means a {@link SigningKeyPair},
     *     {@code whsec_} a {@link WebhookSecret}, anything else a raw secret whose UTF-8 bytes are the key
     * @return the {@link SigningKeyPair} or {@link WebhookSecret} it encodes
     * @throws NullPointerException if {@code encoded} is null
     * @throws InvalidKeyFormatException if a prefixed key is not valid base64 of the right length, a
     *     raw secret is refused by {@link WebhookSecret#parse} (blank, shorter than
     *     {@value WebhookSecret#MIN_RAW_LENGTH} bytes, surrounding whitespace, a key prefix in another
     *     case), or it is a {@code whpk_} public key (which verifies but cannot sign)
     */
    static SigningKey parse(String encoded) {
        return isKeyPair(encoded) ? SigningKeyPair.parse(encoded) : WebhookSecret.parse(encoded);
    }

    /**
     * As {@link #parse}, but a raw secret may be shorter than {@value WebhookSecret#MIN_RAW_LENGTH}
     * bytes, as {@link WebhookSecret#parseAllowingShortRawSecret} allows: for keys that were accepted
     * once already, such as those a sender stored for its endpoints.
     *
     * @param encoded the key as written, read as {@link #parse} reads it
     * @return the {@link SigningKeyPair} or {@link WebhookSecret} it encodes
     * @throws NullPointerException if {@code encoded} is null
     * @throws InvalidKeyFormatException as {@link #parse}, except for a short raw secret
     */
    static SigningKey parseAllowingShortRawSecret(String encoded) {
        return isKeyPair(encoded) ? SigningKeyPair.parse(encoded) : WebhookSecret.parseAllowingShortRawSecret(encoded);
    }

    private static boolean isKeyPair(String encoded) {
        KeyEncoding.requireEncoded(encoded);
        if (encoded.startsWith(KeyEncoding.PUBLIC_KEY_PREFIX)) {
            throw new InvalidKeyFormatException("a whpk_ public key verifies but cannot sign; sign with the whsk_ key pair");
        }
        return encoded.startsWith(KeyEncoding.KEY_PAIR_PREFIX);
    }

    /**
     * The encoded form, which {@link #parse} reads back to an equal key; handle with care.
     *
     * @return {@code whsec_…}, {@code whsk_…} or the raw secret as given; it reveals the key
     */
    String encoded();
}
