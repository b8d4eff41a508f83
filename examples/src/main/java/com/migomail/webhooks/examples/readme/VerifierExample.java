package com.migomail.webhooks.examples.readme;

import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.core.WebhookReceiver;
import com.migomail.webhooks.signing.SignatureScheme;
import com.migomail.webhooks.signing.WebhookVerifier;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The README's verifier options, signature check without parsing, and receiver rotation. */
final class VerifierExample {
    private VerifierExample() {}

    static WebhookVerifier options(String secret) {
        WebhookVerifier verifier = WebhookVerifier.builder()
                .key(secret)                                   // repeat, or keys(...), to accept several
                .tolerance(Duration.ofMinutes(5))              // the default
                .clock(Clock.systemUTC())                      // the default
                .schemes(SignatureScheme.STANDARD_WEBHOOKS)    // the default; add SignatureScheme.MIGOMAIL for X-Migomail-Signature
                .build();
        return verifier;
    }

    static WebhookEvent checkOnly(WebhookVerifier verifier, Map<String, List<String>> headers, byte[] body) {
        verifier.verify(headers, body);                       // returns, or throws WebhookVerificationException
        WebhookEvent event = WebhookReceiver.create(verifier).receive(headers, body);   // verify, then parse
        return event;
    }

    static WebhookVerifier duringRotation(String oldSecret, String newSecret) {
        WebhookVerifier verifier = WebhookVerifier.builder()
                .key(oldSecret)
                .key(newSecret)                                // either one verifies during the overlap
                .build();
        return verifier;
    }
}
