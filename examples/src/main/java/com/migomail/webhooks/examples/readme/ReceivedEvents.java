package com.migomail.webhooks.examples.readme;

import com.migomail.webhooks.core.BounceType;
import com.migomail.webhooks.core.EmailBounced;
import com.migomail.webhooks.core.EmailOpened;
import com.migomail.webhooks.core.EventData;
import com.migomail.webhooks.core.UnknownEventData;
import com.migomail.webhooks.core.WebhookEvent;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** What a receiver does with a verified event: the receiver examples call it. */
public final class ReceivedEvents {
    private static final Set<String> PROCESSED = ConcurrentHashMap.newKeySet(); // in production: a unique key in your database

    private ReceivedEvents() {}

    /**
     * Handles one verified event, once per id.
     *
     * @param event the verified event; an id already handled is ignored
     */
    public static void handle(WebhookEvent event) {
        if (!PROCESSED.add(event.id())) {
            return;                                   // delivery is at-least-once: a retry or a replay
        }
        EventData data = event.data();
        if (data instanceof EmailOpened opened) {
            System.out.println(opened.subscriber().email() + " opened in " + opened.client());
        } else if (data instanceof EmailBounced bounced && bounced.bounceType() == BounceType.HARD) {
            suppress(bounced.subscriber().email());
        } else if (data instanceof UnknownEventData unknown) {
            System.out.println("ignoring " + unknown.eventType() + ", a type newer than this library");
        }
    }

    private static void suppress(String email) {
        System.out.println("no more mail to " + email);
    }
}
