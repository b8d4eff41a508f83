package com.migomail.webhooks.signing;

/**
 * Names and limits of the signature headers, as the sender writes them. Receivers match the names
 * case-insensitively. The limits bound what a {@link WebhookVerifier} reads and what a
 * {@link WebhookSigner} writes, so that every request a signer produces is one a verifier reads.
 */
public final class WebhookHeaders {
    /** {@code X-Migomail-Signature}: {@code sha256=<hex HMAC of the body>}, GitHub style. */
    public static final String MIGOMAIL_SIGNATURE = "X-Migomail-Signature";
    /** {@code webhook-id}: the event id (Standard Webhooks). */
    public static final String WEBHOOK_ID = "webhook-id";
    /** {@code webhook-timestamp}: Unix seconds of the attempt (Standard Webhooks). */
    public static final String WEBHOOK_TIMESTAMP = "webhook-timestamp";
    /** {@code webhook-signature}: space-separated {@code v1,…} and {@code v1a,…} signatures. */
    public static final String WEBHOOK_SIGNATURE = "webhook-signature";

    /**
     * Most characters of a {@code webhook-id}: 256. Ids are also limited to the characters
     * {@code A-Z a-z 0-9 _ -} (TypeIDs such as {@code evt_01j8x4k7q3c9v2m5n8p0r6s1td} are at most 90
     * characters, Svix ids such as {@code msg_p5jXN8AQM9LWM0D4loKWxJek} 31); a receiver stores the id to
     * deduplicate, so it should not be a place for a sender to put kilobytes.
     */
    public static final int MAX_ID_LENGTH = 256;

    /**
     * Most signature entries in {@code webhook-signature} or {@code X-Migomail-Signature}: 10. A
     * request carries one entry per active key of its endpoint, one or two normally, a few during
     * rotations; every {@code v1a} entry costs an Ed25519 verification per public key, so a verifier
     * refuses more entries before checking any, and a signer refuses to sign with more keys.
     */
    public static final int MAX_SIGNATURES = 10;

    /**
     * Most characters of one signature header, all its values counted with one separator between
     * them: 8192, the default limit that common HTTP servers set on a header line. A verifier
     * refuses a longer {@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature} or
     * {@code X-Migomail-Signature} before reading it.
     */
    public static final int MAX_HEADER_LENGTH = 8192;

    private WebhookHeaders() {}
}
