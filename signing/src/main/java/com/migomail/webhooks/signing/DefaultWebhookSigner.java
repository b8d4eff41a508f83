package com.migomail.webhooks.signing;

import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/** The stateless signer behind {@link WebhookSigner#create()}. */
final class DefaultWebhookSigner implements WebhookSigner {
    static final DefaultWebhookSigner INSTANCE = new DefaultWebhookSigner();
    private static final HexFormat HEX = HexFormat.of();

    private DefaultWebhookSigner() {}

    @Override
    public SignatureHeaders sign(String webhookId, long timestampSeconds, byte[] body, List<? extends SigningKey> keys) {
        requireValid(webhookId, timestampSeconds, body, keys);
        String timestamp = Long.toString(timestampSeconds);
        byte[][] content = SignedContent.of(webhookId, timestamp, body);
        StringBuilder migomail = new StringBuilder(72 * keys.size());
        StringBuilder standard = new StringBuilder(92 * keys.size());
        for (SigningKey key : keys) {
            if (key instanceof WebhookSecret secret) {
                append(migomail, "sha256=" + HEX.formatHex(secret.hmac(body)));
                append(standard, "v1," + Base64.getEncoder().encodeToString(secret.hmac(content)));
            }
        }
        for (SigningKey key : keys) {
            if (key instanceof SigningKeyPair pair) {
                append(standard, "v1a," + Base64.getEncoder().encodeToString(pair.sign(content)));
            }
        }
        return new SignatureHeaders(migomail.length() == 0 ? null : migomail.toString(), webhookId, timestamp,
                standard.toString());
    }

    private static void append(StringBuilder header, String signature) {
        if (header.length() > 0) {
            header.append(' ');
        }
        header.append(signature);
    }

    private static void requireValid(String webhookId, long timestampSeconds, byte[] body, List<? extends SigningKey> keys) {
        Objects.requireNonNull(webhookId, "webhookId cannot be null");
        Objects.requireNonNull(body, "body cannot be null");
        Objects.requireNonNull(keys, "keys cannot be null");
        if (webhookId.isBlank() || !webhookId.strip().equals(webhookId) || webhookId.chars().anyMatch(Character::isISOControl)) {
            // A header value loses surrounding spaces on the way, so such an id could never verify.
            throw new IllegalArgumentException("webhookId must be non-empty, without control characters or surrounding spaces");
        }
        if (timestampSeconds < 0) {
            throw new IllegalArgumentException("timestampSeconds cannot be negative: " + timestampSeconds);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("keys cannot be empty: an endpoint signs with at least one key");
        }
        for (SigningKey key : keys) {
            Objects.requireNonNull(key, "keys cannot contain null");
        }
    }
}
