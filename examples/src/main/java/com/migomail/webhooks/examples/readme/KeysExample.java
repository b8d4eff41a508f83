package com.migomail.webhooks.examples.readme;

import com.migomail.webhooks.signing.SignatureHeaders;
import com.migomail.webhooks.signing.SigningKey;
import com.migomail.webhooks.signing.SigningKeyPair;
import com.migomail.webhooks.signing.VerificationKey;
import com.migomail.webhooks.signing.WebhookSecret;
import com.migomail.webhooks.signing.WebhookSigner;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.List;

/** The README's "Secrets, keys and signatures" and "Signing a request yourself". */
final class KeysExample {
    private KeysExample() {}

    static void keys() {
        WebhookSecret secret = WebhookSecret.generate();           // 32 bytes from SecureRandom
        String stored = secret.encoded();                          // "whsec_…": keep it like a password
        WebhookSecret same = WebhookSecret.parse(stored);

        SigningKeyPair pair = SigningKeyPair.generate();           // Ed25519, from the JDK
        String forTheReceiver = pair.publicKey().encoded();        // "whpk_…": not a secret

        SigningKey anyKey = SigningKey.parse(stored);              // whsec_, whsk_ or raw
        VerificationKey receiverKey = VerificationKey.parse(forTheReceiver); // whsec_, whpk_ or raw
        System.out.println(same + " " + anyKey + " " + receiverKey);
    }

    static void shortRawSecret(String shortSecret, String stored) {
        // A GitHub-style secret under 16 bytes that receivers already hold: accepted only when asked for.
        WebhookSecret existing = WebhookSecret.parseAllowingShortRawSecret(shortSecret);
        SigningKey orKeyPair = SigningKey.parseAllowingShortRawSecret(stored);   // whsec_, whsk_ or raw
        System.out.println(existing + " " + orKeyPair);
    }

    static void signYourself(byte[] body, WebhookSecret secret, HttpRequest.Builder requestBuilder) {
        WebhookSigner signer = WebhookSigner.create();             // thread-safe, share one
        SignatureHeaders headers = signer.sign(
                "evt_01jhn8wygrfgz8ybavd8e9w3t2",                   // webhook-id: the event id
                Instant.now().getEpochSecond(),                     // webhook-timestamp: this attempt
                body,                                               // the exact bytes you will send
                List.of(secret));                                   // every active key of the endpoint
        headers.asMap().forEach(requestBuilder::header);
    }
}
