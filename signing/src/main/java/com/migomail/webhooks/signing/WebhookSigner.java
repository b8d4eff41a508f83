package com.migomail.webhooks.signing;

import java.util.List;

/** Signs request bodies with every active key of an endpoint. Skeleton: P1.2 fills it in. */
public interface WebhookSigner {

    /** A thread-safe signer. */
    static WebhookSigner create() {
        throw new UnsupportedOperationException("skeleton: P1.2");
    }

    /**
     * Signs one attempt.
     *
     * @param webhookId the event id
     * @param timestampSeconds Unix seconds of this attempt
     * @param body the raw body
     * @param keys the endpoint's active keys, at least one
     */
    SignatureHeaders sign(String webhookId, long timestampSeconds, byte[] body, List<? extends SigningKey> keys);
}
