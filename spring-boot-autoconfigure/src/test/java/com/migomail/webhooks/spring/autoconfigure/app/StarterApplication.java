package com.migomail.webhooks.spring.autoconfigure.app;

import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.spring.autoconfigure.VerifiedWebhook;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** An application that is both sides: the starter's sender delivers to its own receiver controller. */
@SpringBootApplication
public class StarterApplication {

    /** The receiving side: every event that arrived verified. */
    @RestController
    public static class ReceiverController {
        private final List<WebhookEvent> received = new CopyOnWriteArrayList<>();

        @PostMapping("/webhooks/migomail")
        ResponseEntity<Void> receive(@VerifiedWebhook WebhookEvent event) {
            received.add(event);
            return ResponseEntity.noContent().build();
        }

        List<WebhookEvent> received() {
            return received;
        }

        /** An endpoint its customer deleted: the sender disables it on the first 410. */
        @PostMapping("/webhooks/gone")
        ResponseEntity<Void> gone(@VerifiedWebhook WebhookEvent event) {
            return ResponseEntity.status(HttpStatus.GONE).build();
        }
    }
}
