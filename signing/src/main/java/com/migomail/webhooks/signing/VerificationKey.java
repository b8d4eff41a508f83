package com.migomail.webhooks.signing;

/**
 * A key a receiver verifies with: a symmetric {@link WebhookSecret} ({@code whsec_…} or raw,
 * checks {@code v1} and {@code X-Migomail-Signature}) or an Ed25519 {@link WebhookPublicKey}
 * ({@code whpk_…}, checks {@code v1a}). Implementations are immutable and thread-safe.
 */
public sealed interface VerificationKey permits WebhookSecret, WebhookPublicKey {

    /**
     * Parses {@code whsec_…}, {@code whpk_…} or a raw (GitHub-style) secret.
     *
     * @param encoded the key as written: {@code whpk_} means a {@link WebhookPublicKey},
     *     {@code whsec_} a {@link WebhookSecret}, anything else a raw secret whose UTF-8 bytes are the key
     * @return the {@link WebhookPublicKey} or {@link WebhookSecret} it encodes
     * @throws NullPointerException if {@code encoded} is null
     * @throws InvalidKeyFormatException if a prefixed key is not valid base64 of the right length, a
     *     raw secret is refused by {@link WebhookSecret#parse} (blank, shorter than
     *     {@value WebhookSecret#MIN_RAW_LENGTH} bytes, surrounding whitespace, a key prefix in another
     *     case; {@link WebhookSecret#parseAllowingShortRawSecret} takes a short one), or it is a
     *     {@code whsk_} key pair (a receiver gets its {@code whpk_} public key,
     *     {@link SigningKeyPair#publicKey()}, never the private key)
     */
    static VerificationKey parse(String encoded) {
        KeyEncoding.requireEncoded(encoded);
        if (encoded.startsWith(KeyEncoding.PUBLIC_KEY_PREFIX)) {
            return WebhookPublicKey.parse(encoded);
        }
        if (encoded.startsWith(KeyEncoding.KEY_PAIR_PREFIX)) {
            throw new InvalidKeyFormatException("a whsk_ key is the sender's private key pair;"
                    + " a receiver verifies with its whpk_ public key");
        }
        return WebhookSecret.parse(encoded);
    }

    /**
     * The encoded form, which {@link #parse} reads back to an equal key.
     *
     * @return {@code whsec_…}, {@code whpk_…} or the raw secret as given; a secret's reveals the key
     */
    String encoded();
}
