package com.migomail.webhooks.signing;

import static com.migomail.webhooks.signing.WebhookVerificationException.Reason.HEADER_TOO_LARGE;
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

    /**
     * The {@code sha256} signatures of the header's values, which together are at most
     * {@value WebhookHeaders#MAX_HEADER_LENGTH} characters long (the caller checked).
     *
     * @throws WebhookVerificationException {@code MALFORMED_HEADER} if there is no {@code sha256} entry,
     *     {@code HEADER_TOO_LARGE} as soon as there are more than {@value WebhookHeaders#MAX_SIGNATURES}
     *     entries of any algorithm
     */
    static List<byte[]> parse(List<String> values) {
        List<byte[]> signatures = new ArrayList<>(2);
        int entries = 0;
        for (String value : values) {
            // Tokens are the runs between whitespace (\\s) and commas, as split("[\\s,]+") gives them.
            int i = 0;
            int length = value.length();
            while (i < length) {
                while (i < length && isSeparator(value.charAt(i))) {
                    i++;
                }
                int start = i;
                while (i < length && !isSeparator(value.charAt(i))) {
                    i++;
                }
                if (i > start && ++entries > WebhookHeaders.MAX_SIGNATURES) {
                    throw new WebhookVerificationException(HEADER_TOO_LARGE, WebhookHeaders.MIGOMAIL_SIGNATURE
                            + " has more than " + WebhookHeaders.MAX_SIGNATURES + " entries; a request carries one per"
                            + " secret of its endpoint, and a verifier reads at most " + WebhookHeaders.MAX_SIGNATURES);
                }
                if (isSignature(value, start, i)) {
                    signatures.add(HexFormat.of().parseHex(value, start + PREFIX.length(), i));
                }
            }
        }
        if (signatures.isEmpty()) {
            throw new WebhookVerificationException(MALFORMED_HEADER, WebhookHeaders.MIGOMAIL_SIGNATURE
                    + " has no sha256=<64 lowercase hex digits> entry");
        }
        return signatures;
    }

    /** The characters of the regex class {@code [\\s,]}. */
    private static boolean isSeparator(char c) {
        return c == ' ' || c == ',' || c >= '\t' && c <= '\r';
    }

    /** Exactly as a signer writes it, lowercase, so that no flipped bit (such as a case change) passes. */
    private static boolean isSignature(String value, int start, int end) {
        if (end - start != PREFIX.length() + HEX_LENGTH || !value.startsWith(PREFIX, start)) {
            return false;
        }
        for (int i = start + PREFIX.length(); i < end; i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
