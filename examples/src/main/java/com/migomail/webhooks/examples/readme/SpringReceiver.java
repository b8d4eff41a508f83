package com.migomail.webhooks.examples.readme;

import com.migomail.webhooks.core.EventFormatException;
import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.core.WebhookReceiver;
import com.migomail.webhooks.signing.WebhookVerificationException;
import com.migomail.webhooks.signing.WebhookVerifier;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** A receiver in a Spring Boot (Spring MVC) application. */
@RestController
public class SpringReceiver {
    private static final int MAX_BODY = 1 << 20;   // 1 MiB: events are a few KiB; a larger body is refused unread

    private final WebhookReceiver receiver;

    /**
     * Builds the receiver once, for every request.
     *
     * @param secret the endpoint's key ({@code whsec_…}, a raw secret or a {@code whpk_…} public key),
     *     from {@code migomail.webhook-secret}
     */
    public SpringReceiver(@Value("${migomail.webhook-secret}") String secret) {
        this.receiver = WebhookReceiver.create(WebhookVerifier.builder().key(secret).build());
    }

    /**
     * Verifies and handles one delivery.
     *
     * @param headers the request headers, with the signature
     * @param in the raw request body
     * @return 204 if the event was handled, 401 if it is not signed by the key, 400 if it is signed but
     *     not an event, 413 if the body is larger than any event
     * @throws IOException if the body cannot be read
     */
    @PostMapping("/webhooks/migomail")
    public ResponseEntity<Void> receive(@RequestHeader MultiValueMap<String, String> headers,
            InputStream in) throws IOException {  // the raw body, never a parsed and re-encoded object
        byte[] body = in.readNBytes(MAX_BODY + 1);   // not @RequestBody byte[]: that reads any size
        if (body.length > MAX_BODY) {
            return ResponseEntity.status(413).build();
        }
        try {
            WebhookEvent event = receiver.receive(headers, body);
            ReceivedEvents.handle(event);
            return ResponseEntity.noContent().build();
        } catch (WebhookVerificationException e) {
            return ResponseEntity.status(401).build();
        } catch (EventFormatException e) {
            return ResponseEntity.badRequest().build();
        }
    }
}
