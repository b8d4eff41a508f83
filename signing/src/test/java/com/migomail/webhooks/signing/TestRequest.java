package com.migomail.webhooks.signing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A signed request as a receiver gets it, with fluent changes for tests. Not thread-safe. */
final class TestRequest {
    static final long NOW = 1_736_950_951L;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    static final WebhookSecret SECRET = WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    static final String ID = "evt_01j8x4k7q3c9v2m5n8p0r6s1td";
    static final String BODY = "{\"event\":\"email.opened\",\"id\":\"evt_01j8x4k7q3c9v2m5n8p0r6s1td\"}";

    final Map<String, List<String>> headers = new LinkedHashMap<>();
    byte[] body;

    private TestRequest(SignatureHeaders signed, byte[] body) {
        signed.asMap().forEach((name, value) -> headers.put(name, new ArrayList<>(List.of(value))));
        this.body = body;
    }

    /** Signed now with {@link #SECRET}. */
    static TestRequest valid() {
        return signedWith(List.of(SECRET));
    }

    static TestRequest signedWith(List<? extends SigningKey> keys) {
        return signed(ID, NOW, BODY.getBytes(StandardCharsets.UTF_8), keys);
    }

    static TestRequest signed(String id, long timestamp, byte[] body, List<? extends SigningKey> keys) {
        return new TestRequest(WebhookSigner.create().sign(id, timestamp, body, keys), body);
    }

    static WebhookVerifier.Builder verifier() {
        return WebhookVerifier.builder().key(SECRET).clock(CLOCK);
    }

    TestRequest signedAt(long timestamp) {
        TestRequest signed = signed(value(WebhookHeaders.WEBHOOK_ID), timestamp, body, List.of(SECRET));
        headers.clear();
        headers.putAll(signed.headers);
        return this;
    }

    TestRequest with(String name, String... values) {
        headers.remove(name);
        headers.put(name, new ArrayList<>(Arrays.asList(values)));
        return this;
    }

    TestRequest without(String name) {
        headers.remove(name);
        return this;
    }

    TestRequest withBody(String newBody) {
        body = newBody.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    String value(String name) {
        return headers.get(name).get(0);
    }
}
