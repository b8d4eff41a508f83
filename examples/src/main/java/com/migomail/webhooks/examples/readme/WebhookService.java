package com.migomail.webhooks.examples.readme;

import com.migomail.webhooks.core.EmailOpened;
import com.migomail.webhooks.core.Subscriber;
import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.delivery.DeliveryListener;
import com.migomail.webhooks.delivery.EndpointRegistration;
import com.migomail.webhooks.delivery.PublishReceipt;
import com.migomail.webhooks.delivery.RegisteredEndpoint;
import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.jdbc.JdbcWebhookStore;
import java.nio.file.Path;
import java.util.Map;

/** The sender side of an application: one sender for the process, built at startup. */
public final class WebhookService implements AutoCloseable {
    private final JdbcWebhookStore store = JdbcWebhookStore.h2File(Path.of("data/webhooks")); // or PostgreSQL
    private final WebhookSender sender = WebhookSender.builder()
            .store(store)
            .listener(new DeliveryListener() {
                @Override
                public void onFailed(Delivery delivery, DeliveryAttempt attempt) {
                    System.err.println("webhook " + delivery.id() + " failed after " + attempt.number() + " attempts");
                }
            })
            .build();

    /** Opens the store and starts the sender. */
    public WebhookService() {
        sender.start();          // also delivers what an earlier run left due in the store
    }

    /**
     * A customer adds an endpoint: show them its secret once.
     *
     * @param url where the customer receives webhooks
     * @param customerId the customer, kept in the endpoint's metadata
     * @return the endpoint's secret ({@code whsec_…}) that the customer verifies deliveries with
     */
    public String addEndpoint(String url, String customerId) {
        RegisteredEndpoint endpoint = sender.registerEndpoint(
                EndpointRegistration.of(url, "email.*", "campaign.sent")     // exact types, families or "*"
                        .withDescription("CRM sync")
                        .withMetadata(Map.of("customer", customerId)));
        return endpoint.key().encoded();                                     // "whsec_…"
    }

    /**
     * Something happened: publish returns once the store has the event; delivery is asynchronous.
     *
     * @param messageId the message that was opened ({@code msg_…})
     * @param email the recipient who opened it
     */
    public void emailOpened(String messageId, String email) {
        PublishReceipt receipt = sender.publish(WebhookEvent.of(EmailOpened.builder(messageId, Subscriber.of(email))
                .ipAddress("203.0.113.42")
                .client("Apple Mail")
                .device("iPhone")
                .build()));
        System.out.println(receipt.eventId() + " -> " + receipt.deliveryIds().size() + " endpoints");
    }

    @Override
    public void close() {
        sender.close();          // in-flight attempts finish; the rest stay due in the store
        store.close();
    }
}
