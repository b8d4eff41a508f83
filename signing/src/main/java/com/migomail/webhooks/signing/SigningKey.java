package com.migomail.webhooks.signing;

/**
 * A key an endpoint signs with: a symmetric {@link WebhookSecret} ({@code whsec_…} or raw) or an
 * Ed25519 {@link SigningKeyPair} ({@code whsk_…}).
 */
public sealed interface SigningKey permits WebhookSecret, SigningKeyPair {

    /**
     * Parses {@code whsec_…}, {@code whsk_…} or a raw (GitHub-style) secret.
     *
     * @throws InvalidKeyFormatException if a prefixed key is not valid base64 of the right length
     */
    static SigningKey parse(String encoded) {
        throw new UnsupportedOperationException("skeleton: P1.2");
    }

    /** The encoded form ({@code whsec_…}, {@code whsk_…} or the raw secret); handle with care. */
    String encoded();
}
