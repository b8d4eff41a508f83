package com.migomail.webhooks.signing;

import com.migomail.webhooks.signing.internal.HmacSha256;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;

/** The stateless signer behind {@link WebhookSigner#create()}. */
final class DefaultWebhookSigner implements WebhookSigner {
    static final DefaultWebhookSigner INSTANCE = new DefaultWebhookSigner();
    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BASE64_DIGITS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MIGOMAIL_PREFIX = "sha256=".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] V1_PREFIX = "v1,".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] V1A_PREFIX = "v1a,".getBytes(StandardCharsets.US_ASCII);
    /** Base64 lengths, padded: 32 HMAC bytes and 64 Ed25519 bytes. */
    private static final int V1_LENGTH = 44;
    private static final int V1A_LENGTH = 88;

    private DefaultWebhookSigner() {}

    @Override
    public SignatureHeaders sign(String webhookId, long timestampSeconds, byte[] body, List<? extends SigningKey> keys) {
        requireValid(webhookId, timestampSeconds, body, keys);
        String timestamp = Long.toString(timestampSeconds);
        byte[] prefix = SignedContent.prefix(webhookId, timestamp);
        int secrets = 0;
        for (SigningKey key : keys) {
            if (key instanceof WebhookSecret) {
                secrets++;
            }
        }
        int pairs = keys.size() - secrets;
        // A body that begins like signed content gets no body-only MAC: it would be a v1 signature too.
        int bodyOnly = SignedContent.looksSigned(body) ? 0 : secrets;
        // Both headers are ASCII, written straight into byte arrays of their exact length.
        byte[] migomail = new byte[bodyOnly == 0 ? 0 : bodyOnly * (MIGOMAIL_PREFIX.length + 2 * HmacSha256.LENGTH) + bodyOnly - 1];
        byte[] standard = new byte[secrets * (V1_PREFIX.length + V1_LENGTH) + pairs * (V1A_PREFIX.length + V1A_LENGTH)
                + secrets + pairs - 1];
        int migomailAt = 0;
        int standardAt = 0;
        for (SigningKey key : keys) {
            if (key instanceof WebhookSecret secret) {
                // One Mac for both: doFinal resets it to the key's initial state.
                Mac mac = secret.mac();
                if (bodyOnly > 0) {
                    mac.update(body);
                    migomailAt = writeHex(migomail, separate(migomail, migomailAt, MIGOMAIL_PREFIX), mac.doFinal());
                }
                mac.update(prefix);
                mac.update(body);
                standardAt = writeBase64(standard, separate(standard, standardAt, V1_PREFIX), mac.doFinal());
            }
        }
        byte[][] content = null;
        for (SigningKey key : keys) {
            if (key instanceof SigningKeyPair pair) {
                if (content == null) {
                    content = new byte[][] {prefix, body};
                }
                standardAt = writeBase64(standard, separate(standard, standardAt, V1A_PREFIX), pair.sign(content));
            }
        }
        return new SignatureHeaders(bodyOnly == 0 ? null : new String(migomail, StandardCharsets.ISO_8859_1), webhookId,
                timestamp, new String(standard, StandardCharsets.ISO_8859_1));
    }

    /** Writes a space unless at the start, then the entry's prefix; returns the next position. */
    private static int separate(byte[] header, int at, byte[] entryPrefix) {
        int next = at;
        if (next > 0) {
            header[next++] = ' ';
        }
        System.arraycopy(entryPrefix, 0, header, next, entryPrefix.length);
        return next + entryPrefix.length;
    }

    /** Lowercase hex, as {@code HexFormat.of()} writes it; returns the next position. */
    private static int writeHex(byte[] into, int at, byte[] bytes) {
        int next = at;
        for (byte b : bytes) {
            into[next++] = HEX_DIGITS[(b >> 4) & 0xf];
            into[next++] = HEX_DIGITS[b & 0xf];
        }
        return next;
    }

    /** Standard base64 with padding, as {@link java.util.Base64#getEncoder()} writes it; returns the next position. */
    private static int writeBase64(byte[] into, int at, byte[] bytes) {
        int next = at;
        int i = 0;
        for (; i + 3 <= bytes.length; i += 3) {
            int group = (bytes[i] & 0xff) << 16 | (bytes[i + 1] & 0xff) << 8 | bytes[i + 2] & 0xff;
            into[next++] = BASE64_DIGITS[group >>> 18];
            into[next++] = BASE64_DIGITS[group >>> 12 & 0x3f];
            into[next++] = BASE64_DIGITS[group >>> 6 & 0x3f];
            into[next++] = BASE64_DIGITS[group & 0x3f];
        }
        int remaining = bytes.length - i;
        if (remaining > 0) {
            int group = (bytes[i] & 0xff) << 16 | (remaining == 2 ? (bytes[i + 1] & 0xff) << 8 : 0);
            into[next++] = BASE64_DIGITS[group >>> 18];
            into[next++] = BASE64_DIGITS[group >>> 12 & 0x3f];
            into[next++] = remaining == 2 ? BASE64_DIGITS[group >>> 6 & 0x3f] : (byte) '=';
            into[next++] = '=';
        }
        return next;
    }

    private static void requireValid(String webhookId, long timestampSeconds, byte[] body, List<? extends SigningKey> keys) {
        Objects.requireNonNull(webhookId, "webhookId cannot be null");
        Objects.requireNonNull(body, "body cannot be null");
        Objects.requireNonNull(keys, "keys cannot be null");
        if (!SignedContent.isValidId(webhookId)) {
            // Verifiers refuse any other id, and one with a '.' or a '{' would make a v1 signature of
            // one request the body-only signature of another.
            throw new IllegalArgumentException("webhookId must be " + SignedContent.idRule() + ", not \""
                    + Printable.of(webhookId) + "\"");
        }
        if (timestampSeconds < 0) {
            throw new IllegalArgumentException("timestampSeconds cannot be negative: " + timestampSeconds);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("keys cannot be empty: an endpoint signs with at least one key");
        }
        if (keys.size() > WebhookHeaders.MAX_SIGNATURES) {
            throw new IllegalArgumentException("keys has " + keys.size() + " keys, more than the "
                    + WebhookHeaders.MAX_SIGNATURES + " signatures a verifier reads from one header: retire old keys");
        }
        for (SigningKey key : keys) {
            Objects.requireNonNull(key, "keys cannot contain null");
        }
    }
}
