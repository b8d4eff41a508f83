package com.migomail.webhooks.signing;

/** A symmetric endpoint secret. Skeleton: P1.2 fills it in. */
public final class WebhookSecret implements SigningKey {
    private WebhookSecret() {}

    /** Parses {@code whsec_<base64>} or a raw secret (its UTF-8 bytes are the key). */
    public static WebhookSecret parse(String encoded) {
        throw new UnsupportedOperationException("skeleton: P1.2");
    }

    /** A new secret of 32 random bytes from {@link java.security.SecureRandom}. */
    public static WebhookSecret generate() {
        throw new UnsupportedOperationException("skeleton: P1.2");
    }

    @Override
    public String encoded() {
        throw new UnsupportedOperationException("skeleton: P1.2");
    }
}
