package com.migomail.webhooks.examples.readme;

import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.delivery.EndpointRegistration;
import com.migomail.webhooks.delivery.PublishReceipt;
import com.migomail.webhooks.delivery.RegisteredEndpoint;
import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryQuery;
import com.migomail.webhooks.store.Endpoint;
import com.migomail.webhooks.store.ErasureCounts;
import com.migomail.webhooks.store.Page;
import com.migomail.webhooks.store.TenantId;
import com.migomail.webhooks.store.WebhookStore;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** The README's tenant examples: scoping, deleting an endpoint, a tenant or a subscriber, the index key. */
final class TenantExamples {
    private TenantExamples() {}

    static Page<Delivery> scoped(WebhookSender sender, WebhookEvent event) {
        TenantId acme = TenantId.of("acme");                    // your own account id: 1-64 of [A-Za-z0-9._:-]
        TenantId globex = TenantId.of("globex");

        RegisteredEndpoint endpoint = sender.registerEndpoint(acme,
                EndpointRegistration.of("https://hooks.acme.example/migomail", "*"));
        PublishReceipt receipt = sender.publish(acme, event);   // to acme's endpoints only, never globex's

        List<Endpoint> acmeEndpoints = sender.endpoints(acme);              // listings are per tenant too
        Optional<Endpoint> none = sender.endpoint(globex, endpoint.id());   // empty: acme's id is unknown to globex
        Page<Delivery> log = sender.deliveries(acme, DeliveryQuery.all().withEvent(receipt.eventId()));
        System.out.println(acmeEndpoints.size() + " endpoints, " + none.isPresent());
        return log;
    }

    static void delete(WebhookSender sender, TenantId acme, String endpointId) {
        sender.deleteEndpoint(acme, endpointId);                 // pending deliveries CANCELLED; its log stays

        ErasureCounts erased = sender.eraseSubscriber(acme, "Jane@Example.com");   // any letter case
        System.out.println("erased " + erased.events() + " events, " + erased.deliveries() + " deliveries, "
                + erased.attempts() + " attempts");

        ErasureCounts closed = sender.deleteTenant(acme);        // stop publishing for acme first
        System.out.println("deleted " + closed.endpoints() + " endpoints and " + closed.events() + " events");
    }

    static WebhookSender withIndexKey(WebhookStore store) {
        byte[] indexKey = Base64.getDecoder().decode(System.getenv("WEBHOOK_SUBSCRIBER_INDEX_KEY")); // 32+ bytes
        WebhookSender sender = WebhookSender.builder()
                .store(store)
                .subscriberIndexKey(indexKey)                   // before the first publish, and kept for good
                .build();
        return sender;
    }
}
