package com.migomail.webhooks.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The inputs every signing benchmark shares: one secret, one event id, one 1 KiB JSON body.
 * Deterministic, so every run signs the same bytes. Thread-safe: immutable.
 */
final class SigningInputs {

    /** Body size under test. */
    static final int BODY_SIZE = 1024;

    /** 32 key bytes from a fixed seed (a real secret comes from SecureRandom; the cost is the same). */
    static final byte[] KEY = key();

    /** The same key as every library takes it. */
    static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(KEY);

    /** The event id, which is also {@code webhook-id}. */
    static final String ID = "evt_01j8x4k7q3c9v2m5n8p0r6s1td";

    /** A 1 KiB email.clicked-like JSON body, ASCII, so its String and byte forms have the same length. */
    static final String BODY = body();

    /** {@link #BODY} in UTF-8. */
    static final byte[] BODY_BYTES = BODY.getBytes(StandardCharsets.UTF_8);

    private SigningInputs() {}

    private static byte[] key() {
        byte[] key = new byte[32];
        new Random(8).nextBytes(key);
        return key;
    }

    private static String body() {
        StringBuilder json = new StringBuilder(BODY_SIZE).append("{\"event\":\"email.clicked\",")
                .append("\"timestamp\":\"2025-01-15T14:22:31Z\",\"id\":\"").append(ID).append("\",\"data\":{")
                .append("\"message_id\":\"msg_01j8x4k7q3c9v2m5n8p0r6s1cd\",")
                .append("\"subscriber\":{\"email\":\"jane@example.com\",\"name\":\"Jane Smith\"},")
                .append("\"url\":\"https://shop.example.com/spring-sale?utm_source=newsletter&utm_content=");
        String closing = "\",\"link_position\":3}}";
        while (json.length() < BODY_SIZE - closing.length()) {
            json.append((char) ('a' + json.length() % 26));
        }
        String body = json.append(closing).toString();
        if (body.length() != BODY_SIZE) {
            throw new IllegalStateException("body is " + body.length() + " bytes");
        }
        return body;
    }

    /** The Standard Webhooks signed content {@code id.timestamp.body}. */
    static byte[] signedContent(long timestampSeconds) {
        return (ID + "." + timestampSeconds + "." + BODY).getBytes(StandardCharsets.UTF_8);
    }

    /** A fresh HMAC-SHA256 initialised with {@link #KEY}. */
    static Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            return mac;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** The {@code webhook-signature} value for that timestamp, computed with a bare Mac. */
    static String standardSignature(long timestampSeconds) {
        return "v1," + Base64.getEncoder().encodeToString(newMac().doFinal(signedContent(timestampSeconds)));
    }
}
