package com.migomail.webhooks.signing;

import static com.migomail.webhooks.signing.WebhookVerificationException.Reason.MALFORMED_HEADER;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The entries of {@code X-Migomail-Signature}: {@code sha256=<64 hex digits>} separated by spaces
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
                if (token.length() == PREFIX.length() + HEX_LENGTH
                        && token.substring(0, PREFIX.length()).toLowerCase(Locale.ROOT).equals(PREFIX)) {
                    addHex(token.substring(PREFIX.length()), signatures);
                }
            }
        }
        if (signatures.isEmpty()) {
            throw new WebhookVerificationException(MALFORMED_HEADER, WebhookHeaders.MIGOMAIL_SIGNATURE
                    + " has no sha256=<64 hex digits> entry");
        }
        return signatures;
    }

    private static void addHex(String hex, List<byte[]> into) {
        try {
            into.add(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException notHex) {
            // Cannot match anything; if nothing else is well-formed, parse reports the header as malformed.
        }
    }
}
