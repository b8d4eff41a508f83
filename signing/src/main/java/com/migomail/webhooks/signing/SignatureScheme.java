package com.migomail.webhooks.signing;

/** The signature schemes a {@link WebhookVerifier} can accept. */
public enum SignatureScheme {
    /**
     * Standard Webhooks: {@code webhook-id}, {@code webhook-timestamp} and {@code webhook-signature}
     * with {@code v1} (HMAC) and {@code v1a} (Ed25519) signatures. Covers the attempt's time, so it
     * stops replays. The default.
     */
    STANDARD_WEBHOOKS,
    /**
     * {@code X-Migomail-Signature: sha256=<hex>}, an HMAC of the body alone (GitHub's
     * {@code X-Hub-Signature-256} construction). It cannot stop a replayed request: accept it only
     * where that is acceptable.
     */
    MIGOMAIL
}
