package com.migomail.webhooks.signing;

/**
 * The content {@code v1} and {@code v1a} sign, {@code <webhook-id>.<webhook-timestamp>.<body>}, and the
 * rules that keep it apart from what {@code X-Migomail-Signature} signs (the body alone) under the
 * same key.
 *
 * <p>A {@code v1} MAC of {@code id.ts.body} is the body-only MAC of the bytes {@code id.ts.body}, and a
 * body-only MAC of a body {@code B} is the {@code v1} MAC of any split of {@code B} into id, timestamp
 * and body. Two rules make the two sets of signed bytes disjoint: an id is 1 to
 * {@value WebhookHeaders#MAX_ID_LENGTH} characters of {@code A-Z a-z 0-9 _ -} (signer and verifier),
 * and a body that begins with such characters, a dot, digits and a dot ({@link #looksSigned}) is never
 * signed or accepted body-only. Every signed content begins that way, so no body-only MAC is one of
 * it, and no body-only MAC is accepted for one.
 */
final class SignedContent {
    private SignedContent() {}

    /** The prefix {@code <webhook-id>.<webhook-timestamp>.}, then the body itself (not copied). */
    static byte[][] of(String webhookId, String timestamp, byte[] body) {
        return new byte[][] {prefix(webhookId, timestamp), body};
    }

    /**
     * {@code <webhook-id>.<webhook-timestamp>.} in ASCII, for an id that {@link #isValidId} accepts and
     * a timestamp of digits, which both callers have checked.
     */
    static byte[] prefix(String webhookId, String timestamp) {
        int idLength = webhookId.length();
        int timestampLength = timestamp.length();
        byte[] prefix = new byte[idLength + timestampLength + 2];
        for (int i = 0; i < idLength; i++) {
            prefix[i] = (byte) webhookId.charAt(i);
        }
        prefix[idLength] = '.';
        for (int i = 0; i < timestampLength; i++) {
            prefix[idLength + 1 + i] = (byte) timestamp.charAt(i);
        }
        prefix[prefix.length - 1] = '.';
        return prefix;
    }

    /** 1 to {@value WebhookHeaders#MAX_ID_LENGTH} characters of {@code A-Z a-z 0-9 _ -}. */
    static boolean isValidId(String webhookId) {
        int length = webhookId.length();
        if (length == 0 || length > WebhookHeaders.MAX_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (!isIdCharacter(webhookId.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** What an id may be, for messages. */
    static String idRule() {
        return "1 to " + WebhookHeaders.MAX_ID_LENGTH + " characters of A-Z, a-z, 0-9, _ and -"
                + " (a TypeID such as evt_01j8x4k7q3c9v2m5n8p0r6s1td or a Svix id such as msg_p5jXN8AQM9LWM0D4loKWxJek)";
    }

    /**
     * Whether the body begins as every signed content does: one or more id characters, {@code .},
     * one or more digits, {@code .}. Any id and timestamp length counts, so this covers every id and
     * timestamp a verifier accepts, whatever their limits.
     */
    static boolean looksSigned(byte[] body) {
        int i = 0;
        while (i < body.length && isIdCharacter((char) body[i])) {
            i++;
        }
        if (i == 0 || i == body.length || body[i] != '.') {
            return false;
        }
        int digitsStart = ++i;
        while (i < body.length && body[i] >= '0' && body[i] <= '9') {
            i++;
        }
        return i > digitsStart && i < body.length && body[i] == '.';
    }

    private static boolean isIdCharacter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-';
    }
}
