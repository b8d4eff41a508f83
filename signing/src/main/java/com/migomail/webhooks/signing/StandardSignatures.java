package com.migomail.webhooks.signing;

import static com.migomail.webhooks.signing.WebhookVerificationException.Reason.MALFORMED_HEADER;

import com.migomail.webhooks.signing.internal.HeaderValues;
import java.util.ArrayList;
import java.util.Base64;
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

    static StandardSignatures parse(List<String> values) {
        List<byte[]> v1 = new ArrayList<>(2);
        List<byte[]> v1a = new ArrayList<>(2);
        Set<String> others = new TreeSet<>();
        int entries = 0;
        for (String value : values) {
            for (String token : HeaderValues.trimOws(value).split("[ \\t]+")) {
                String[] parts = stripCommas(token).split(",", -1);
                if (parts.length < 2 || parts.length % 2 != 0) {
                    continue;
                }
                for (int i = 0; i < parts.length; i += 2) {
                    if (!parts[i].isEmpty() && !parts[i + 1].isEmpty()) {
                        entries++;
                        add(parts[i], parts[i + 1], v1, v1a, others);
                    }
                }
            }
        }
        if (entries == 0) {
            throw new WebhookVerificationException(MALFORMED_HEADER, "webhook-signature has no \"version,signature\""
                    + " entry; expected space-separated entries like v1,<base64> or v1a,<base64>");
        }
        return new StandardSignatures(v1, v1a, others);
    }

    String describe() {
        return v1.size() + " well-formed v1 and " + v1a.size() + " well-formed v1a signature(s)"
                + (otherVersions.isEmpty() ? "" : " (versions this verifier does not know, ignored: "
                + Printable.of(String.join(" ", otherVersions)) + ")");
    }

    private static void add(String version, String signature, List<byte[]> v1, List<byte[]> v1a, Set<String> others) {
        switch (version) {
            case "v1" -> addDecoded(signature, HMAC_LENGTH, v1);
            case "v1a" -> addDecoded(signature, ED25519_LENGTH, v1a);
            default -> others.add(version);
        }
    }

    private static void addDecoded(String signature, int length, List<byte[]> into) {
        try {
            byte[] decoded = Base64.getDecoder().decode(signature);
            if (decoded.length == length && isCanonical(signature, decoded)) {
                into.add(decoded);
            }
        } catch (IllegalArgumentException notBase64) {
            // Not a signature anyone could have made: it cannot match, so it is simply not counted.
        }
    }

    /**
     * The decoder ignores the unused low bits of the last character, so two spellings decode to the
     * same bytes; only the one a signer writes (padding optional) counts, so no flipped bit passes.
     */
    private static boolean isCanonical(String signature, byte[] decoded) {
        String canonical = Base64.getEncoder().encodeToString(decoded);
        return signature.equals(canonical) || signature.equals(canonical.replace("=", ""));
    }

    private static String stripCommas(String token) {
        int start = 0;
        int end = token.length();
        while (start < end && token.charAt(start) == ',') {
            start++;
        }
        while (end > start && token.charAt(end - 1) == ',') {
            end--;
        }
        return token.substring(start, end);
    }
}
