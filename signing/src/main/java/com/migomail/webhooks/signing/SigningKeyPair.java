package com.migomail.webhooks.signing;

/** An Ed25519 key pair for the {@code v1a} scheme. Skeleton: P1.2 fills it in. */
public final class SigningKeyPair implements SigningKey {
    private SigningKeyPair() {}

    /** Parses {@code whsk_<base64(seed ‖ public key)>}. */
    public static SigningKeyPair parse(String encoded) {
        throw new UnsupportedOperationException("skeleton: P1.2");
    }

    /** A new key pair. */
    public static SigningKeyPair generate() {
        throw new UnsupportedOperationException("skeleton: P1.2");
    }

    @Override
    public String encoded() {
        throw new UnsupportedOperationException("skeleton: P1.2");
    }
}
