package com.migomail.webhooks.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.migomail.webhooks.delivery.TestTenants.OTHER;
import static com.migomail.webhooks.delivery.TestTenants.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.migomail.webhooks.core.EventType;
import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.delivery.testing.TenantEvents;
import com.migomail.webhooks.store.DeliveryQuery;
import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.ErasureCounts;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Deleting endpoints and tenants and erasing subscribers through the sender, with a receiver on loopback. */
class TenantLifecycleTest extends SenderTestSupport {

    @Test
    void aDeletedEndpointsPendingDeliveriesAreCancelledAndNeverSentButItsLogStays() {
        receiver.stubFor(post("/hook").willReturn(ok()));
        WebhookSender sender = sender(b -> b);
        String endpointId = sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*")).id();
        String delivered = sender.publish(TENANT, openedEvent()).deliveryIds().get(0);
        sender.start();
        awaitStatus(delivered, DeliveryStatus.DELIVERED);
        sender.close();
        WebhookSender next = sender(b -> b);
        String pending = next.publish(TENANT, openedEvent()).deliveryIds().get(0);

        next.deleteEndpoint(TENANT, endpointId);
        next.start();
        String probe = next.publish(TENANT, openedEvent()).deliveryIds().stream().findFirst().orElse(null);

        assertThat(probe).as("a deleted endpoint gets no new deliveries").isNull();
        assertThat(delivery(pending).status()).isEqualTo(DeliveryStatus.CANCELLED);
        assertThat(next.endpoint(TENANT, endpointId)).isEmpty();
        assertThat(next.deliveries(TENANT, DeliveryQuery.all().withEndpoint(endpointId)).items())
                .extracting(d -> d.id()).containsExactly(delivered, pending);
        assertThat(next.attempts(TENANT, delivered)).hasSize(1);
        await().during(Duration.ofMillis(200)).atMost(WAIT)
                .until(() -> receiver.findAll(postRequestedFor(urlEqualTo("/hook"))).size() == 1);
        assertThatThrownBy(() -> next.deleteEndpoint(TENANT, endpointId)).isInstanceOf(UnknownIdException.class);
    }

    @Test
    void anErasedSubscribersPendingDeliveriesAreNotSentAfterwards() {
        receiver.stubFor(post("/hook").willReturn(ok()));
        WebhookSender sender = sender(b -> b);
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));
        sender.registerEndpoint(OTHER, EndpointRegistration.of(url("/hook"), "*"));
        for (EventType type : EventType.values()) {
            sender.publish(TENANT, TenantEvents.of(type, "jane@example.com", clock));
        }
        String john = sender.publish(TENANT, TenantEvents.of(EventType.EMAIL_OPENED, "john@example.com", clock))
                .deliveryIds().get(0);
        String janeElsewhere = sender.publish(OTHER, TenantEvents.of(EventType.EMAIL_OPENED, "jane@example.com", clock))
                .deliveryIds().get(0);

        ErasureCounts erased = sender.eraseSubscriber(TENANT, "Jane@Example.COM");
        sender.start();

        assertThat(erased).isEqualTo(new ErasureCounts(10, 10, 0, 0));
        awaitStatus(john, DeliveryStatus.DELIVERED);
        await().atMost(WAIT).until(() -> store.delivery(OTHER, janeElsewhere).orElseThrow().status()
                == DeliveryStatus.DELIVERED);
        // The two campaign events name no subscriber and stay; of jane's ten, nothing is sent.
        await().during(Duration.ofMillis(200)).atMost(WAIT)
                .until(() -> receiver.findAll(postRequestedFor(urlEqualTo("/hook"))).size() == 2 + 2);
        assertThat(sender.eraseSubscriber(TENANT, "jane@example.com")).isEqualTo(ErasureCounts.NONE);
    }

    @Test
    void eventsStoredWithoutASubscriberKeyAreIndexedBeforeTheErasureAndErasedToo() {
        WebhookSender sender = sender(b -> b);
        String endpointId = sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*")).id();
        // As a store of JDBC schema version 1 holds them: bodies that name the subscriber, no key.
        java.util.List<String> jane = new java.util.ArrayList<>();
        for (EventType type : java.util.List.of(EventType.EMAIL_OPENED, EventType.SUBSCRIBER_UPDATED,
                EventType.AUTOMATION_COMPLETED)) {
            jane.add(storedWithoutKey(TenantEvents.of(type, "jane@example.com", clock), endpointId));
        }
        String john = storedWithoutKey(TenantEvents.of(EventType.EMAIL_OPENED, "john@example.com", clock), endpointId);
        String campaign = storedWithoutKey(TenantEvents.of(EventType.CAMPAIGN_SENT, "-", clock), endpointId);

        ErasureCounts erased = sender.eraseSubscriber(TENANT, "Jane@Example.com");

        assertThat(erased).isEqualTo(new ErasureCounts(3, 3, 0, 0));
        jane.forEach(id -> assertThat(store.event(TENANT, id)).isEmpty());
        assertThat(store.event(TENANT, john).orElseThrow().subscriberKey()).hasSize(43);
        assertThat(store.event(TENANT, campaign).orElseThrow().subscriberKey()).isNull();
        assertThat(sender.eraseSubscriber(TENANT, "john@example.com").events()).isEqualTo(1);
    }

    private String storedWithoutKey(WebhookEvent event, String endpointId) {
        store.append(new com.migomail.webhooks.store.StoredEvent(event.id(), TENANT, event.type(), event.timestamp(),
                clock.instant(), com.migomail.webhooks.core.EventCodec.writeString(event)),
                java.util.List.of(new com.migomail.webhooks.store.NewDelivery(
                        com.migomail.webhooks.core.TypeId.generate("dlv").toString(), endpointId, DeliveryStatus.PENDING)));
        return event.id();
    }

    @Test
    void theSubscriberIndexHoldsAKeyedHashNeverTheAddress() {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 7);
        WebhookSender withHostKey = sender(b -> b.subscriberIndexKey(key));
        WebhookSender withStoreKey = sender(b -> b);
        withHostKey.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));
        WebhookEvent first = TenantEvents.of(EventType.EMAIL_OPENED, "Jane@Example.com", clock);
        WebhookEvent second = TenantEvents.of(EventType.EMAIL_OPENED, "jane@example.com", clock);
        WebhookEvent third = TenantEvents.of(EventType.EMAIL_OPENED, "jane@example.com", clock);
        withHostKey.publish(TENANT, first);
        withHostKey.publish(TENANT, second);
        withStoreKey.publish(TENANT, third);

        String hostKeyed = store.event(TENANT, first.id()).orElseThrow().subscriberKey();
        assertThat(store.event(TENANT, second.id()).orElseThrow().subscriberKey()).isEqualTo(hostKeyed);
        assertThat(store.event(TENANT, third.id()).orElseThrow().subscriberKey()).isNotEqualTo(hostKeyed);
        assertThat(hostKeyed).hasSize(43).doesNotContainIgnoringCase("jane").doesNotContainIgnoringCase("example");
        assertThat(withStoreKey.eraseSubscriber(TENANT, "JANE@example.com").events()).isEqualTo(1);
        assertThat(withHostKey.eraseSubscriber(TENANT, "JANE@example.com").events()).isEqualTo(2);
    }

    @Test
    void theSubscriberIndexKeyMustBeLongEnough() {
        assertThatThrownBy(() -> WebhookSender.builder().subscriberIndexKey(new byte[31]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("subscriberIndexKey must be at least 32 bytes: 31");
        assertThatThrownBy(() -> WebhookSender.builder().subscriberIndexKey(null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void everyTenantArgumentIsRequired() {
        WebhookSender sender = sender(b -> b);
        assertThatThrownBy(() -> sender.publish(null, openedEvent())).isInstanceOf(NullPointerException.class)
                .hasMessage("tenant cannot be null");
        assertThatThrownBy(() -> sender.registerEndpoint(null, EndpointRegistration.of(url("/hook"), "*")))
                .isInstanceOf(NullPointerException.class).hasMessage("tenant cannot be null");
        assertThatThrownBy(() -> sender.endpoints(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> sender.deliveries(null, DeliveryQuery.all())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> sender.deleteTenant(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> sender.eraseSubscriber(TENANT, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void anEventIdAlreadyPublishedForAnotherTenantIsRefusedWithoutRevealingIt() {
        WebhookSender sender = sender(b -> b);
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));
        WebhookEvent event = openedEvent();
        sender.publish(TENANT, event);

        assertThatThrownBy(() -> sender.publish(OTHER, event))
                .isInstanceOf(com.migomail.webhooks.store.StoreException.class)
                .hasMessage("event id is taken: " + event.id());
        assertThat(sender.deliveries(OTHER, DeliveryQuery.all()).items()).isEmpty();
        assertThat(store.event(OTHER, event.id())).isEmpty();
    }
}
