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
import com.migomail.webhooks.store.TenantId;
import com.migomail.webhooks.store.jdbc.JdbcWebhookStore;
import com.migomail.webhooks.store.jdbc.KeyEncryptionKey;
import com.migomail.webhooks.store.jdbc.SecretEncryptionKeys;
import java.nio.file.Path;
import java.util.Map;

/** The sender side of an application: one sender for the process, built at startup. */
public final class WebhookService implements AutoCloseable {
    private final JdbcWebhookStore store = JdbcWebhookStore.builder()
            .h2File(Path.of("data/webhooks"))                       // or .dataSource(...) for PostgreSQL
            .secretEncryption(SecretEncryptionKeys.of(               // endpoint secrets encrypted at rest
                    KeyEncryptionKey.fromBase64("2025-06", System.getenv("WEBHOOK_KEK")))) // 32 bytes, yours
            .build();
    private final WebhookSender sender = WebhookSender.builder()
            .store(store)
            .listener(new DeliveryListener() {
                @Override
                public void onFailed(Delivery delivery, DeliveryAttempt attempt) {
                    System.err.println("webhook " + delivery.id() + " of " + delivery.tenant() + " failed after "
                            + attempt.number() + " attempts");
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
     * @param customer the customer (tenant) the endpoint belongs to; it receives only their events
     * @param url where the customer receives webhooks
     * @return the endpoint's secret ({@code whsec_…}) that the customer verifies deliveries with
     */
    public String addEndpoint(TenantId customer, String url) {
        RegisteredEndpoint endpoint = sender.registerEndpoint(customer,     // the tenant comes first, always
                EndpointRegistration.of(url, "email.*", "campaign.sent")     // exact types, families or "*"
                        .withDescription("CRM sync")
                        .withMetadata(Map.of("integration", "crm")));
        return endpoint.key().encoded();                                     // "whsec_…"
    }

    /**
     * Something happened in a customer's account: publish returns once the store has the event;
     * delivery is asynchronous.
     *
     * @param customer the customer (tenant) whose subscriber opened the message
     * @param messageId the message that was opened ({@code msg_…})
     * @param email the recipient who opened it
     */
    public void emailOpened(TenantId customer, String messageId, String email) {
        WebhookEvent event = WebhookEvent.of(EmailOpened.builder(messageId, Subscriber.of(email))
                .ipAddress("203.0.113.42")
                .client("Apple Mail")
                .device("iPhone")
                .build());
        PublishReceipt receipt = sender.publish(customer, event);           // to this customer's endpoints only
        System.out.println(receipt.eventId() + " -> " + receipt.deliveryIds().size() + " endpoints of " + customer);
    }

    @Override
    public void close() {
        sender.close();          // in-flight attempts finish; the rest stay due in the store
        store.close();
    }
}
