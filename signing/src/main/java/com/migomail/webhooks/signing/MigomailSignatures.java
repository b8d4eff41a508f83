package com.migomail.webhooks.signing;

import static com.migomail.webhooks.signing.WebhookVerificationException.Reason.MALFORMED_HEADER;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The entries of {@code X-Migomail-Signature}: {@code sha256=<64 lowercase hex digits>} separated by spaces
 * or commas. Entries of other algorithms are ignored.
 */
final class MigomailSignatures {
    private static final String PREFIX = "sha256=";
    private static final int HEX_LENGTH = 64;

    private MigomailSignatures() {}

    static List<byte[]> parse(List<String> values) {
        List<byte[]> signatures = new ArrayList<>(2);
        for (String value : values) {
            for (String token : value.split("[\\s,]+")) {
                if (isSignature(token)) {
                    signatures.add(HexFormat.of().parseHex(token, PREFIX.length(), token.length()));
                }
            }
        }
        if (signatures.isEmpty()) {
            throw new WebhookVerificationException(MALFORMED_HEADER, WebhookHeaders.MIGOMAIL_SIGNATURE
                    + " has no sha256=<64 lowercase hex digits> entry");
        }
        return signatures;
    }

    /** Exactly as a signer writes it, lowercase, so that no flipped bit (such as a case change) passes. */
    private static boolean isSignature(String token) {
        if (token.length() != PREFIX.length() + HEX_LENGTH || !token.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < token.length(); i++) {
            char c = token.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
