package com.migomail.webhooks.signing;

import java.util.Base64;
import java.util.Locale;
import java.util.Objects;

/** The {@code whsec_}, {@code whsk_} and {@code whpk_} encodings: a prefix, then standard base64. */
final class KeyEncoding {
    static final String SECRET_PREFIX = "whsec_";
    static final String KEY_PAIR_PREFIX = "whsk_";
    static final String PUBLIC_KEY_PREFIX = "whpk_";

    private KeyEncoding() {}

    /**
     * The key, unless it is null or, not being blank, begins or ends with whitespace or a control
     * character: no encoding writes one, so it is a copying mistake (a newline read with the key from
     * a file), and taking such a string as a raw secret would sign with a key no receiver has.
     */
    static String requireEncoded(String encoded) {
        Objects.requireNonNull(encoded, "encoded key cannot be null");
        if (!encoded.isEmpty() && !encoded.isBlank()
                && (isSpaceOrControl(encoded.charAt(0)) || isSpaceOrControl(encoded.charAt(encoded.length() - 1)))) {
            throw new InvalidKeyFormatException("a key cannot begin or end with whitespace or a control character"
                    + " (a newline read with it from a file?): remove it");
        }
        return encoded;
    }

    /**
     * Refuses a raw secret that starts with a key prefix in another case ({@code WHSEC_},
     * {@code Whsk_}): a mistyped prefixed key, which as a raw secret would be a key no receiver has.
     */
    static void requireNoNearMiss(String encoded) {
        for (String prefix : new String[] {SECRET_PREFIX, KEY_PAIR_PREFIX, PUBLIC_KEY_PREFIX}) {
            if (encoded.regionMatches(true, 0, prefix, 0, prefix.length())) {
                throw new InvalidKeyFormatException("a key that starts with " + prefix.toUpperCase(Locale.ROOT)
                        + " or another case of " + prefix + " is refused, not taken as a raw secret: key prefixes"
                        + " are lowercase");
            }
        }
    }

    private static boolean isSpaceOrControl(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c) || c == '\ufeff';
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
