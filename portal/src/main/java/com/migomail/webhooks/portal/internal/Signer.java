package com.migomail.webhooks.portal.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks the portal's tokens: {@code base64url(payload) "." base64url(HMAC-SHA256(key,
 * domain "." payload))}. The domain ({@code link}, {@code session}, {@code csrf}) keeps a value signed
 * for one use from passing as another. Thread-safe.
 */
final class Signer {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    // No token of ours is near this long; a longer one is refused before any decoding or MAC.
    private static final int MAX_TOKEN_LENGTH = 1024;

    private final SecretKeySpec key;

    Signer(SecretKeySpec key) {
        this.key = key;
    }

    String sign(String domain, String payload) {
        return encode(payload.getBytes(StandardCharsets.UTF_8)) + "." + encode(mac(domain, payload));
    }

    /** The payload of a token this key signed for that domain, or empty for anything else. */
    Optional<String> verify(String domain, String token) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot < 0 || token.indexOf('.', dot + 1) >= 0) {
            return Optional.empty();
        }
        try {
            String payload = new String(DECODER.decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            byte[] signature = DECODER.decode(token.substring(dot + 1));
            return MessageDigest.isEqual(signature, mac(domain, payload)) ? Optional.of(payload) : Optional.empty();
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    /** base64url(HMAC(key, domain "." value)), e.g. the CSRF token of a session id. */
    String tag(String domain, String value) {
        return encode(mac(domain, value));
    }

    static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    private byte[] mac(String domain, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal((domain + "." + payload).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
