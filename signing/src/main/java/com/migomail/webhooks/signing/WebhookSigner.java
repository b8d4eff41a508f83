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
     * <p>{@code X-Migomail-Signature} is left out ({@code migomailSignature} null) for a body that
     * begins like Standard Webhooks signed content, {@code <id characters>.<digits>.}: its body-only
     * MAC would also be a valid {@code v1} signature of another request, so verifiers refuse it (no
     * JSON body begins that way). Such a body is still signed with {@code v1} and {@code v1a}.
     *
     * @param webhookId the event id: 1 to {@value WebhookHeaders#MAX_ID_LENGTH} characters of
     *     {@code A-Z a-z 0-9 _ -}, such as a TypeID ({@code evt_01j8x4k7q3c9v2m5n8p0r6s1td}) or a Svix id
     * @param timestampSeconds Unix seconds of this attempt (not negative)
     * @param body the raw body, exactly the bytes that will be sent (not copied, not modified)
     * @param keys the endpoint's active keys, 1 to {@value WebhookHeaders#MAX_SIGNATURES}; several during a
     *     rotation
     * @return the headers; {@code migomailSignature} is null when {@code keys} has no symmetric secret or
     *     the body begins like signed content
     * @throws NullPointerException if an argument or a key is null
     * @throws IllegalArgumentException if the id has a character outside {@code A-Z a-z 0-9 _ -} or is
     *     empty or longer than {@value WebhookHeaders#MAX_ID_LENGTH}, the timestamp is negative, or
     *     {@code keys} is empty or has more than {@value WebhookHeaders#MAX_SIGNATURES} keys
     */
    SignatureHeaders sign(String webhookId, long timestampSeconds, byte[] body, List<? extends SigningKey> keys);
}
