package com.migomail.webhooks.signing;

import java.util.List;

/**
 * Signs request bodies with every active key of an endpoint, producing the headers of all schemes
 * at once: {@code X-Migomail-Signature} and {@code v1} from each {@link WebhookSecret}, {@code v1a}
 * from each {@link SigningKeyPair}.
 *
 * <p>Implementations are thread-safe and meant to be shared: HMAC keys are initialised once per
 * {@link WebhookSecret} and cloned per signature, never looked up per call.
 */
public interface WebhookSigner {

    /**
     * The signer; it holds no state, so one per application is enough.
     *
     * @return a thread-safe signer, always the same instance
     */
    static WebhookSigner create() {
        return DefaultWebhookSigner.INSTANCE;
    }

    /**
     * Signs one attempt.
     *
     * @param webhookId the event id (non-empty, no control characters or surrounding spaces)
     * @param timestampSeconds Unix seconds of this attempt (not negative)
     * @param body the raw body, exactly the bytes that will be sent (not copied, not modified)
     * @param keys the endpoint's active keys, at least one; several during a rotation
     * @return the headers; {@code migomailSignature} is null when {@code keys} has no symmetric secret
     * @throws NullPointerException if an argument or a key is null
     * @throws IllegalArgumentException if the id is blank, has control characters or surrounding spaces, the timestamp is
     *     negative or {@code keys} is empty
     */
    SignatureHeaders sign(String webhookId, long timestampSeconds, byte[] body, List<? extends SigningKey> keys);
}
