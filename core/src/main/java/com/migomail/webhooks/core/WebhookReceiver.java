package com.migomail.webhooks.core;

import com.migomail.webhooks.core.internal.Checks;
import com.migomail.webhooks.signing.WebhookVerificationException;
import com.migomail.webhooks.signing.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The receiver's one call: verify a webhook request, then read its event.
 *
 * <pre>{@code
 * WebhookReceiver receiver = WebhookReceiver.create(verifier);   // once, at startup
 * WebhookEvent event = receiver.receive(headers, body);         // per request
 * }</pre>
 *
 * <p>The signature is checked first, over the raw body; a body is parsed only once it has been
 * verified, so an attacker's bytes never reach the JSON parser. Pass the body exactly as received:
 * re-serialized JSON has other bytes and fails verification.
 *
 * <p>Thread-safe if the verifier is (the signing module's verifiers are); build one and share it.
 */
public final class WebhookReceiver {
    private final WebhookVerifier verifier;

    private WebhookReceiver(WebhookVerifier verifier) {
        this.verifier = verifier;
    }

    /**
     * A receiver that verifies with that verifier.
     *
     * @param verifier the configured verifier (secrets, tolerance, accepted schemes)
     * @return the receiver
     * @throws NullPointerException if {@code verifier} is null
     */
    public static WebhookReceiver create(WebhookVerifier verifier) {
        return new WebhookReceiver(Checks.notNull(verifier, "verifier"));
    }

    /**
     * Verifies the request, then reads its event.
     *
     * @param headers the request headers, names in any case
     * @param body the raw body bytes
     * @return the event; of unknown type ({@link UnknownEventData}) if this version does not know it
     * @throws NullPointerException if an argument is null
     * @throws WebhookVerificationException if the request is refused (the body is then not parsed)
     * @throws EventFormatException if the verified body is not a valid event
     */
    public WebhookEvent receive(Map<String, List<String>> headers, byte[] body) {
        Checks.notNull(headers, "headers");
        Checks.notNull(body, "body");
        verifier.verify(headers, body);
        return EventCodec.read(body);
    }

    /**
     * Verifies the request, then reads its event; for frameworks that hand over the body as text.
     * The text is encoded as UTF-8 for verification, which gives back the bytes sent when the
     * framework decoded them as UTF-8 (the body is {@code application/json}).
     *
     * @param headers the request headers, names in any case
     * @param body the body text
     * @return the event
     * @throws NullPointerException if an argument is null
     * @throws WebhookVerificationException if the request is refused (the body is then not parsed)
     * @throws EventFormatException if the verified body is not a valid event
     */
    public WebhookEvent receive(Map<String, List<String>> headers, String body) {
        return receive(headers, Checks.notNull(body, "body").getBytes(StandardCharsets.UTF_8));
    }
}
