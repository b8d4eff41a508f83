package com.migomail.webhooks.signing;

import static com.migomail.webhooks.signing.WebhookVerificationException.Reason.HEADER_TOO_LARGE;
import static com.migomail.webhooks.signing.WebhookVerificationException.Reason.MALFORMED_HEADER;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The entries of {@code webhook-signature}: {@code version,base64} separated by spaces. Entries
 * also survive being joined with commas by a proxy ({@code v1,a, v1,b} or {@code v1,a,v1,b}).
 * Versions other than {@code v1} and {@code v1a} are kept only for the error message.
 */
record StandardSignatures(List<byte[]> v1, List<byte[]> v1a, Set<String> otherVersions) {
    private static final int HMAC_LENGTH = 32;
    private static final int ED25519_LENGTH = 64;

    /**
     * The entries of the header's values, which together are at most
     * {@value WebhookHeaders#MAX_HEADER_LENGTH} characters long (the caller checked).
     *
     * @throws WebhookVerificationException {@code MALFORMED_HEADER} if there is no entry,
     *     {@code HEADER_TOO_LARGE} as soon as there are more than {@value WebhookHeaders#MAX_SIGNATURES}
     */
    static StandardSignatures parse(List<String> values) {
        Entries entries = new Entries();
        for (String value : values) {
            // Tokens are the runs between spaces and tabs, as split("[ \\t]+") of the OWS-trimmed value.
            int i = 0;
            int length = value.length();
            while (i < length) {
                while (i < length && isOws(value.charAt(i))) {
                    i++;
                }
                int tokenStart = i;
                while (i < length && !isOws(value.charAt(i))) {
                    i++;
                }
                parseToken(value, tokenStart, i, entries);
            }
        }
        if (entries.count == 0) {
            throw new WebhookVerificationException(MALFORMED_HEADER, "webhook-signature has no \"version,signature\""
                    + " entry; expected space-separated entries like v1,<base64> or v1a,<base64>");
        }
        return new StandardSignatures(entries.v1, entries.v1a, entries.others);
    }

    /**
     * The entries of one token: without leading and trailing commas, it splits on commas into an
     * even number (at least two) of parts, read as version/signature pairs; a pair with an empty
     * side is skipped.
     */
    private static void parseToken(String value, int start, int end, Entries entries) {
        while (start < end && value.charAt(start) == ',') {
            start++;
        }
        while (end > start && value.charAt(end - 1) == ',') {
            end--;
        }
        int commas = 0;
        for (int i = start; i < end; i++) {
            if (value.charAt(i) == ',') {
                commas++;
            }
        }
        if (commas % 2 == 0) {
            return; // an odd number of parts, or a single one
        }
        int versionStart = start;
        while (versionStart <= end) {
            int versionEnd = value.indexOf(',', versionStart);
            int signatureStart = versionEnd + 1;
            int signatureEnd = value.indexOf(',', signatureStart);
            if (signatureEnd < 0 || signatureEnd > end) {
                signatureEnd = end;
            }
            if (versionEnd > versionStart && signatureEnd > signatureStart) {
                entries.add(value, versionStart, versionEnd, signatureStart, signatureEnd);
            }
            versionStart = signatureEnd + 1;
        }
    }

    private static boolean isOws(char c) {
        return c == ' ' || c == '\t';
    }

    String describe() {
        return v1.size() + " well-formed v1 and " + v1a.size() + " well-formed v1a signature(s)"
                + (otherVersions.isEmpty() ? "" : " (versions this verifier does not know, ignored: "
                + Printable.of(String.join(" ", otherVersions)) + ")");
    }

    /** The entries read so far; refuses the one past the limit before decoding it. */
    private static final class Entries {
        final List<byte[]> v1 = new ArrayList<>(2);
        final List<byte[]> v1a = new ArrayList<>(2);
        final Set<String> others = new TreeSet<>();
        int count;

        void add(String value, int versionStart, int versionEnd, int signatureStart, int signatureEnd) {
            if (++count > WebhookHeaders.MAX_SIGNATURES) {
                throw new WebhookVerificationException(HEADER_TOO_LARGE, "webhook-signature has more than "
                        + WebhookHeaders.MAX_SIGNATURES + " signature entries; a request carries one per active key of"
                        + " its endpoint, and a verifier reads at most " + WebhookHeaders.MAX_SIGNATURES);
            }
            int versionLength = versionEnd - versionStart;
            if (versionLength == 2 && value.startsWith("v1", versionStart)) {
                addDecoded(value, signatureStart, signatureEnd, HMAC_LENGTH, v1);
            } else if (versionLength == 3 && value.startsWith("v1a", versionStart)) {
                addDecoded(value, signatureStart, signatureEnd, ED25519_LENGTH, v1a);
            } else {
                others.add(value.substring(versionStart, versionEnd));
            }
        }
    }

    /**
     * Adds the signature if it is base64 of exactly {@code length} bytes written as a signer writes
     * it: the standard alphabet, padding optional but, if present, complete, and the unused low bits
     * of the last character zero. The decoder would ignore those bits, so two spellings would decode
     * to the same bytes; only the canonical one counts, so that no flipped bit passes. Anything else
     * cannot match, so it is simply not counted.
     */
    private static void addDecoded(String value, int start, int end, int length, List<byte[]> into) {
        int remainder = length % 3;
        int dataChars = length / 3 * 4 + (remainder == 0 ? 0 : remainder + 1);
        int padding = remainder == 0 ? 0 : 3 - remainder;
        int chars = end - start;
        if (chars != dataChars && (chars != dataChars + padding || !isPadding(value, start + dataChars, end))) {
            return;
        }
        byte[] decoded = new byte[length];
        int bits = 0;
        int bitCount = 0;
        int written = 0;
        for (int i = start; i < start + dataChars; i++) {
            int sextet = sextet(value.charAt(i));
            if (sextet < 0) {
                return;
            }
            bits = bits << 6 | sextet;
            bitCount += 6;
            if (bitCount >= 8) {
                bitCount -= 8;
                decoded[written++] = (byte) (bits >> bitCount);
                bits &= (1 << bitCount) - 1;
            }
        }
        if (bits == 0) {
            into.add(decoded);
        }
    }

    private static boolean isPadding(String value, int start, int end) {
        for (int i = start; i < end; i++) {
            if (value.charAt(i) != '=') {
                return false;
            }
        }
        return true;
    }

    /** The value of a character of the standard base64 alphabet, or -1. */
    private static int sextet(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        if (c == '+') {
            return 62;
        }
        return c == '/' ? 63 : -1;
    }
}
