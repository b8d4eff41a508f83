package com.migomail.webhooks.signing;

import java.nio.charset.StandardCharsets;

/** The parts of {@code <webhook-id>.<webhook-timestamp>.<body>}, signed without concatenating them. */
final class SignedContent {
    private SignedContent() {}

    /** The prefix {@code <webhook-id>.<webhook-timestamp>.} (UTF-8), then the body itself (not copied). */
    static byte[][] of(String webhookId, String timestamp, byte[] body) {
        return new byte[][] {prefix(webhookId, timestamp), body};
    }

    /** {@code <webhook-id>.<webhook-timestamp>.} in UTF-8; ids are usually ASCII, so that is written directly. */
    static byte[] prefix(String webhookId, String timestamp) {
        if (!isAscii(webhookId) || !isAscii(timestamp)) {
            return (webhookId + '.' + timestamp + '.').getBytes(StandardCharsets.UTF_8);
        }
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

    private static boolean isAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
