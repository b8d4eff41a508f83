package com.migomail.webhooks.examples.springboot;

import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.spring.autoconfigure.VerifiedWebhook;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The receiving side: the starter verifies the raw body before this method runs. */
@RestController
public class WebhookController {
    private final Set<String> processed = ConcurrentHashMap.newKeySet();   // in production: a unique key in your database
    private final List<WebhookEvent> received = new CopyOnWriteArrayList<>();

    /**
     * Handles one verified delivery. Refused requests never get here: 401 for a bad signature,
     * 400 for a signed body that is not an event, 413 for a body over the limit (problem+json).
     *
     * @param event the verified event
     * @return 204
     */
    @PostMapping("/webhooks/migomail")
    public ResponseEntity<Void> receive(@VerifiedWebhook WebhookEvent event) {
        if (processed.add(event.id())) {            // at-least-once: a retry or a replay brings the id again
            received.add(event);
        }
        return ResponseEntity.noContent().build();
    }

    /**
     * What arrived, once per event id.
     *
     * @return the events handled so far, oldest first
     */
    public List<WebhookEvent> received() {
        return List.copyOf(received);
    }
}
