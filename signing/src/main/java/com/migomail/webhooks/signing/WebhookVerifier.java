package com.migomail.webhooks.signing;

import java.util.List;
import java.util.Map;

/** Verifies a received request. Skeleton: P1.2 fills it in (built by a builder). */
public interface WebhookVerifier {

    /**
     * Verifies the signature headers against the raw body.
     *
     * @param headers request headers, names case-insensitive
     * @param body the raw body
     * @throws WebhookVerificationException with the reason when the request is refused
     */
    void verify(Map<String, List<String>> headers, byte[] body);
}
