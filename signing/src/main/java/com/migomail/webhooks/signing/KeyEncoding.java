package com.migomail.webhooks.signing;

import java.util.Base64;
import java.util.Objects;

/** The {@code whsec_}, {@code whsk_} and {@code whpk_} encodings: a prefix, then standard base64. */
final class KeyEncoding {
    static final String SECRET_PREFIX = "whsec_";
    static final String KEY_PAIR_PREFIX = "whsk_";
    static final String PUBLIC_KEY_PREFIX = "whpk_";

    private KeyEncoding() {}

    static String requireEncoded(String encoded) {
        return Objects.requireNonNull(encoded, "encoded key cannot be null");
    }

    /** The bytes after the prefix; the JDK's message is dropped because it quotes a key character. */
    static byte[] decode(String encoded, String prefix) {
        try {
            return Base64.getDecoder().decode(encoded.substring(prefix.length()));
        } catch (IllegalArgumentException badBase64) {
            throw new InvalidKeyFormatException("a " + prefix + " key must be followed by standard base64"
                    + " (A-Z, a-z, 0-9, +, /, optional = padding), and this one is not");
        }
    }

    static String encode(String prefix, byte[] bytes) {
        return prefix + Base64.getEncoder().encodeToString(bytes);
    }
}
