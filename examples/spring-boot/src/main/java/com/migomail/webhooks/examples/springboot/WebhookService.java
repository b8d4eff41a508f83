package com.migomail.webhooks.examples.springboot;

import com.migomail.webhooks.core.EmailOpened;
import com.migomail.webhooks.core.Subscriber;
import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.delivery.EndpointRegistration;
import com.migomail.webhooks.delivery.PublishReceipt;
import com.migomail.webhooks.delivery.RegisteredEndpoint;
import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.signing.WebhookSecret;
import com.migomail.webhooks.store.TenantId;
import org.springframework.stereotype.Service;

/** The sending side: the starter's sender, started with the application, over its DataSource. */
@Service
public class WebhookService {
    private final WebhookSender sender;

    /**
     * A service over the application's sender.
     *
     * @param sender the starter's sender
     */
    public WebhookService(WebhookSender sender) {
        this.sender = sender;
    }

    /**
     * Registers a customer's endpoint for every event type.
     *
     * @param tenant the customer
     * @param url where the customer receives
     * @param secret the endpoint's secret, which the customer's receiver is configured with
     * @return the endpoint with its key
     */
    public RegisteredEndpoint subscribe(TenantId tenant, String url, WebhookSecret secret) {
        return sender.registerEndpoint(tenant, EndpointRegistration.of(url, "*").withSigningKey(secret));
    }

    /**
     * Publishes that a subscriber opened a message; delivery follows asynchronously.
     *
     * @param tenant the customer
     * @param email who opened it
     * @return the stored event and its deliveries
     */
    public PublishReceipt opened(TenantId tenant, String email) {
        return sender.publish(tenant, WebhookEvent.of(new EmailOpened("msg_01", null, Subscriber.of(email),
                null, null, "Apple Mail", null)));
    }
}
