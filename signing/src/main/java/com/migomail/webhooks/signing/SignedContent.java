package com.migomail.webhooks.signing;

import java.nio.charset.StandardCharsets;

/** The parts of {@code <webhook-id>.<webhook-timestamp>.<body>}, signed without concatenating them. */
final class SignedContent {
    private static final byte[] DOT = {'.'};

    private SignedContent() {}

    static byte[][] of(String webhookId, String timestamp, byte[] body) {
        return new byte[][] {
            webhookId.getBytes(StandardCharsets.UTF_8), DOT, timestamp.getBytes(StandardCharsets.UTF_8), DOT, body
        };
    }
}
